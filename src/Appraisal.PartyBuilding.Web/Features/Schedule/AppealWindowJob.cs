using Appraisal.PartyBuilding.Web.Features.Cycle;
using Quartz;

namespace Appraisal.PartyBuilding.Web.Features.Schedule;

/// <summary>Published periods past their appeal window become final (<see cref="AppealWindowClose"/>).</summary>
[DisallowConcurrentExecution]
public sealed class AppealWindowJob(AppealWindowClose work, ILogger<AppealWindowJob> logger) : IJob
{
    public static readonly JobKey Key = new("appeal-window-close", SchedulerSetup.JobGroup);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var summary = await work.RunAsync(SchedulerSetup.Actor, cancellationToken);
        logger.LogInformation("Appeal window close ran (attempt {Attempt}): {Summary}", context.RetryAttempt + 1, summary);
    }
}
