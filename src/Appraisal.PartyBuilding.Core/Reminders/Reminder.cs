namespace Appraisal.PartyBuilding.Core.Reminders;

/// <summary>
/// A reminder addressed to an organization (shown to its accounts), e.g. the monthly "meetings still missing" note
/// to a branch. One per organization, kind and key: a job that runs again updates it instead of adding another.
/// </summary>
public sealed class Reminder
{
    public long Id { get; set; }

    public int OrganizationId { get; set; }

    public Organizations.Organization? Organization { get; set; }

    /// <summary>What the reminder is about, e.g. <see cref="MonthlyMeetings"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>What it is for within its kind, e.g. the month <c>2026-11</c>.</summary>
    public required string Key { get; set; }

    public required string Message { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Required meetings of the current month (and quarter or year near their end) not yet recorded.</summary>
    public const string MonthlyMeetings = "meetings.monthly";

    /// <summary>The key of a month, e.g. <c>2026-11</c>.</summary>
    public static string MonthKey(DateOnly date) => $"{date.Year:0000}-{date.Month:00}";
}
