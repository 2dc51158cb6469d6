using System.ComponentModel;
using Appraisal.PartyBuilding.Web.Features.Cycle;
using Hangfire;

namespace Appraisal.PartyBuilding.Web.Features.Schedule;

/// <summary>The monthly reminder to branches missing this month's required meetings (<see cref="MeetingReminders"/>).</summary>
public sealed class MeetingReminderJob(MeetingReminders work, ILogger<MeetingReminderJob> logger)
{
    public const string Id = "meeting-reminders";

    [DisplayName("每月提醒：本月尚缺的应开会议")]
    [DisableConcurrentExecution(SchedulerSetup.CycleLockSeconds)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var summary = await work.RunAsync(SchedulerSetup.Actor, cancellationToken);
        logger.LogInformation("Meeting reminders ran: {Summary}", summary);
    }
}
