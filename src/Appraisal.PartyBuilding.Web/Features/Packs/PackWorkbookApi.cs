using Appraisal.PartyBuilding.Core.Imports;
using Appraisal.PartyBuilding.Excel.Packs;
using Appraisal.PartyBuilding.Web.Features.Organizations;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Appraisal.PartyBuilding.Web.Features.Packs;

/// <summary>
/// Packs authored in Excel: the template, and a check of a filled-in workbook that reports what it would install
/// or every error with its sheet, row and column. Nothing is installed or saved here.
/// </summary>
public static class PackWorkbookApi
{
    public static IEndpointRouteBuilder MapPackWorkbookApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/packs").WithTags("Packs");

        group.MapGet("/workbook-template", () =>
                TypedResults.File(PackWorkbook.Template(), OrganizationApi.XlsxContentType, "指标包模板.xlsx"))
            .WithName("PackWorkbookTemplate")
            .WithSummary("The .xlsx template for authoring an indicator pack in Excel, with drop-downs and a 说明 sheet")
            .RequireAuthorization(Policies.ManagePacks);

        group.MapPost("/workbook/validate", async Task<Results<Ok<PackWorkbookSummary>, ProblemHttpResult>> (IFormFile? file) =>
            {
                if (file is null)
                {
                    return Rejected([new ImportError(0, "", "请上传 .xlsx 文件（表单字段 file）。")]);
                }

                await using var stream = file.OpenReadStream();
                var result = PackWorkbook.Read(stream);
                return result.Pack is { } pack ? TypedResults.Ok(PackWorkbookSummary.Of(pack)) : Rejected(result.Errors);
            })
            .WithName("ValidatePackWorkbook")
            .WithSummary("Checks a pack workbook (multipart field `file`): 200 with its id, version and categories with totals, or 400 with every error")
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(OrganizationApi.MaxRequestBytes))
            .RequireAuthorization(Policies.ManagePacks);

        return routes;
    }

    private static ProblemHttpResult Rejected(IReadOnlyList<ImportError> errors) =>
        TypedResults.Problem(
            title: "指标包文件校验未通过",
            detail: $"文件中有{errors.Count}处错误，请修改后重新校验。",
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["errors"] = errors });
}

/// <summary>What a valid pack workbook holds.</summary>
public sealed record PackWorkbookSummary(string Id, string Version, string Name, IReadOnlyList<PackWorkbookCategory> Categories)
{
    public static PackWorkbookSummary Of(WorkbookPack pack) => new(
        pack.Manifest.Id,
        pack.Manifest.Version,
        pack.Manifest.Name,
        pack.Manifest.Categories.Select(c => new PackWorkbookCategory(
            c.Code,
            c.Name,
            c.MaxPoints,
            c.Dimensions.Select(d => new PackWorkbookDimension(d.Code, d.Name, d.MaxPoints, d.Indicators.Count)).ToList(),
            c.Grades.Bands.Select(b => new PackWorkbookGrade(b.Name, b.MinPercent)).ToList())).ToList());
}

public sealed record PackWorkbookCategory(string Code, string Name, decimal Total, IReadOnlyList<PackWorkbookDimension> Dimensions, IReadOnlyList<PackWorkbookGrade> Grades);

public sealed record PackWorkbookDimension(string Code, string Name, decimal MaxPoints, int Indicators);

public sealed record PackWorkbookGrade(string Name, decimal MinPercent);
