namespace Appraisal.PartyBuilding.Core.Meetings;

/// <summary>
/// One step in a record's life — entered, imported, corrected, approved, returned, an attachment added — with who,
/// when, the status it left the record in, the reviewer's opinion and what changed. Append-only; shown on the
/// record page.
/// </summary>
public sealed class MeetingRecordEvent
{
    public long Id { get; set; }

    public long MeetingRecordId { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Actor { get; set; }

    public RecordAction Action { get; set; }

    /// <summary>The record's status after the step.</summary>
    public RecordStatus Status { get; set; }

    /// <summary>The reviewer's opinion (required when returned).</summary>
    public string? Opinion { get; set; }

    /// <summary>What changed, e.g. <c>实到人数：6 → 9；主题：… → …</c>; or the attachment's file name.</summary>
    public string? Changes { get; set; }
}

public enum RecordAction
{
    Created = 1,
    Imported = 2,
    Corrected = 3,
    Resubmitted = 4,
    Approved = 5,
    Returned = 6,
    AttachmentAdded = 7,
}

public static class RecordActions
{
    public static string DisplayName(this RecordAction action) => action switch
    {
        RecordAction.Created => "录入",
        RecordAction.Imported => "批量导入",
        RecordAction.Corrected => "修改",
        RecordAction.Resubmitted => "更正后重新提交",
        RecordAction.Approved => "审核通过",
        RecordAction.Returned => "退回",
        RecordAction.AttachmentAdded => "上传附件",
        _ => action.ToString(),
    };
}

public static class RecordStatuses
{
    public static string DisplayName(this RecordStatus status) => status switch
    {
        RecordStatus.Submitted => "待审核",
        RecordStatus.Approved => "已通过",
        RecordStatus.Returned => "已退回",
        _ => status.ToString(),
    };

    /// <summary>The API's code: <c>submitted</c>, <c>approved</c>, <c>returned</c>.</summary>
    public static string Code(this RecordStatus status) => status.ToString().ToLowerInvariant();
}
