namespace Appraisal.PartyBuilding.Core.Rectification;

/// <summary>
/// One item of a branch's rectification list (整改清单), generated from a final result: tied to the indicator where
/// points were lost, with an owner and a deadline. The secretary reports progress, a leader signs it off or sends it
/// back, and the next quarter's scoring re-checks it (closes or reopens it).
/// </summary>
public sealed class RectificationItem
{
    public long Id { get; set; }

    /// <summary>The final period whose result produced the item.</summary>
    public int PeriodId { get; set; }

    public int BranchId { get; set; }

    public Organizations.Organization? Branch { get; set; }

    public required string IndicatorCode { get; set; }

    public required string IndicatorName { get; set; }

    /// <summary>The indicator's score in the period that produced the item.</summary>
    public decimal Score { get; set; }

    public decimal MaxScore { get; set; }

    /// <summary>The score the indicator must reach in a later quarter for the re-check to close the item.</summary>
    public decimal PassScore { get; set; }

    /// <summary>Why the item was listed, e.g. 得分率33.33%，低于50%.</summary>
    public required string Reasons { get; set; }

    /// <summary>The secretary account answering for the item, or null when the branch has none (the branch owns it).</summary>
    public string? OwnerLogin { get; set; }

    /// <summary>The last day (China date) to complete the item; a reopened item gets a new one.</summary>
    public DateOnly Deadline { get; set; }

    public RectificationState State { get; set; } = RectificationState.Open;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The later period whose scores re-checked the item, once one has.</summary>
    public int? RecheckPeriodId { get; set; }

    /// <summary>The indicator's score in <see cref="RecheckPeriodId"/>.</summary>
    public decimal? RecheckScore { get; set; }

    public List<RectificationEntry> History { get; set; } = [];

    public List<RectificationReminder> Reminders { get; set; } = [];
}

/// <summary>
/// open → (progress reports) → submitted → signed off → closed by the next quarter's re-check; a leader may send a
/// submitted item back (returned), and a re-check that finds the indicator still low reopens it.
/// </summary>
public enum RectificationState
{
    Open = 1,
    Submitted = 2,
    Returned = 3,
    SignedOff = 4,
    Closed = 5,
    Reopened = 6,
}

/// <summary>An entry of an item's history: who did what when, with the text they wrote.</summary>
public sealed class RectificationEntry
{
    public long Id { get; set; }

    public long ItemId { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Actor { get; set; }

    public RectificationEntryKind Kind { get; set; }

    public required string Text { get; set; }
}

public enum RectificationEntryKind
{
    Created = 1,
    Progress = 2,
    Submitted = 3,
    SignedOff = 4,
    SentBack = 5,
    Closed = 6,
    Reopened = 7,
}

/// <summary>
/// A reminder sent about an item: T−7, T−3 and overdue to the branch, escalation to the parent organization. One of
/// each kind per item and deadline (a reopened item's new deadline gets its own).
/// </summary>
public sealed class RectificationReminder
{
    public long Id { get; set; }

    public long ItemId { get; set; }

    public ReminderKind Kind { get; set; }

    /// <summary>The deadline the reminder is about.</summary>
    public DateOnly Deadline { get; set; }

    /// <summary>Whose pages show it: the branch, or for an escalation its parent organization.</summary>
    public int RecipientOrganizationId { get; set; }

    public Organizations.Organization? RecipientOrganization { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Message { get; set; }
}

public enum ReminderKind
{
    DueIn7Days = 1,
    DueIn3Days = 2,
    Overdue = 3,
    Escalated = 4,
}

public static class RectificationNames
{
    public static string DisplayName(this RectificationState state) => state switch
    {
        RectificationState.Open => "待整改",
        RectificationState.Submitted => "待审核",
        RectificationState.Returned => "已退回",
        RectificationState.SignedOff => "已销号待复查",
        RectificationState.Closed => "已关闭",
        RectificationState.Reopened => "复查未过",
        _ => state.ToString(),
    };

    public static string DisplayName(this RectificationEntryKind kind) => kind switch
    {
        RectificationEntryKind.Created => "生成",
        RectificationEntryKind.Progress => "进展报告",
        RectificationEntryKind.Submitted => "申请销号",
        RectificationEntryKind.SignedOff => "审核通过",
        RectificationEntryKind.SentBack => "退回",
        RectificationEntryKind.Closed => "复查关闭",
        RectificationEntryKind.Reopened => "复查重开",
        _ => kind.ToString(),
    };

    public static string DisplayName(this ReminderKind kind) => kind switch
    {
        ReminderKind.DueIn7Days => "到期前7天提醒",
        ReminderKind.DueIn3Days => "到期前3天提醒",
        ReminderKind.Overdue => "逾期提醒",
        ReminderKind.Escalated => "逾期督办（上级）",
        _ => kind.ToString(),
    };
}
