using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Core.Rectification;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appraisal.PartyBuilding.Web.Features.Rectification;

/// <summary>
/// The re-check of SPEC's rectification chain ("the next quarter re-checks the item"): when a later period is scored,
/// each signed-off item of an earlier period is closed if its indicator reached the pass mark, else reopened with a
/// new deadline. Scoring a period again (while it is still being scored) re-judges the items it re-checked, as long
/// as nobody has acted on them since. Runs in the scoring transaction, after the results are stored.
/// </summary>
public sealed class RectificationRecheck(AppraisalDbContext db, IOptions<RectificationOptions> options, AuditLog audit, TimeProvider clock)
{
    public const string RecheckAction = "rectification.recheck";

    /// <returns>The number of items closed or reopened.</returns>
    public async Task<int> RunAsync(Period period, string actor, CancellationToken cancellationToken)
    {
        var key = period.Year * 4 + period.Quarter;
        var earlier = db.Periods.Where(p => p.Year * 4 + p.Quarter < key).Select(p => p.Id);
        var candidates = await db.RectificationItems
            .Include(i => i.History)
            .Where(i => earlier.Contains(i.PeriodId)
                && ((i.State == RectificationState.SignedOff && (i.RecheckPeriodId == null || earlier.Contains(i.RecheckPeriodId.Value)))
                    || (i.RecheckPeriodId == period.Id && (i.State == RectificationState.Closed || i.State == RectificationState.Reopened))))
            .OrderBy(i => i.Id)
            .ToListAsync(cancellationToken);

        // A re-check of this period already answered and acted on since (a report, a review) is not re-judged.
        candidates = candidates
            .Where(i => i.State == RectificationState.SignedOff
                || i.History.OrderBy(e => e.Id).Last().Kind is RectificationEntryKind.Closed or RectificationEntryKind.Reopened)
            .ToList();
        if (candidates.Count == 0)
        {
            return 0;
        }

        var branchIds = candidates.Select(i => i.BranchId).Distinct().ToList();
        var results = await db.BranchResults.AsNoTracking().Include(r => r.Indicators)
            .Where(r => r.PeriodId == period.Id && branchIds.Contains(r.BranchId))
            .ToListAsync(cancellationToken);
        var scores = results
            .SelectMany(r => r.Indicators.Select(i => (Key: (r.BranchId, i.Code), i.Score)))
            .ToDictionary(x => x.Key, x => x.Score);

        var now = clock.GetUtcNow();
        var rules = options.Value.Rules;
        var closed = 0;
        var reopened = 0;
        foreach (var item in candidates)
        {
            if (!scores.TryGetValue((item.BranchId, item.IndicatorCode), out var score))
            {
                continue; // the branch or the indicator is not scored in this period: nothing to re-check against
            }

            var passes = score >= item.PassScore;
            var again = item.RecheckPeriodId == period.Id;
            if (again && passes == (item.State == RectificationState.Closed) && item.RecheckScore == score)
            {
                continue;
            }

            item.RecheckPeriodId = period.Id;
            item.RecheckScore = score;
            if (passes)
            {
                item.State = RectificationState.Closed;
                item.History.Add(new RectificationEntry
                {
                    At = now,
                    Actor = actor,
                    Kind = RectificationEntryKind.Closed,
                    Text = $"{period.AsQuarter}复查：本项得{score:0.##}分（满分{item.MaxScore:0.##}分），达到{item.PassScore:0.##}分，整改到位，关闭。",
                });
                closed++;
            }
            else
            {
                if (item.State != RectificationState.Reopened)
                {
                    item.Deadline = RectificationPlanner.Deadline(now, rules.DeadlineDays);
                }

                item.State = RectificationState.Reopened;
                item.History.Add(new RectificationEntry
                {
                    At = now,
                    Actor = actor,
                    Kind = RectificationEntryKind.Reopened,
                    Text = $"{period.AsQuarter}复查：本项得{score:0.##}分（满分{item.MaxScore:0.##}分），仍低于{item.PassScore:0.##}分，重新整改，期限至{item.Deadline:yyyy-MM-dd}。",
                });
                reopened++;
            }
        }

        if (closed + reopened == 0)
        {
            return 0;
        }

        audit.Record(actor, RecheckAction, $"{period.Year}Q{period.Quarter}", $"复查整改事项：关闭{closed}项，重新整改{reopened}项");
        await db.SaveChangesAsync(cancellationToken);
        return closed + reopened;
    }
}
