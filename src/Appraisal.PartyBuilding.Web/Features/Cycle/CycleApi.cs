using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Web.Features.Periods;
using Appraisal.PartyBuilding.Web.Platform;
using Appraisal.PartyBuilding.Web.Features.Schedule;
using Microsoft.AspNetCore.Http.HttpResults;
using Hangfire;

namespace Appraisal.PartyBuilding.Web.Features.Cycle;

public static class CycleApi
{
    public static IEndpointRouteBuilder MapCycleApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/periods/{id:int}/transitions", MoveAsync)
            .WithTags("Periods")
            .WithName("MovePeriod")
            .WithSummary("Moves a period one step forward: open → scoring (computes the scores) → published (opens the appeal window) → final")
            .RequireAuthorization(Policies.RootOrgAdmin);
        return routes;
    }

    private static async Task<Results<Ok<PeriodDto>, ValidationProblem, ProblemHttpResult>> MoveAsync(
        int id,
        TransitionRequest request,
        PeriodTransitions transitions,
        CurrentUser user,
        TimeProvider clock,
        HttpContext http,
        CancellationToken cancellationToken)
    {
        if (ParseState(request.To) is not { } to)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["to"] = ["目标状态应为 scoring（评分中）、published（公示中）或 final（已定稿）"] },
                title: "考核期状态参数有误");
        }

        var result = await transitions.MoveAsync(id, to, PeriodActor.OrgAdmin, user.Login, request.CloseAppealsEarly ?? false, cancellationToken, request.ConfirmMissingManualScores ?? false);
        if (result.Period is not null && to is PeriodState.Published or PeriodState.Final)
        {
            await ReportSoonAsync(http.RequestServices);
        }

        if (result.Gaps is { } gaps)
        {
            return TypedResults.Problem(
                title: "人工评分尚未完成",
                detail: result.Error,
                statusCode: result.Status,
                extensions: new Dictionary<string, object?>
                {
                    ["missingManualScores"] = new
                    {
                        branches = gaps.Branches,
                        missing = gaps.Missing,
                        expected = gaps.Expected,
                        categories = gaps.Categories.Select(c => new { categoryCode = c.CategoryCode, categoryName = c.CategoryName, branches = c.Branches, missing = c.Missing, expected = c.Expected }),
                    },
                });
        }

        return result.Period is { } period
            ? TypedResults.Ok(PeriodDto.Of(period, clock.GetUtcNow()))
            : TypedResults.Problem(title: result.Status == StatusCodes.Status404NotFound ? "考核期不存在" : "不能变更考核期状态", detail: result.Error, statusCode: result.Status);
    }

    /// <summary>
    /// Queues the quarterly report file now rather than waiting for its hourly run (any node with workers runs it).
    /// Failing to queue is logged, not an error: the hourly run catches up.
    /// </summary>
    private static Task ReportSoonAsync(IServiceProvider services)
    {
        try
        {
            services.GetRequiredService<IBackgroundJobClient>().Enqueue<QuarterlyReportJob>(job => job.RunAsync(CancellationToken.None));
        }
        catch (BackgroundJobClientException exception)
        {
            services.GetRequiredService<ILogger<PeriodTransitions>>().LogWarning(exception, "Could not queue the quarterly report now");
        }

        return Task.CompletedTask;
    }

    private static PeriodState? ParseState(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "scoring" => PeriodState.Scoring,
        "published" => PeriodState.Published,
        "final" => PeriodState.Final,
        _ => null,
    };
}

/// <param name="To">The target state: <c>scoring</c>, <c>published</c> or <c>final</c>.</param>
/// <param name="CloseAppealsEarly">With <c>final</c>: end the appeal window before its deadline (only with no pending appeals).</param>
/// <param name="ConfirmMissingManualScores">
/// With <c>published</c> or <c>final</c>: go on although manual indicators are unscored (they count 0); without it such a
/// move answers 409 with the counts in <c>missingManualScores</c>.
/// </param>
public sealed record TransitionRequest(string? To, bool? CloseAppealsEarly, bool? ConfirmMissingManualScores = null);
