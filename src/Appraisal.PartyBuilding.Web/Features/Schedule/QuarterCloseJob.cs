using Appraisal.PartyBuilding.Web.Features.Cycle;
using Quartz;

namespace Appraisal.PartyBuilding.Web.Features.Schedule;

/// <summary>After quarter end: ended quarters' periods enter scoring with their scores computed (<see cref="QuarterClose"/>).</summary>
[DisallowConcurrentExecution]
public sealed class QuarterCloseJob(QuarterClose work, ILogger<QuarterCloseJob> logger) : IJob
{
    public static readonly JobKey Key = new("quarter-close", SchedulerSetup.JobGroup);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var summary = await work.RunAsync(SchedulerSetup.Actor, cancellationToken);
        logger.LogInformation("Quarter close ran (attempt {Attempt}): {Summary}", context.RetryAttempt + 1, summary);
    }
}
