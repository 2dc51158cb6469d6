using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Cycle;

/// <summary>
/// Published periods whose appeal window has passed become final, unless appeals are still pending (then the next
/// run tries again). Idempotent: a period already final is not published any more and is not looked at.
/// </summary>
public sealed class AppealWindowClose(AppraisalDbContext db, PeriodTransitions transitions, TimeProvider clock, ILogger<AppealWindowClose> logger)
{
    public async Task<AppealWindowSummary> RunAsync(string actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = await db.Periods.AsNoTracking()
            .Where(p => p.State == PeriodState.Published && p.AppealsCloseAt != null && p.AppealsCloseAt <= now)
            .OrderBy(p => p.Year).ThenBy(p => p.Quarter)
            .ToListAsync(cancellationToken);
        var finalized = new List<string>();
        var held = new List<string>();
        foreach (var period in due)
        {
            var result = await transitions.MoveAsync(period.Id, PeriodState.Final, PeriodActor.Scheduler, actor, closeAppealsEarly: false, cancellationToken);
            if (result.Error is null)
            {
                finalized.Add(PeriodTransitions.Target(period));
            }
            else
            {
                logger.LogInformation("Period {Period} stays published: {Reason}", PeriodTransitions.Target(period), result.Error);
                held.Add($"{PeriodTransitions.Target(period)}：{result.Error}");
            }
        }

        return new AppealWindowSummary(finalized, held);
    }
}

/// <param name="Finalized">Periods that became final.</param>
/// <param name="Held">Periods past their window that stay published (pending appeals), with the reason.</param>
public sealed record AppealWindowSummary(IReadOnlyList<string> Finalized, IReadOnlyList<string> Held)
{
    public override string ToString() =>
        $"final {(Finalized.Count == 0 ? "none" : string.Join(", ", Finalized))}; held {Held.Count}";
}
