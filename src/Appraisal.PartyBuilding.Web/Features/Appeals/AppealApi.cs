using Appraisal.PartyBuilding.Core.Appeals;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Appeals;

public static class AppealApi
{
    /// <summary>Appeals per API page unless pageSize says otherwise.</summary>
    public const int PageSize = 100;

    public static IEndpointRouteBuilder MapAppealApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/periods/{id:int}/appeals", async Task<Results<Created<AppealDto>, ValidationProblem, ProblemHttpResult>> (
                int id, FileAppealRequest request, AppealWorkflow appeals, CurrentUser user, CancellationToken cancellationToken) =>
                (await appeals.FileAsync(id, await user.ScopeAsync(cancellationToken), user.Login, request.IndicatorCode, request.Reason, request.Evidence, cancellationToken))
                    .ToCreated(a => $"/api/v1/appeals/{a.Id}", AppealDto.Of))
            .WithTags("Appeals")
            .WithName("FileAppeal")
            .WithSummary("A secretary appeals one indicator score of the own branch while the period's results are published and the window is open")
            .RequireAuthorization(Policies.FileAppeals);

        routes.MapGet("/api/v1/periods/{id:int}/appeals", async Task<Results<Ok<List<AppealDto>>, NotFound>> (
                int id, int? page, int? pageSize, AppealWorkflow appeals, Data.AppraisalDbContext db, CurrentUser user, HttpResponse response, CancellationToken cancellationToken) =>
            {
                if (!await db.Periods.AnyAsync(p => p.Id == id, cancellationToken))
                {
                    return TypedResults.NotFound();
                }

                var (number, size) = ListPaging.Clamp(page, pageSize, PageSize);
                var list = await appeals.Visible(await user.ScopePathAsync(cancellationToken)).Where(a => a.PeriodId == id).OrderBy(a => a.Id).ToListPageAsync(number, size, cancellationToken);
                response.AddPageHeaders(list);
                return TypedResults.Ok(list.Items.Select(AppealDto.Of).ToList());
            })
            .WithTags("Appeals")
            .WithName("ListAppeals")
            .WithSummary("One page (page, pageSize ≤ 500, default 100) of the period's appeals of the branches in the caller's scope, oldest first; totals in X-Total-Count and X-Page-Count")
            .RequireAuthorization(Policies.ReadAppeals);

        routes.MapGet("/api/v1/appeals/{id:long}", async Task<Results<Ok<AppealDto>, NotFound>> (
                long id, AppealWorkflow appeals, CurrentUser user, CancellationToken cancellationToken) =>
                await appeals.Visible(await user.ScopePathAsync(cancellationToken)).SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is { } appeal
                    ? TypedResults.Ok(AppealDto.Of(appeal))
                    : TypedResults.NotFound())
            .WithTags("Appeals")
            .WithName("GetAppeal")
            .WithSummary("One appeal within the caller's scope; 404 outside it")
            .RequireAuthorization(Policies.ReadAppeals);

        routes.MapPost("/api/v1/appeals/{id:long}/decision", async Task<Results<Ok<AppealDto>, ValidationProblem, ProblemHttpResult>> (
                long id, AppealDecisionRequest request, AppealWorkflow appeals, CurrentUser user, CancellationToken cancellationToken) =>
                (await appeals.DecideAsync(id, await user.ScopePathAsync(cancellationToken), user.Login, request.Upheld, request.NewScore, request.Opinion, cancellationToken))
                    .ToOk(AppealDto.Of))
            .WithTags("Appeals")
            .WithName("DecideAppeal")
            .WithSummary("An assessor or the 组织部 in scope, not the original scorer, upholds (re-scores, re-grades, re-ranks) or rejects an appeal")
            .RequireAuthorization(Policies.DecideAppeals);

        return routes;
    }
}

/// <param name="IndicatorCode">The indicator appealed, e.g. <c>shyk.committee</c>.</param>
/// <param name="Reason">申诉理由 (≤ 1000 characters).</param>
/// <param name="Evidence">申诉依据 (≤ 2000 characters): what shows the score is wrong.</param>
public sealed record FileAppealRequest(string? IndicatorCode, string? Reason, string? Evidence);

/// <param name="Upheld">true: the appeal is upheld and the indicator re-scored to <paramref name="NewScore"/>; false: rejected.</param>
/// <param name="NewScore">The new score (0..max, ≤ 2 decimals), required when upheld, absent when rejected.</param>
/// <param name="Opinion">复核意见, shown to the branch (≤ 1000 characters).</param>
public sealed record AppealDecisionRequest(bool? Upheld, decimal? NewScore, string? Opinion);

public sealed record AppealDto(
    long Id,
    int PeriodId,
    string BranchCode,
    string BranchName,
    string IndicatorCode,
    string Reason,
    string Evidence,
    string FiledBy,
    DateTimeOffset FiledAt,
    decimal OriginalScore,
    decimal MaxScore,
    string OriginalExplanation,
    string OriginalScorer,
    string State,
    string StateName,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? Opinion,
    decimal? NewScore)
{
    public static AppealDto Of(Appeal a) => new(
        a.Id,
        a.PeriodId,
        a.Branch!.Code,
        a.Branch.Name,
        a.IndicatorCode,
        a.Reason,
        a.Evidence,
        a.FiledBy,
        a.FiledAt,
        a.OriginalScore,
        a.MaxScore,
        a.OriginalExplanation,
        a.OriginalScorer,
        a.State.ToString().ToLowerInvariant(),
        a.State.DisplayName(),
        a.DecidedBy,
        a.DecidedAt,
        a.Opinion,
        a.NewScore);
}
