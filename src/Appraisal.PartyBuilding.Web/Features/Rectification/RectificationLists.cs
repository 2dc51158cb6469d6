using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Core.Rectification;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Features.Packs;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appraisal.PartyBuilding.Web.Features.Rectification;

/// <summary>
/// Generates the rectification lists (整改清单) of a period that has just become final, from its results and the
/// configured rules. Called by the period transition to final, in its unit of work (it adds, the caller saves), and
/// idempotent: an item already listed for the same period, branch and indicator is not listed again.
/// </summary>
public sealed class RectificationLists(AppraisalDbContext db, PackCatalog catalog, IOptions<RectificationOptions> options, AuditLog audit, TimeProvider clock)
{
    public const string GenerateAction = "rectification.generate";

    /// <returns>The number of items added.</returns>
    public async Task<int> GenerateAsync(Period period, string actor, CancellationToken cancellationToken)
    {
        var rules = options.Value.Rules;
        var results = await db.BranchResults.AsNoTracking().Include(r => r.Indicators)
            .Where(r => r.PeriodId == period.Id)
            .ToListAsync(cancellationToken);
        var categories = (await catalog.PinnedByAsync(db, period.Id, cancellationToken)).Categories.ToList();
        var names = categories
            .SelectMany(c => c.Dimensions.SelectMany(d => d.Indicators).Select(i => (Key: (c.Code, i.Code), i.Name)))
            .GroupBy(x => x.Key)
            .ToDictionary(g => g.Key, g => g.First().Name);

        // A manual indicator no assessor scored counts 0, but nothing was lost there: the branch cannot rectify an
        // assessment that never took place (602 items once came mostly from such indicators). It is left out of the
        // items; the branch's total, and so whether it is listed, stays as published.
        var manual = categories
            .SelectMany(c => c.Dimensions.SelectMany(d => d.Indicators).Where(i => i.Rule is Contracts.ManualRule).Select(i => (c.Code, i.Code)))
            .ToHashSet();
        var manuallyScored = (await db.ManualScores.AsNoTracking().Where(m => m.PeriodId == period.Id)
                .Select(m => new { m.BranchId, m.IndicatorCode }).ToListAsync(cancellationToken))
            .Select(m => (m.BranchId, m.IndicatorCode))
            .ToHashSet();
        var scored = results.Select(r => new ScoredBranch(
            r.BranchId,
            r.CategoryCode,
            r.Total,
            r.MaxPoints,
            r.Indicators
                .Where(i => !manual.Contains((r.CategoryCode, i.Code)) || manuallyScored.Contains((r.BranchId, i.Code)))
                .OrderBy(i => i.Id)
                .Select(i => new ScoredIndicator(i.Code, names.GetValueOrDefault((r.CategoryCode, i.Code), i.Code), i.Score, i.MaxScore)).ToList()));
        var planned = RectificationPlanner.Plan(scored, rules);
        if (planned.Count == 0)
        {
            return 0;
        }

        var existing = (await db.RectificationItems.AsNoTracking().Where(i => i.PeriodId == period.Id)
                .Select(i => new { i.BranchId, i.IndicatorCode }).ToListAsync(cancellationToken))
            .Select(i => (i.BranchId, i.IndicatorCode))
            .ToHashSet();
        var branchIds = planned.Select(p => p.BranchId).Distinct().ToList();
        var owners = (await db.Users.AsNoTracking()
                .Where(u => u.Role == Role.Secretary && branchIds.Contains(u.OrganizationId))
                .Select(u => new { u.OrganizationId, u.Login })
                .ToListAsync(cancellationToken))
            .GroupBy(u => u.OrganizationId)
            .ToDictionary(g => g.Key, g => g.Select(u => u.Login).Order(StringComparer.Ordinal).First());

        var now = clock.GetUtcNow();
        var deadline = RectificationPlanner.Deadline(now, rules.DeadlineDays);
        var added = 0;
        foreach (var item in planned.Where(p => !existing.Contains((p.BranchId, p.IndicatorCode))))
        {
            db.RectificationItems.Add(new RectificationItem
            {
                PeriodId = period.Id,
                BranchId = item.BranchId,
                IndicatorCode = item.IndicatorCode,
                IndicatorName = item.IndicatorName,
                Score = item.Score,
                MaxScore = item.MaxScore,
                PassScore = item.PassScore,
                Reasons = item.Reasons,
                OwnerLogin = owners.GetValueOrDefault(item.BranchId),
                Deadline = deadline,
                CreatedAt = now,
                History =
                [
                    new RectificationEntry
                    {
                        At = now,
                        Actor = actor,
                        Kind = RectificationEntryKind.Created,
                        Text = $"{period.AsQuarter}定稿后列入整改：{item.Reasons}。下季度本项达到{item.PassScore:0.##}分方可关闭，整改期限至{deadline:yyyy-MM-dd}。",
                    },
                ],
            });
            added++;
        }

        if (added > 0)
        {
            audit.Record(actor, GenerateAction, $"{period.Year}Q{period.Quarter}", $"生成整改事项{added}项，涉及{planned.Where(p => !existing.Contains((p.BranchId, p.IndicatorCode))).Select(p => p.BranchId).Distinct().Count()}个党支部，期限至{deadline:yyyy-MM-dd}");
        }

        return added;
    }
}
