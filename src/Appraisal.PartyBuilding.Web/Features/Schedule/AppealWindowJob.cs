using System.ComponentModel;
using Appraisal.PartyBuilding.Web.Features.Cycle;
using Hangfire;

namespace Appraisal.PartyBuilding.Web.Features.Schedule;

/// <summary>Published periods past their appeal window become final (<see cref="AppealWindowClose"/>).</summary>
public sealed class AppealWindowJob(AppealWindowClose work, ILogger<AppealWindowJob> logger)
{
    public const string Id = "appeal-window-close";

    [DisplayName("申诉期届满：考核期定稿")]
    [DisableConcurrentExecution(SchedulerSetup.CycleLockSeconds)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var summary = await work.RunAsync(SchedulerSetup.Actor, cancellationToken);
        logger.LogInformation("Appeal window close ran: {Summary}", summary);
    }
}
