using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Features.Jobs;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Scoring;

public static class ScoringApi
{
    /// <summary>Branches per page of <c>GET /scores</c> when the caller names no size: about 3,000 indicator rows.</summary>
    public const int ScoresPageSize = 100;

    public static IEndpointRouteBuilder MapScoringApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/periods/{id:int}").WithTags("Scoring");

        group.MapPost("/scoring", async Task<Results<Ok<ScoringResponse>, Accepted<JobAccepted>, ProblemHttpResult>> (int id, bool? wait, PeriodScoring scoring, BackgroundWork work, AppraisalDbContext db, CurrentUser user, CancellationToken cancellationToken) =>
            {
                if (wait != true)
                {
                    // Queued: split into one job per subtree that any node may run, then ranked once all are done.
                    if (await db.Periods.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken) is not { } period)
                    {
                        return TypedResults.Problem(title: "不能计分", detail: "考核期不存在。", statusCode: StatusCodes.Status404NotFound);
                    }

                    var login = user.Login;
                    return JobsApi.Accepted(work.Start<PeriodScoringJob>(job => job.RunAsync(id, login, null!, CancellationToken.None), PeriodScoringJob.Kind, $"{period.AsQuarter}计分", login));
                }

                // For scripts: scoring runs in the request and the answer is the result.
                var outcome = await scoring.RunAsync(id, user.Login, cancellationToken);
                return outcome.Error is null
                    ? TypedResults.Ok(new ScoringResponse(id, outcome.Scored, outcome.Skipped))
                    : TypedResults.Problem(title: "不能计分", detail: outcome.Error, statusCode: outcome.Status);
            })
            .WithName("ScorePeriod")
            .WithSummary("Computes all automatic scores of the period: 202 with the job's status URL, or with wait=true the result when done")
            .RequireAuthorization(Policies.RootOrgAdmin);

        group.MapGet("/scores", async Task<Results<Ok<List<BranchScoreDto>>, NotFound>> (int id, int? page, int? pageSize, AppraisalDbContext db, CurrentUser user, HttpResponse response, CancellationToken cancellationToken) =>
            {
                if (!await db.Periods.AnyAsync(p => p.Id == id, cancellationToken))
                {
                    return TypedResults.NotFound();
                }

                // SPEC fixes the body as a JSON array, so the page is chosen by query and the totals travel in headers:
                // a province's scores with every explanation were 49 MB in one response (issue 11).
                var (number, size) = ListPaging.Clamp(page, pageSize, ScoresPageSize);
                var scope = await user.ScopePathAsync(cancellationToken);
                var results = await db.BranchResults.AsNoTracking()
                    .Where(r => r.PeriodId == id && r.Branch!.Path.StartsWith(scope))
                    .OrderBy(r => r.CategoryCode).ThenBy(r => r.Rank).ThenBy(r => r.Branch!.Code)
                    .Select(r => new
                    {
                        r.Id,
                        Dto = new BranchScoreDto(r.Branch!.Code, r.Branch.Name, r.CategoryCode, r.Total, r.MaxPoints, r.Grade, r.GradeExplanation, r.Rank, r.Percentile, Array.Empty<IndicatorScoreDto>()),
                    })
                    .ToListPageAsync(number, size, cancellationToken);
                var ids = results.Items.Select(r => r.Id).ToList();
                var indicators = (await db.Set<Core.Periods.BranchIndicatorScore>().AsNoTracking()
                        .Where(i => ids.Contains(i.BranchResultId))
                        .OrderBy(i => i.Id)
                        .Select(i => new { i.BranchResultId, Dto = new IndicatorScoreDto(i.Code, i.DimensionCode, i.Score, i.MaxScore, i.Explanation) })
                        .ToListAsync(cancellationToken))
                    .ToLookup(i => i.BranchResultId, i => i.Dto);
                response.AddPageHeaders(results);
                return TypedResults.Ok(results.Items.Select(r => r.Dto with { Indicators = indicators[r.Id].ToList() }).ToList());
            })
            .WithName("GetPeriodScores")
            .WithSummary("One page (page, pageSize ≤ 500, default 100) of the period's scores in the caller's scope, with each indicator's explanation; totals in X-Total-Count and X-Page-Count")
            .RequireAuthorization(Policies.ReadPeriods);

        return routes;
    }
}

public sealed record ScoringResponse(int PeriodId, int Scored, int Skipped);

public sealed record BranchScoreDto(
    string BranchCode,
    string BranchName,
    string CategoryCode,
    decimal Total,
    decimal MaxScore,
    string Grade,
    string GradeExplanation,
    int Rank,
    decimal Percentile,
    IReadOnlyList<IndicatorScoreDto> Indicators)
{
    public static BranchScoreDto Of(Core.Periods.BranchResult r) => new(
        r.Branch!.Code,
        r.Branch.Name,
        r.CategoryCode,
        r.Total,
        r.MaxPoints,
        r.Grade,
        r.GradeExplanation,
        r.Rank,
        r.Percentile,
        r.Indicators.OrderBy(i => i.Id).Select(i => new IndicatorScoreDto(i.Code, i.DimensionCode, i.Score, i.MaxScore, i.Explanation)).ToList());
}

public sealed record IndicatorScoreDto(string Code, string DimensionCode, decimal Score, decimal MaxScore, string Explanation);
