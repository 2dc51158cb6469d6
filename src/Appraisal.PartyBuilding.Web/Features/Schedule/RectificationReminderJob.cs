using Appraisal.PartyBuilding.Web.Features.Rectification;
using Quartz;

namespace Appraisal.PartyBuilding.Web.Features.Schedule;

/// <summary>
/// Rectification (整改) reminders at T−7, T−3 and when overdue, escalating to the parent organization
/// (<see cref="RectificationReminders"/>; each notice is sent once per item, so a retry or a second node changes nothing).
/// </summary>
[DisallowConcurrentExecution]
public sealed class RectificationReminderJob(RectificationReminders work, TimeProvider clock, ILogger<RectificationReminderJob> logger) : IJob
{
    public static readonly JobKey Key = new("rectification-reminders", SchedulerSetup.JobGroup);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var sent = await work.RunAsync(clock.GetUtcNow(), cancellationToken);
        logger.LogInformation("Rectification reminders ran (attempt {Attempt}): {Sent} sent", context.RetryAttempt + 1, sent);
    }
}
