namespace Appraisal.PartyBuilding.Core.Rectification;

/// <summary>When reminders fall due, in days around an item's deadline (China dates).</summary>
/// <param name="FirstNoticeDays">The first reminder, T−7 by default.</param>
/// <param name="SecondNoticeDays">The second reminder, T−3 by default.</param>
/// <param name="EscalateAfterOverdueDays">
/// Days an item may stay overdue before the parent organization is told (0: on the first overdue day with the
/// overdue reminder).
/// </param>
public sealed record ReminderRules(int FirstNoticeDays = 7, int SecondNoticeDays = 3, int EscalateAfterOverdueDays = 3);

/// <summary>
/// Which reminders an item needs on a day. Deadlines are China calendar dates: an item due on the 30th is on time
/// through the 30th (China time) and overdue from the 31st. Pure.
/// </summary>
public static class RectificationSchedule
{
    /// <summary>Whether the branch still has work to do on the item (open, returned or reopened).</summary>
    public static bool IsActive(RectificationState state) =>
        state is RectificationState.Open or RectificationState.Returned or RectificationState.Reopened;

    /// <summary>Whether an item is overdue on <paramref name="today"/>: still active and past its deadline.</summary>
    public static bool IsOverdue(RectificationState state, DateOnly deadline, DateOnly today) => IsActive(state) && today > deadline;

    /// <summary>The first day the parent organization is told about an item still overdue.</summary>
    public static DateOnly EscalationDate(DateOnly deadline, ReminderRules rules) => deadline.AddDays(1 + Math.Max(0, rules.EscalateAfterOverdueDays));

    /// <summary>
    /// The reminders due on <paramref name="today"/> for an active item that has had <paramref name="sent"/> for this
    /// deadline: from T−7 the first notice, from T−3 the second, after the deadline the overdue reminder and from
    /// <see cref="EscalationDate"/> the escalation. Each kind once; a notice whose time has passed when the job first
    /// runs (e.g. the T−7 notice on T−2) is skipped for the more urgent one, never sent late.
    /// </summary>
    public static IReadOnlyList<ReminderKind> Due(DateOnly deadline, DateOnly today, IReadOnlyCollection<ReminderKind> sent, ReminderRules rules)
    {
        ArgumentNullException.ThrowIfNull(sent);
        ArgumentNullException.ThrowIfNull(rules);
        var due = new List<ReminderKind>();
        if (today > deadline)
        {
            due.Add(ReminderKind.Overdue);
            if (today >= EscalationDate(deadline, rules))
            {
                due.Add(ReminderKind.Escalated);
            }
        }
        else if (today >= deadline.AddDays(-rules.SecondNoticeDays))
        {
            due.Add(ReminderKind.DueIn3Days);
        }
        else if (today >= deadline.AddDays(-rules.FirstNoticeDays))
        {
            due.Add(ReminderKind.DueIn7Days);
        }

        return due.Where(k => !sent.Contains(k)).ToList();
    }
}
