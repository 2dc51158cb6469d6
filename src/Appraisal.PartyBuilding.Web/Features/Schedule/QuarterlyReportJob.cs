using System.ComponentModel;
using Appraisal.PartyBuilding.Web.Features.Reports;
using Hangfire;

namespace Appraisal.PartyBuilding.Web.Features.Schedule;

/// <summary>Generates and stores the quarterly report of published and final periods (<see cref="ReportArchive"/>).</summary>
public sealed class QuarterlyReportJob(ReportArchive work, ILogger<QuarterlyReportJob> logger)
{
    public const string Id = "quarterly-report";

    [DisplayName("季度通报：公示、定稿后生成并存档")]
    [DisableConcurrentExecution(SchedulerSetup.CycleLockSeconds)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var summary = await work.RunAsync(SchedulerSetup.Actor, cancellationToken);
        logger.LogInformation("Quarterly report ran: {Summary}", summary);
    }
}
