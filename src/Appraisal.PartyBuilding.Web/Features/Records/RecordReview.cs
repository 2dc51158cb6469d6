using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Meetings;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Records;

/// <summary>
/// An assessor or the 组织部 (parent organization) approves a submitted record or returns it with an opinion. A
/// returned record does not count (<see cref="MeetingValidity"/>) until the branch corrects and resubmits it. Nobody
/// reviews a record they entered or changed; review runs until the quarter's results are published.
/// </summary>
public sealed class RecordReview(AppraisalDbContext db, RecordScope scope, RecordEntry entry, AuditLog audit)
{
    public const int MaxOpinionLength = 1000;

    public async Task<RecordOutcome> DecideAsync(MeetingRecord record, bool approve, string? opinion, string actor, CancellationToken cancellationToken)
    {
        var text = string.IsNullOrWhiteSpace(opinion) ? null : opinion.Trim();
        if (!approve && text is null)
        {
            return RecordOutcome.Invalid(new Dictionary<string, string[]> { ["opinion"] = ["退回时须填写退回意见，说明需要更正的内容"] });
        }

        if (text is { Length: > MaxOpinionLength })
        {
            return RecordOutcome.Invalid(new Dictionary<string, string[]> { ["opinion"] = [$"审核意见不能超过{MaxOpinionLength}个字"] });
        }

        if (record.Status != RecordStatus.Submitted)
        {
            return RecordOutcome.Refused(StatusCodes.Status409Conflict, record.Status == RecordStatus.Approved
                ? "该记录已审核通过"
                : "该记录已退回，须由支部更正后重新提交才能再审核");
        }

        // Separation of duties: whoever wrote any part of the record (entered, imported, corrected, added files) does
        // not review it — otherwise a reviewer could rewrite a record and approve their own version.
        if ((await scope.EditorsAsync(record.Id, cancellationToken)).Contains(actor, StringComparer.OrdinalIgnoreCase))
        {
            return RecordOutcome.Refused(StatusCodes.Status403Forbidden, "不能审核自己录入的记录，也不能审核自己修改过的记录，请由其他考核员或组织部审核");
        }

        var quarter = AssessmentQuarter.Of(record.Date);
        if (MeetingEntryRules.ReviewClosed(quarter, await scope.PeriodStateAsync(quarter, cancellationToken)) is { } closed)
        {
            return RecordOutcome.Refused(StatusCodes.Status409Conflict, closed);
        }

        record.Status = approve ? RecordStatus.Approved : RecordStatus.Returned;
        record.ReviewOpinion = text;
        entry.Step(record, actor, approve ? RecordAction.Approved : RecordAction.Returned, text, null);
        audit.Record(actor, approve ? "records.approve" : "records.return", RecordEntry.Target(record.Branch!, record), text, record.Branch!.Path);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone approved, returned or corrected it between our read and our write: theirs stands, ours is refused.
            return RecordOutcome.Refused(StatusCodes.Status409Conflict, RecordEntry.ConflictMessage);
        }

        return RecordOutcome.Done(record);
    }
}
