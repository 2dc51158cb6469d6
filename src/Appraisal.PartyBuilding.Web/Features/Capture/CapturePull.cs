using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.AssessmentEvidence;
using Appraisal.PartyBuilding.Core.Capture;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Features.Evidence;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Capture;

/// <summary>What one pull did: the values saved, or why nothing was.</summary>
public sealed record PullOutcome(string KpiCode, bool Succeeded, int Rows, int Inserted, int Updated, int Skipped, string? Error, DateTimeOffset At);

/// <summary>
/// Pulls one source: GET, read (JSON or CSV), then save the values for the current quarter (China time) through
/// <see cref="EvidenceEntry"/>, the same checks and all-or-nothing write as a pushed batch, marked
/// <see cref="EvidenceSource.Capture"/> with the source. Every pull, good or bad, is audited (<c>capture.pull</c>) and
/// kept on the source (last success, last failure with its message), so a broken source is seen, never read as zeros.
/// </summary>
public sealed class CapturePull(AppraisalDbContext db, CaptureFetch fetch, EvidenceEntry entry, CurrentUser user, AuditLog audit, TimeProvider clock, ILogger<CapturePull> logger)
{
    private const int MaxListedErrors = 10;

    /// <returns>null when there is no source configured for <paramref name="kpiCode"/>.</returns>
    public async Task<PullOutcome?> PullAsync(string kpiCode, CancellationToken cancellationToken)
    {
        var source = await db.CaptureSources.AsNoTracking().SingleOrDefaultAsync(s => s.KpiCode == kpiCode, cancellationToken);
        if (source is null)
        {
            return null;
        }

        var at = clock.GetUtcNow();
        var (body, error) = await fetch.GetAsync(source, cancellationToken);
        IReadOnlyList<CapturedValue> values = [];
        if (body is not null)
        {
            (values, error) = CapturePayload.Read(body, source.Format, source.BranchField, source.ValueField);
        }

        EvidenceOutcome? saved = null;
        if (error is null)
        {
            var quarter = AssessmentQuarter.Of(DateOnly.FromDateTime(at.ToOffset(TimeSpan.FromHours(8)).DateTime));
            var drafts = values.Select(v => new KpiDraft(v.Position, v.BranchCode, quarter.Year, quarter.Number, source.KpiCode, v.Value)).ToList();
            saved = await entry.SaveKpisAsync(drafts, [], EvidenceSource.Capture, source.Id, p => CapturePayload.Describe(source.Format, p), cancellationToken);
            if (!saved.Succeeded)
            {
                error = Message(source, saved.Errors);
            }
        }

        // A refused batch may leave tracked rows behind (a lost race): the status is written on its own.
        db.ChangeTracker.Clear();
        var tracked = await db.CaptureSources.SingleAsync(s => s.Id == source.Id, cancellationToken);
        var outcome = error is null
            ? new PullOutcome(kpiCode, true, values.Count, saved!.Inserted, saved.Updated, saved.Skipped, null, at)
            : new PullOutcome(kpiCode, false, values.Count, 0, 0, 0, Shorten(error), at);
        if (outcome.Succeeded)
        {
            tracked.LastSuccessAt = at;
            tracked.LastSuccessCount = outcome.Rows;
            tracked.Failing = false;
        }
        else
        {
            tracked.LastFailureAt = at;
            tracked.LastFailure = outcome.Error;
            tracked.Failing = true;
            logger.LogWarning("Capture source {KpiCode} pull failed: {Reason}", kpiCode, outcome.Error);
        }

        audit.Record(user.Login, "capture.pull", kpiCode, outcome.Succeeded
            ? $"{source.Name}（{CaptureFetch.Shown(source.Url)}）：成功，读取{outcome.Rows}行，新增{outcome.Inserted}条，更新{outcome.Updated}条，未变{outcome.Skipped}条"
            : Shorten($"{source.Name}（{CaptureFetch.Shown(source.Url)}）：失败，未保存任何数据：{outcome.Error}"));
        await db.SaveChangesAsync(cancellationToken);
        return outcome;
    }

    /// <summary>The entry's errors named by the source's item or line and field, e.g. 第3行（字段“branchCode”）：支部“X”不存在.</summary>
    private static string Message(CaptureSource source, IReadOnlyList<EvidenceError> errors)
    {
        var parts = errors.Take(MaxListedErrors).Select(e =>
        {
            var where = e.Position >= 0 ? CapturePayload.Describe(source.Format, e.Position) : "";
            var field = e.Field switch
            {
                EvidenceFields.BranchCode => source.BranchField,
                EvidenceFields.Value => source.ValueField,
                "" => null,
                _ => e.Field,
            };
            return field is null ? $"{where}{(where.Length > 0 ? "：" : "")}{e.Message}" : $"{where}（字段“{field}”）：{e.Message}";
        });
        var text = string.Join("；", parts);
        return errors.Count > MaxListedErrors ? $"{text}；等共{errors.Count}处错误" : text;
    }

    private static string Shorten(string text) => text.Length <= CaptureSource.MaxMessageLength ? text : text[..(CaptureSource.MaxMessageLength - 1)] + "…";
}
