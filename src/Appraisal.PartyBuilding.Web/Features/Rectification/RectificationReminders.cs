using Appraisal.PartyBuilding.Core;
using Appraisal.PartyBuilding.Core.Rectification;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appraisal.PartyBuilding.Web.Features.Rectification;

/// <summary>
/// Sends the reminders that are due (T−7, T−3, overdue to the branch; escalation to the parent organization) as
/// reminder rows shown on the branch's and the parent's pages. A plain service for a scheduled job to call once a day
/// or more often: each kind is stored once per item and deadline (a unique index backs this when two nodes run it at
/// once), so running it again the same day sends nothing.
/// </summary>
public sealed class RectificationReminders(AppraisalDbContext db, IOptions<RectificationOptions> options, AuditLog audit, ILogger<RectificationReminders> logger)
{
    public const string RemindAction = "rectification.remind";

    /// <returns>The number of reminders stored by this run.</returns>
    public async Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var rules = options.Value.Reminders;
        var today = ChinaTime.DateOf(now);
        var horizon = today.AddDays(rules.FirstNoticeDays);
        var items = await db.RectificationItems
            .Where(i => (i.State == RectificationState.Open || i.State == RectificationState.Returned || i.State == RectificationState.Reopened) && i.Deadline <= horizon)
            .Include(i => i.Branch).ThenInclude(b => b!.Parent)
            .Include(i => i.Reminders)
            .OrderBy(i => i.Id)
            .ToListAsync(cancellationToken);

        var sent = 0;
        foreach (var item in items)
        {
            var already = item.Reminders.Where(r => r.Deadline == item.Deadline).Select(r => r.Kind).ToList();
            foreach (var kind in RectificationSchedule.Due(item.Deadline, today, already, rules))
            {
                var branch = item.Branch!;
                var escalated = kind == ReminderKind.Escalated;
                item.Reminders.Add(new RectificationReminder
                {
                    Kind = kind,
                    Deadline = item.Deadline,
                    RecipientOrganizationId = escalated ? branch.ParentId ?? branch.Id : branch.Id,
                    At = now,
                    Message = Message(item, kind, today),
                });
                sent++;
            }
        }

        if (sent == 0)
        {
            return 0;
        }

        audit.Record(AuditLog.System, RemindAction, today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), $"发送整改提醒{sent}条");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception)
        {
            // Another run stored the same reminders first: they are sent, which is what matters.
            logger.LogWarning(exception, "Rectification reminders of {Today} were stored by a concurrent run", today);
            db.ChangeTracker.Clear();
            return 0;
        }

        logger.LogInformation("Stored {Count} rectification reminders for {Today}", sent, today);
        return sent;
    }

    private static string Message(RectificationItem item, ReminderKind kind, DateOnly today)
    {
        var what = $"{item.Branch!.Name}的整改事项“{item.IndicatorName}”";
        var deadline = item.Deadline.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var overdueDays = today.DayNumber - item.Deadline.DayNumber;
        return kind switch
        {
            ReminderKind.DueIn7Days or ReminderKind.DueIn3Days =>
                $"{what}将于{deadline}到期（还有{item.Deadline.DayNumber - today.DayNumber}天），请及时报告整改进展并申请销号。",
            ReminderKind.Overdue => $"{what}已于{deadline}到期，现已逾期，请尽快完成整改并报告。",
            ReminderKind.Escalated => $"督办：{what}已逾期{overdueDays}天（期限{deadline}），请{item.Branch.Parent?.Name ?? "上级组织"}督促整改。",
            _ => what,
        };
    }
}
