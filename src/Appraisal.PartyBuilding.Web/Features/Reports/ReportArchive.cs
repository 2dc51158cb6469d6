using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Core.Reports;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Features.Cycle;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Reports;

/// <summary>
/// Generates and stores the organization-wide quarterly report of every published or final period whose stored
/// file is missing or no longer matches its data (results re-scored, the period finalized). Idempotent: a current
/// file is left alone, and a final period's file made after finalization is not even rebuilt to check.
/// </summary>
public sealed class ReportArchive(AppraisalDbContext db, QuarterlyReports reports, AuditLog audit, TimeProvider clock)
{
    public const string ReportAction = "reports.generate";

    public async Task<ReportArchiveSummary> RunAsync(string actor, CancellationToken cancellationToken)
    {
        var root = await db.Organizations.AsNoTracking().Where(o => o.ParentId == null).OrderBy(o => o.Id).FirstAsync(cancellationToken);
        var periods = await db.Periods.AsNoTracking()
            .Where(p => p.State == PeriodState.Published || p.State == PeriodState.Final)
            .OrderBy(p => p.Year).ThenBy(p => p.Quarter)
            .ToListAsync(cancellationToken);
        var generated = new List<string>();
        foreach (var period in periods)
        {
            var stored = await db.QuarterlyReports.SingleOrDefaultAsync(r => r.PeriodId == period.Id, cancellationToken);
            if (stored is not null && period.State == PeriodState.Final && stored.GeneratedAt >= period.FinalizedAt)
            {
                continue; // final results are locked: the file made after finalization stays current
            }

            var file = await reports.WriteAsync(period, root, stamp => Task.FromResult(stored?.Stamp == stamp ? stored.Content : null), cancellationToken);
            if (!file.Generated)
            {
                continue;
            }

            var (stamp, content) = (file.Stamp!, file.Content);
            if (stored is null)
            {
                db.QuarterlyReports.Add(new StoredReport { PeriodId = period.Id, Stamp = stamp, Content = content, GeneratedAt = clock.GetUtcNow() });
            }
            else
            {
                stored.Stamp = stamp;
                stored.Content = content;
                stored.GeneratedAt = clock.GetUtcNow();
            }

            // The file's SHA-256 goes into the audit chain: a stored or handed-out report can be checked against it.
            var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
            audit.Record(actor, ReportAction, PeriodTransitions.Target(period), $"季度通报（{period.State.DisplayName()}）已生成：{file.Report.BranchCount}个党支部；文件SHA-256 {sha256}", root.Path);
            await db.SaveChangesAsync(cancellationToken);
            generated.Add(PeriodTransitions.Target(period));
        }

        return new ReportArchiveSummary(generated);
    }
}

/// <param name="Generated">Periods whose report file was (re)generated.</param>
public sealed record ReportArchiveSummary(IReadOnlyList<string> Generated)
{
    public override string ToString() => Generated.Count == 0 ? "all current" : "generated " + string.Join(", ", Generated);
}
