using System.ComponentModel;
using Appraisal.PartyBuilding.Web.Features.Cycle;
using Hangfire;

namespace Appraisal.PartyBuilding.Web.Features.Schedule;

/// <summary>After quarter end: ended quarters' periods enter scoring with their scores computed (<see cref="QuarterClose"/>).</summary>
public sealed class QuarterCloseJob(QuarterClose work, ILogger<QuarterCloseJob> logger)
{
    public const string Id = "quarter-close";

    [DisplayName("季度结束后：考核期进入评分并计分")]
    [DisableConcurrentExecution(SchedulerSetup.CycleLockSeconds)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var summary = await work.RunAsync(SchedulerSetup.Actor, cancellationToken);
        logger.LogInformation("Quarter close ran: {Summary}", summary);
    }
}
