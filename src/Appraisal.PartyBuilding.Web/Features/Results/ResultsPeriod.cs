using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data;
using Microsoft.EntityFrameworkCore;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.Extensions.Caching.Memory;

namespace Appraisal.PartyBuilding.Web.Features.Results;

/// <summary>
/// The period a ranking page or a score card shows, with the pack versions it pinned. The period's row is read on every
/// request (its state and <see cref="Period.ResultsVersion"/> change), by primary key alone; the pinned versions are
/// written once, when the period is opened, and never change, so each node reads them once per period instead of
/// joining them into every request's read. The key includes the opening time so that a period re-created under the
/// same id (a test's fresh database behind one host) is never shown another period's versions.
/// </summary>
public sealed class ResultsPeriod(AppraisalDbContext db, IMemoryCache cache)
{
    private static readonly CompiledQuery<Func<AppraisalDbContext, int, CancellationToken, Task<Period?>>> PeriodById = new(() =>
        EF.CompileAsyncQuery((AppraisalDbContext db, int id, CancellationToken _) => db.Periods.AsNoTracking().SingleOrDefault(p => p.Id == id)));

    private static readonly CompiledQuery<Func<AppraisalDbContext, int, IAsyncEnumerable<PinnedPack>>> PinsOf = new(() =>
        EF.CompileAsyncQuery<AppraisalDbContext, int, PinnedPack>((db, id) => db.Set<PinnedPack>().AsNoTracking().Where(p => p.PeriodId == id).OrderBy(p => p.Id)));

    public async Task<Period?> FindAsync(int id, CancellationToken cancellationToken)
    {
        var period = await PeriodById.For(db)(db, id, cancellationToken);
        if (period is null)
        {
            return null;
        }

        var key = (nameof(ResultsPeriod), period.Id, period.OpenedAt.UtcTicks);
        if (!cache.TryGetValue(key, out IReadOnlyList<PinnedPack>? pins) || pins is null)
        {
            var read = new List<PinnedPack>();
            await foreach (var pin in PinsOf.For(db)(db, id).WithCancellation(cancellationToken))
            {
                read.Add(pin);
            }

            pins = read;
            cache.Set(key, pins, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromHours(1) });
        }

        // A copy of the list per request: the cached pins are shared by every request of the node.
        period.Packs = pins.Select(p => new PinnedPack { Id = p.Id, PeriodId = p.PeriodId, PackId = p.PackId, Version = p.Version }).ToList();
        return period;
    }
}
