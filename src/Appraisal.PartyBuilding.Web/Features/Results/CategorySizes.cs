using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Appraisal.PartyBuilding.Web.Features.Results;

/// <summary>
/// How many branches of each category a period scored, in the whole organization: the tabs of the root's ranking and
/// the "rank / size" of every score card. Counting them is the most expensive read of those pages (a <c>GROUP BY</c>
/// over 100,000 results, 10–100 ms, on every request), and they change only when the results do, so each node counts
/// once per <see cref="Period.ResultsVersion"/>: the version comes with the period the page reads anyway, and every
/// change of the results raises it in the same transaction, so no node shows sizes older than the results it shows.
/// </summary>
public sealed class CategorySizes(AppraisalDbContext db, IMemoryCache cache)
{
    public async Task<IReadOnlyDictionary<string, int>> OfAsync(Period period, CancellationToken cancellationToken)
    {
        var key = (nameof(CategorySizes), period.Id, period.ResultsVersion);
        if (cache.TryGetValue(key, out IReadOnlyDictionary<string, int>? sizes) && sizes is not null)
        {
            return sizes;
        }

        sizes = await db.BranchResults.AsNoTracking()
            .Where(r => r.PeriodId == period.Id)
            .GroupBy(r => r.CategoryCode)
            .Select(g => new { Code = g.Key, Count = g.Count() })
            .ToDictionaryAsync(c => c.Code, c => c.Count, StringComparer.Ordinal, cancellationToken);
        cache.Set(key, sizes, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromHours(1) });
        return sizes;
    }

    public async Task<int> OfAsync(Period period, string categoryCode, CancellationToken cancellationToken) =>
        (await OfAsync(period, cancellationToken)).GetValueOrDefault(categoryCode);
}
