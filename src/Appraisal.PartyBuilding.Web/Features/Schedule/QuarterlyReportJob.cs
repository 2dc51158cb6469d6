using Appraisal.PartyBuilding.Web.Features.Reports;
using Quartz;

namespace Appraisal.PartyBuilding.Web.Features.Schedule;

/// <summary>Generates and stores the quarterly report of published and final periods (<see cref="ReportArchive"/>).</summary>
[DisallowConcurrentExecution]
public sealed class QuarterlyReportJob(ReportArchive work, ILogger<QuarterlyReportJob> logger) : IJob
{
    public static readonly JobKey Key = new("quarterly-report", SchedulerSetup.JobGroup);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var summary = await work.RunAsync(SchedulerSetup.Actor, cancellationToken);
        logger.LogInformation("Quarterly report ran (attempt {Attempt}): {Summary}", context.RetryAttempt + 1, summary);
    }
}
