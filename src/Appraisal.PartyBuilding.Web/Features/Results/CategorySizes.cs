using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Appraisal.PartyBuilding.Web.Features.Results;

/// <summary>
/// How many branches of each category a period scored, in the whole organization: the tabs of the root's ranking and
/// the "rank / size" of every score card. Counting them is the most expensive read of those pages (about 30 ms for
/// 100,000 results on every request), and once a period is published its results are never re-computed as a whole
/// (<see cref="PeriodActivity.ComputeScores"/> is refused; an appeal changes one branch's score, not its category),
/// so from then on each node counts once per publication. Before that the count is live.
/// </summary>
public sealed class CategorySizes(AppraisalDbContext db, IMemoryCache cache)
{
    public async Task<IReadOnlyDictionary<string, int>> OfAsync(Period period, CancellationToken cancellationToken)
    {
        if (period.State is not (PeriodState.Published or PeriodState.Final))
        {
            return await CountAsync(period.Id, cancellationToken);
        }

        var key = (nameof(CategorySizes), period.Id, period.PublishedAt);
        if (cache.TryGetValue(key, out IReadOnlyDictionary<string, int>? sizes) && sizes is not null)
        {
            return sizes;
        }

        sizes = await CountAsync(period.Id, cancellationToken);
        cache.Set(key, sizes, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromHours(1) });
        return sizes;
    }

    /// <summary>The size of one category: before publication one count on the (period, category, rank) index.</summary>
    public async Task<int> OfAsync(Period period, string categoryCode, CancellationToken cancellationToken) =>
        period.State is PeriodState.Published or PeriodState.Final
            ? (await OfAsync(period, cancellationToken)).GetValueOrDefault(categoryCode)
            : await db.BranchResults.CountAsync(r => r.PeriodId == period.Id && r.CategoryCode == categoryCode, cancellationToken);

    private async Task<IReadOnlyDictionary<string, int>> CountAsync(int periodId, CancellationToken cancellationToken) =>
        await db.BranchResults.AsNoTracking()
            .Where(r => r.PeriodId == periodId)
            .GroupBy(r => r.CategoryCode)
            .Select(g => new { Code = g.Key, Count = g.Count() })
            .ToDictionaryAsync(c => c.Code, c => c.Count, StringComparer.Ordinal, cancellationToken);
}
