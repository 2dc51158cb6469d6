using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Periods;

/// <summary>
/// Opens the assessment period of a quarter, pinning the pack versions active now, audited. The one way a period is
/// opened: by the 组织部 through the API or the periods page, or by the scheduler for a quarter nobody opened.
/// </summary>
public sealed class PeriodOpening(AppraisalDbContext db, PackCatalog catalog, AuditLog audit, TimeProvider clock)
{
    /// <summary>The new period, or null when the quarter already has one (the unique index decides a race).</summary>
    public async Task<Period?> OpenAsync(AssessmentQuarter quarter, string actor, string? note, CancellationToken cancellationToken)
    {
        if (await db.Periods.AnyAsync(p => p.Year == quarter.Year && p.Quarter == quarter.Number, cancellationToken))
        {
            return null;
        }

        var period = new Period
        {
            Year = quarter.Year,
            Quarter = quarter.Number,
            OpenedAt = clock.GetUtcNow(),
            OpenedBy = actor,
            Packs = catalog.Packs.Select(p => new PinnedPack { PackId = p.Manifest.Id, Version = p.Manifest.Version }).ToList(),
        };
        db.Periods.Add(period);
        var pinned = string.Join("，", period.Packs.Select(p => $"{p.PackId} {p.Version}"));
        audit.Record(actor, "periods.open", $"{period.Year}Q{period.Quarter}", note is null ? pinned : $"{note}：{pinned}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Opened by someone else between the check and the insert: theirs stands.
            db.ChangeTracker.Clear();
            return null;
        }

        return period;
    }

    /// <summary>Why a year and quarter cannot name a period, by field, in Chinese; empty when they can.</summary>
    public static Dictionary<string, string[]> Check(int? year, int? quarter)
    {
        var errors = new Dictionary<string, string[]>();
        if (year is not (>= Period.FirstYear and <= Period.LastYear))
        {
            errors["year"] = [$"年度应为{Period.FirstYear}至{Period.LastYear}之间的整数"];
        }

        if (quarter is not (>= 1 and <= 4))
        {
            errors["quarter"] = ["季度应为1至4"];
        }

        return errors;
    }

    public static string AlreadyOpen(AssessmentQuarter quarter) => $"{quarter}的考核期已经开启，不能重复开启。";
}
