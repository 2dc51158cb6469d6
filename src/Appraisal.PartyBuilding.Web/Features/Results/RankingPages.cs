using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Appraisal.PartyBuilding.Web.Features.Results;

/// <summary>
/// Which branches stand on a page of a category's ranking among every branch (the root's scope), in order. Finding
/// them walks the category's ranks up to the page: an index-only scan of (period, category, rank, branch) that took
/// 1.8 ms for a page in the middle of a 16,000-branch category at 100,000 branches, the largest share of PostgreSQL's
/// time under the load benchmark (docs/PERFORMANCE.md, goal 3, fifth session). The order changes only when the results
/// do, so each node finds a page once per <see cref="Period.ResultsVersion"/>, as <see cref="CategorySizes"/> counts:
/// every change of the results raises the version in its own transaction. Only the branch ids are kept; names and
/// figures are read with them on every request, so a renamed branch shows at once. At most one entry per page of the
/// period's ranking (branches ÷ 50) per version, each dropped an hour after its last use.
/// </summary>
public sealed class RankingPages(AppraisalDbContext db, IMemoryCache cache)
{
    private static readonly CompiledQuery<Func<AppraisalDbContext, int, string, int, int, IAsyncEnumerable<int>>> PageOfAll = new(() =>
        EF.CompileAsyncQuery((AppraisalDbContext db, int periodId, string category, int skip, int take) =>
            db.BranchResults.AsNoTracking()
                .Where(b => b.PeriodId == periodId && b.CategoryCode == category)
                .OrderBy(b => b.Rank).ThenBy(b => b.BranchId)
                .Skip(skip).Take(take)
                .Select(b => b.BranchId)));

    /// <summary>The ids of the branches on the page that starts after <paramref name="skip"/> branches, best first.</summary>
    public async Task<int[]> BranchesAsync(Period period, string category, int skip, int take, CancellationToken cancellationToken)
    {
        var key = (nameof(RankingPages), period.Id, period.ResultsVersion, category, skip, take);
        if (cache.TryGetValue(key, out int[]? branches) && branches is not null)
        {
            return branches;
        }

        var found = new List<int>(take);
        await foreach (var id in PageOfAll.For(db)(db, period.Id, category, skip, take).WithCancellation(cancellationToken))
        {
            found.Add(id);
        }

        branches = [.. found];
        cache.Set(key, branches, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromHours(1) });
        return branches;
    }
}
