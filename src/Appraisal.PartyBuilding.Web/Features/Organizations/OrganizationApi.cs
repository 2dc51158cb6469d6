using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Web.Features.Jobs;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Organizations;

public static class OrganizationApi
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Requests larger than this are cut off before the file reader sees them (the reader's own limit is 5 MB).</summary>
    public const long MaxRequestBytes = 6 * 1024 * 1024;

    public static IEndpointRouteBuilder MapOrganizationApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/organizations").WithTags("Organizations");

        group.MapGet("/", async (CurrentUser user, CancellationToken cancellationToken) =>
            {
                var visible = await user.VisibleOrganizationsAsync(cancellationToken);
                var list = await visible.AsNoTracking().Include(o => o.Groups).Include(o => o.Parent).OrderBy(o => o.Path).ToListAsync(cancellationToken);
                return TypedResults.Ok(list.Select(OrganizationDto.Of));
            })
            .WithName("ListOrganizations")
            .WithSummary("The organizations in the caller's scope, parents before children")
            .RequireAuthorization(Policies.ReadOrganizations);

        group.MapGet("/{code}", async Task<Results<Ok<OrganizationDto>, NotFound>> (string code, CurrentUser user, CancellationToken cancellationToken) =>
            {
                var visible = await user.VisibleOrganizationsAsync(cancellationToken);
                var organization = await visible.AsNoTracking().Include(o => o.Groups).Include(o => o.Parent).SingleOrDefaultAsync(o => o.Code == code, cancellationToken);
                return organization is null ? TypedResults.NotFound() : TypedResults.Ok(OrganizationDto.Of(organization));
            })
            .WithName("GetOrganization")
            .WithSummary("One organization in the caller's scope; 404 when it does not exist or lies outside the scope")
            .RequireAuthorization(Policies.ReadOrganizations);

        group.MapGet("/import", (OrganizationImport import) =>
                TypedResults.File(import.Template(), XlsxContentType, "组织导入模板.xlsx"))
            .WithName("OrganizationImportTemplate")
            .WithSummary("The .xlsx template for the organization import, with column help and drop-downs")
            .RequireAuthorization(Policies.ManageOrganizations);

        group.MapPost("/import", async Task<Results<Ok<ImportResponse>, Accepted<JobAccepted>, ProblemHttpResult>> (IFormFile? file, bool? wait, HttpRequest request, OrganizationImport import, BackgroundWork work, CurrentUser user, CancellationToken cancellationToken) =>
            {
                if (file is null)
                {
                    return ImportProblems.MissingFile();
                }

                var confirmations = ImportOutcome.ParseConfirmations(request.Form["confirm"].Concat(request.Query["confirm"]));
                // The integration contract answers an import directly (200 / 400); wait=false queues it as a job.
                if (wait == false)
                {
                    var login = user.Login;
                    var confirmed = confirmations.ToArray();
                    return JobsApi.Accepted(work.Start<ImportJobs>(job => job.OrganizationsAsync(login, confirmed, null!, CancellationToken.None), ImportJobs.OrganizationsKind, "组织导入", login, await BackgroundWork.ReadAsync(file, cancellationToken)));
                }

                await using var stream = file.OpenReadStream();
                var outcome = await import.ImportAsync(stream, user.Login, await user.ScopeAsync(cancellationToken), confirmations, cancellationToken);
                return outcome.Succeeded
                    ? TypedResults.Ok(new ImportResponse(outcome.Imported, outcome.Inserted, outcome.Updated, outcome.Unchanged))
                    : outcome.NeedsConfirmation ? ImportProblems.Unconfirmed(outcome) : ImportProblems.Rejected(outcome.Errors);
            })
            .WithName("ImportOrganizations")
            .WithSummary("Imports organizations from an .xlsx (multipart field `file`), all or nothing: 200 / 400 directly, or with wait=false 202 with the job's status URL")
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes))
            .RequireAuthorization(Policies.ManageOrganizations);

        return routes;
    }
}

public sealed record ImportResponse(int Imported, int Inserted, int Updated, int Unchanged);

public sealed record OrganizationDto(
    string Code,
    string Name,
    string? ParentCode,
    string Kind,
    string KindName,
    string? CategoryCode,
    int MemberCount,
    int CommitteeSize,
    IReadOnlyList<string> Groups)
{
    public static OrganizationDto Of(Organization o) => new(
        o.Code,
        o.Name,
        o.Parent?.Code,
        o.Kind.ToString(),
        o.Kind.DisplayName(),
        o.CategoryCode,
        o.MemberCount,
        o.CommitteeSize,
        o.Groups.Select(g => g.Name).Order(PartyGroupOrder.Instance).ToList());
}
