using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Features.Packs;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Packs;

/// <summary>
/// The one way a feature reads a period's indicator trees, names and grade scales: from the pack versions the period
/// pinned when it was opened, never from the newest. An upgrade then changes neither how a period's results are shown
/// nor how they are appealed, paid or reported.
/// </summary>
public static class PeriodPacks
{
    /// <summary>The versions <paramref name="period"/> pinned, as loaded. Read the period with its <see cref="Period.Packs"/>.</summary>
    public static PinnedPacks PinnedBy(this PackCatalog catalog, Period period) =>
        catalog.Pinned(period.Packs.Select(p => (p.PackId, p.Version)));

    /// <summary>The versions the period <paramref name="periodId"/> pinned, as loaded, read from the database.</summary>
    public static async Task<PinnedPacks> PinnedByAsync(this PackCatalog catalog, AppraisalDbContext db, int periodId, CancellationToken cancellationToken)
    {
        var pins = await db.Periods.AsNoTracking()
            .Where(p => p.Id == periodId)
            .SelectMany(p => p.Packs.Select(x => new { x.PackId, x.Version }))
            .ToListAsync(cancellationToken);
        return catalog.Pinned(pins.Select(p => (p.PackId, p.Version)));
    }

    /// <summary>
    /// The versions that apply to a quarter's evidence (completeness, reminders, the health board): those its period
    /// pinned, or, before that period is opened, those a period opened now would pin (the active ones).
    /// </summary>
    public static async Task<PinnedPacks> ForQuarterAsync(this PackCatalog catalog, AppraisalDbContext db, AssessmentQuarter quarter, CancellationToken cancellationToken)
    {
        var periodId = await db.Periods.AsNoTracking()
            .Where(p => p.Year == quarter.Year && p.Quarter == quarter.Number)
            .Select(p => (int?)p.Id)
            .SingleOrDefaultAsync(cancellationToken);
        return periodId is { } id
            ? await catalog.PinnedByAsync(db, id, cancellationToken)
            : catalog.Pinned(catalog.Packs.Select(p => (p.Manifest.Id, p.Manifest.Version)));
    }

    /// <summary>The indicator's name in the category as the period's pack versions define it, or its code when they do not.</summary>
    public static string IndicatorName(this PinnedPacks packs, string? categoryCode, string indicatorCode)
    {
        var category = categoryCode is null ? null : packs.FindCategory(categoryCode);
        return category?.Dimensions.SelectMany(d => d.Indicators).FirstOrDefault(i => i.Code == indicatorCode)?.Name ?? indicatorCode;
    }
}
