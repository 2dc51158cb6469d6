using Appraisal.PartyBuilding.Web.Features.Cycle;
using Quartz;

namespace Appraisal.PartyBuilding.Web.Features.Schedule;

/// <summary>The monthly reminder to branches missing this month's required meetings (<see cref="MeetingReminders"/>).</summary>
[DisallowConcurrentExecution]
public sealed class MeetingReminderJob(MeetingReminders work, ILogger<MeetingReminderJob> logger) : IJob
{
    public static readonly JobKey Key = new("meeting-reminders", SchedulerSetup.JobGroup);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var summary = await work.RunAsync(SchedulerSetup.Actor, cancellationToken);
        logger.LogInformation("Meeting reminders ran (attempt {Attempt}): {Summary}", context.RetryAttempt + 1, summary);
    }
}
