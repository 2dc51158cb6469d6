using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Scoring;

public static class ScoringApi
{
    public static IEndpointRouteBuilder MapScoringApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/periods/{id:int}").WithTags("Scoring");

        group.MapPost("/scoring", async Task<Results<Ok<ScoringResponse>, ProblemHttpResult>> (int id, bool? wait, PeriodScoring scoring, CurrentUser user, CancellationToken cancellationToken) =>
            {
                // Scoring runs in the request; the queued form (wait=false) arrives with the scheduler.
                var outcome = await scoring.RunAsync(id, user.Login, cancellationToken);
                return outcome.Error is null
                    ? TypedResults.Ok(new ScoringResponse(id, outcome.Scored, outcome.Skipped))
                    : TypedResults.Problem(title: "不能计分", detail: outcome.Error, statusCode: outcome.Status);
            })
            .WithName("ScorePeriod")
            .WithSummary("Computes all automatic scores of the period and returns when done")
            .RequireAuthorization(Policies.RootOrgAdmin);

        group.MapGet("/scores", async Task<Results<Ok<List<BranchScoreDto>>, NotFound>> (int id, AppraisalDbContext db, CurrentUser user, CancellationToken cancellationToken) =>
            {
                if (!await db.Periods.AnyAsync(p => p.Id == id, cancellationToken))
                {
                    return TypedResults.NotFound();
                }

                var scope = await user.ScopePathAsync(cancellationToken);
                var results = await db.BranchResults.AsNoTracking()
                    .Where(r => r.PeriodId == id && r.Branch!.Path.StartsWith(scope))
                    .Include(r => r.Branch)
                    .Include(r => r.Indicators)
                    .ToListAsync(cancellationToken);
                return TypedResults.Ok(results
                    .OrderBy(r => r.CategoryCode, StringComparer.Ordinal)
                    .ThenBy(r => r.Rank)
                    .ThenBy(r => r.Branch!.Code, StringComparer.Ordinal)
                    .Select(BranchScoreDto.Of)
                    .ToList());
            })
            .WithName("GetPeriodScores")
            .WithSummary("The period's scores of the branches in the caller's scope, with each indicator's explanation")
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
