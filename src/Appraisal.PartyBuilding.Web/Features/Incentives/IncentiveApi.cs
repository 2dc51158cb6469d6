using Appraisal.PartyBuilding.Web.Features.Organizations;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Appraisal.PartyBuilding.Web.Features.Incentives;

public static class IncentiveApi
{
    /// <summary>Lines per API page unless pageSize says otherwise.</summary>
    public const int PageSize = 100;

    public static IEndpointRouteBuilder MapIncentiveApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/incentives/coefficients", async (IncentiveTable table, CancellationToken cancellationToken) =>
                TypedResults.Ok(await table.CoefficientsAsync(cancellationToken)))
            .WithTags("Incentives")
            .WithName("GetIncentiveCoefficients")
            .WithSummary("The coefficient table per grade (isDefault: not set by the 组织部, the configured default applies)")
            .RequireAuthorization(Policies.ReadIncentives);

        routes.MapPut("/api/v1/incentives/coefficients", async Task<Results<Ok<IReadOnlyList<CoefficientRow>>, ValidationProblem, ProblemHttpResult>> (
                CoefficientsRequest request, IncentiveTable table, CurrentUser user, CancellationToken cancellationToken) =>
                (await table.SaveAsync(request.Coefficients, user.Login, cancellationToken)).ToOk(rows => rows))
            .WithTags("Incentives")
            .WithName("SetIncentiveCoefficients")
            .WithSummary("Sets the coefficients of the grades given (0..5, 2 decimals), all or nothing, audited; the root's 组织部 only")
            .RequireAuthorization(Policies.RootOrgAdmin);

        routes.MapGet("/api/v1/periods/{id:int}/incentives", async Task<Results<Ok<List<IncentiveLineDto>>, ValidationProblem, ProblemHttpResult>> (
                int id, int? page, int? pageSize, IncentiveTable table, CurrentUser user, HttpResponse response, CancellationToken cancellationToken) =>
            {
                // The body stays a JSON array; the page is chosen by query and the totals travel in headers, as for the scores.
                var (number, size) = ListPaging.Clamp(page, pageSize, PageSize);
                var outcome = await table.ForPeriodAsync(id, await user.ScopePathAsync(cancellationToken), number, size, cancellationToken);
                if (outcome.Value is { } incentives)
                {
                    response.AddPageHeaders(incentives.Lines);
                }

                return outcome.ToOk(p => p.Lines.Items.Select(IncentiveLineDto.Of).ToList());
            })
            .WithTags("Incentives")
            .WithName("GetPeriodIncentives")
            .WithSummary("One page (page, pageSize ≤ 500, default 100) of a final period's coefficient and nominations (四强党支部, 党员先锋岗 candidates) per branch in the caller's scope, by category and rank; totals in X-Total-Count and X-Page-Count; 409 before final")
            .RequireAuthorization(Policies.ReadIncentives);

        routes.MapGet("/api/v1/periods/{id:int}/incentives.xlsx", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (
                int id, IncentiveTable table, CurrentUser user, CancellationToken cancellationToken) =>
            {
                var outcome = await table.ExportAsync(id, await user.ScopePathAsync(cancellationToken), cancellationToken);
                return outcome.Value is { } export
                    ? TypedResults.File(export.Workbook, OrganizationApi.XlsxContentType, $"{export.Period.AsQuarter}激励名单.xlsx")
                    : TypedResults.Problem(title: outcome.Title, detail: outcome.Detail, statusCode: outcome.Status);
            })
            .WithTags("Incentives")
            .WithName("ExportPeriodIncentives")
            .WithSummary("A final period's incentives in the caller's scope (every branch, unpaged: it is a file) as .xlsx for payroll; 409 before final")
            .RequireAuthorization(Policies.ManageIncentives);

        return routes;
    }
}

public sealed record CoefficientsRequest(List<CoefficientInput>? Coefficients);

public sealed record IncentiveLineDto(
    string BranchCode,
    string BranchName,
    string ParentName,
    string CategoryCode,
    string CategoryName,
    decimal Total,
    decimal MaxScore,
    string Grade,
    int Rank,
    int CategorySize,
    decimal Percentile,
    decimal Coefficient,
    bool FourStrong,
    bool Vanguard,
    string Explanation)
{
    public static IncentiveLineDto Of(IncentiveLine l) => new(
        l.Branch.Code,
        l.Branch.Name,
        l.ParentName,
        l.Result.CategoryCode,
        l.CategoryName,
        l.Result.Total,
        l.Result.MaxPoints,
        l.Result.Grade,
        l.Result.Rank,
        l.CategorySize,
        l.Result.Percentile,
        l.Decision.Coefficient,
        l.Decision.FourStrong,
        l.Decision.Vanguard,
        l.Decision.Explanation);
}
