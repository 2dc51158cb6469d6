using System.ComponentModel;
using Appraisal.PartyBuilding.Web.Features.Rectification;
using Hangfire;

namespace Appraisal.PartyBuilding.Web.Features.Schedule;

/// <summary>
/// Rectification (整改) reminders at T−7, T−3 and when overdue, escalating to the parent organization
/// (<see cref="RectificationReminders"/>; each notice is sent once per item, so a retry or a second node changes nothing).
/// </summary>
public sealed class RectificationReminderJob(RectificationReminders work, TimeProvider clock, ILogger<RectificationReminderJob> logger)
{
    public const string Id = "rectification-reminders";

    [DisplayName("整改提醒：到期前7天、3天和逾期，逾期上报上级组织")]
    [DisableConcurrentExecution(SchedulerSetup.CycleLockSeconds)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var sent = await work.RunAsync(clock.GetUtcNow(), cancellationToken);
        logger.LogInformation("Rectification reminders ran: {Sent} sent", sent);
    }
}
