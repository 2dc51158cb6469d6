using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Core.Rectification;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Data.Rectification;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Features.Packs;
using Appraisal.PartyBuilding.Web.Features.Scoring;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appraisal.PartyBuilding.Web.Features.Rectification;

/// <summary>
/// Generates the rectification lists (整改清单) of a period that has just become final, from its results and the
/// configured rules. Called by the period transition to final, inside its transaction (the items are written in bulk
/// on it; the caller saves the move and the audit entry and commits), and idempotent: an item already listed for the
/// same period, branch and indicator is not listed again.
/// </summary>
/// <remarks>
/// A province's period is read and written <see cref="ScoringOptions.ChunkSize"/> branches at a time (issue 11): first every result's
/// category and total, the only thing the planner needs across branches (where a total stands in its category), then
/// each chunk's indicator scores by projection, never their explanations. Measured at 100,000 branches (1.38 million
/// items) in docs/PERFORMANCE.md.
/// </remarks>
public sealed class RectificationLists(
    AppraisalDbContext db, PackCatalog catalog, IOptions<RectificationOptions> options, IOptions<ScoringOptions> chunks, IRectificationWriter writer, AuditLog audit, TimeProvider clock)
{
    public const string GenerateAction = "rectification.generate";

    /// <returns>The number of items added.</returns>
    public async Task<int> GenerateAsync(Period period, string actor, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Rectification lists are generated inside the transaction of the period's final move.");
        }

        var rules = options.Value.Rules;
        var results = await db.BranchResults.AsNoTracking()
            .Where(r => r.PeriodId == period.Id)
            .OrderBy(r => r.BranchId)
            .Select(r => new ResultLine(r.Id, r.BranchId, r.CategoryCode, r.Total, r.MaxPoints))
            .ToListAsync(cancellationToken);
        var standings = CategoryStandings.Of(results.Select(r => (r.CategoryCode, r.Total)));
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

        var now = clock.GetUtcNow();
        var deadline = RectificationPlanner.Deadline(now, rules.DeadlineDays);
        var (added, branches) = (0, 0);
        foreach (var chunk in results.Chunk(chunks.Value.ChunkSize))
        {
            var (first, last) = (chunk[0].BranchId, chunk[^1].BranchId);
            var indicators = (await db.Set<BranchIndicatorScore>().AsNoTracking()
                    .Where(i => i.PeriodId == period.Id && db.BranchResults.Any(r => r.Id == i.BranchResultId && r.BranchId >= first && r.BranchId <= last))
                    .OrderBy(i => i.Id)
                    .Select(i => new { i.BranchResultId, i.Code, i.Score, i.MaxScore })
                    .ToListAsync(cancellationToken))
                .ToLookup(i => i.BranchResultId);
            var manuallyScored = (await db.ManualScores.AsNoTracking()
                    .Where(m => m.PeriodId == period.Id && m.BranchId >= first && m.BranchId <= last)
                    .Select(m => new { m.BranchId, m.IndicatorCode }).ToListAsync(cancellationToken))
                .Select(m => (m.BranchId, m.IndicatorCode))
                .ToHashSet();
            var planned = chunk
                .SelectMany(r => RectificationPlanner.Plan(
                    new ScoredBranch(
                        r.BranchId,
                        r.CategoryCode,
                        r.Total,
                        r.MaxPoints,
                        indicators[r.Id]
                            .Where(i => !manual.Contains((r.CategoryCode, i.Code)) || manuallyScored.Contains((r.BranchId, i.Code)))
                            .Select(i => new ScoredIndicator(i.Code, names.GetValueOrDefault((r.CategoryCode, i.Code), i.Code), i.Score, i.MaxScore)).ToList()),
                    standings.Of(r.CategoryCode),
                    rules))
                .ToList();
            if (planned.Count == 0)
            {
                continue;
            }

            var existing = (await db.RectificationItems.AsNoTracking()
                    .Where(i => i.PeriodId == period.Id && i.BranchId >= first && i.BranchId <= last)
                    .Select(i => new { i.BranchId, i.IndicatorCode }).ToListAsync(cancellationToken))
                .Select(i => (i.BranchId, i.IndicatorCode))
                .ToHashSet();
            var fresh = planned.Where(p => !existing.Contains((p.BranchId, p.IndicatorCode))).ToList();
            var branchIds = fresh.Select(p => p.BranchId).Distinct().ToList();
            var owners = (await db.Users.AsNoTracking()
                    .Where(u => u.Role == Role.Secretary && branchIds.Contains(u.OrganizationId))
                    .Select(u => new { u.OrganizationId, u.Login })
                    .ToListAsync(cancellationToken))
                .GroupBy(u => u.OrganizationId)
                .ToDictionary(g => g.Key, g => g.Select(u => u.Login).Order(StringComparer.Ordinal).First());
            await writer.InsertItemsAsync(db, fresh.Select(item => Item(period, item, owners.GetValueOrDefault(item.BranchId), deadline, now, actor)).ToList(), cancellationToken);
            added += fresh.Count;
            branches += branchIds.Count;
        }

        if (added > 0)
        {
            audit.Record(actor, GenerateAction, $"{period.Year}Q{period.Quarter}", $"生成整改事项{added}项，涉及{branches}个党支部，期限至{deadline:yyyy-MM-dd}");
        }

        return added;
    }

    private static RectificationItem Item(Period period, PlannedItem item, string? owner, DateOnly deadline, DateTimeOffset now, string actor) => new()
    {
        PeriodId = period.Id,
        BranchId = item.BranchId,
        IndicatorCode = item.IndicatorCode,
        IndicatorName = item.IndicatorName,
        Score = item.Score,
        MaxScore = item.MaxScore,
        PassScore = item.PassScore,
        Reasons = item.Reasons,
        OwnerLogin = owner,
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
    };

    /// <summary>What the planner needs of a result, without its indicators or explanations.</summary>
    private sealed record ResultLine(long Id, int BranchId, string CategoryCode, decimal Total, decimal MaxPoints);
}
