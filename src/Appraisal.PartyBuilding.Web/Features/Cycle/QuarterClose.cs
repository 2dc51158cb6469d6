using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Features.Periods;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Cycle;

/// <summary>
/// After a quarter ends, its period leaves <c>open</c>: every open period whose quarter ended before today (China
/// time) enters scoring and gets its automatic scores. A quarter that ended with no period at all gets one first,
/// pinning the packs installed now, so no quarter goes unassessed because nobody opened it (records are dated, not
/// tied to a period, so opening late loses nothing). Idempotent: a period already past <c>open</c> is left alone.
/// </summary>
public sealed class QuarterClose(
    AppraisalDbContext db,
    PeriodOpening opening,
    PeriodTransitions transitions,
    TimeProvider clock,
    ILogger<QuarterClose> logger)
{
    public async Task<QuarterCloseSummary> RunAsync(string actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var ended = AssessmentQuarter.Of(today).Previous;
        var opened = await EnsurePeriodAsync(ended, actor, cancellationToken);

        var open = await db.Periods.AsNoTracking().Where(p => p.State == PeriodState.Open).ToListAsync(cancellationToken);
        var scored = new List<string>();
        var refused = new List<string>();
        foreach (var period in open.Where(p => p.AsQuarter.End < today).OrderBy(p => p.Year).ThenBy(p => p.Quarter))
        {
            var result = await transitions.MoveAsync(period.Id, PeriodState.Scoring, PeriodActor.Scheduler, actor, closeAppealsEarly: false, cancellationToken);
            if (result.Error is null)
            {
                scored.Add(PeriodTransitions.Target(period));
            }
            else
            {
                // E.g. a pack upgraded since the period was opened: retrying will not help, people must act.
                logger.LogError("Period {Period} could not enter scoring: {Reason}", PeriodTransitions.Target(period), result.Error);
                refused.Add($"{PeriodTransitions.Target(period)}：{result.Error}");
            }
        }

        return new QuarterCloseSummary(opened, scored, refused);
    }

    private async Task<string?> EnsurePeriodAsync(AssessmentQuarter quarter, string actor, CancellationToken cancellationToken) =>
        await opening.OpenAsync(quarter, actor, "季度结束时尚无考核期，由定时任务开启", cancellationToken) is { } period
            ? PeriodTransitions.Target(period)
            : null;
}

/// <param name="Opened">The period opened because the quarter had none (e.g. <c>2026Q3</c>), or null.</param>
/// <param name="Scored">Periods that entered scoring.</param>
/// <param name="Refused">Periods that could not, with the reason.</param>
public sealed record QuarterCloseSummary(string? Opened, IReadOnlyList<string> Scored, IReadOnlyList<string> Refused)
{
    public override string ToString() =>
        $"opened {Opened ?? "none"}; scoring {(Scored.Count == 0 ? "none" : string.Join(", ", Scored))}; refused {Refused.Count}";
}
