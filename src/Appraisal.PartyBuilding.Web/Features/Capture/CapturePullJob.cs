using System.ComponentModel;
using System.Security.Claims;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Features.Jobs;
using Appraisal.PartyBuilding.Web.Features.Schedule;
using Appraisal.PartyBuilding.Web.Platform;
using Hangfire.Server;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Capture;

/// <summary>
/// A pull as a Hangfire job: the recurring one of each enabled source (actor <see cref="SchedulerSetup.Actor"/>) and
/// the one the 组织部 queues with 立即拉取. A failed pull throws after it recorded the failure, so Hangfire's automatic
/// retries (<c>Scheduler:Retries</c>, <c>Scheduler:RetryDelay</c>) try again; a retry that succeeds clears it.
/// </summary>
public sealed class CapturePullJob(CapturePull pull, JobOwner owner, AppraisalDbContext db)
{
    public const string Kind = "capture-pull";

    public static string RecurringId(string kpiCode) => $"capture:{kpiCode}";

    [DisplayName("自动采集：{0}")]
    public async Task RunAsync(string kpiCode, string actor, PerformContext context, CancellationToken cancellationToken)
    {
        if (actor == SchedulerSetup.Actor)
        {
            owner.Act(await SchedulerPrincipalAsync(cancellationToken));
        }
        else if (await owner.PrincipalAsync(actor, cancellationToken) is { } principal)
        {
            owner.Act(principal);
        }
        else
        {
            JobRun.AccountGone(context, actor);
            return;
        }

        var outcome = await pull.PullAsync(kpiCode, cancellationToken);
        if (outcome is null)
        {
            // Deleted or never configured: nothing to retry.
            if (context is not null)
            {
                JobRun.Refuse(context, StatusCodes.Status404NotFound, "数据源不存在", $"没有为指标值“{kpiCode}”配置数据源。");
            }

            return;
        }

        if (!outcome.Succeeded)
        {
            throw new CapturePullFailedException($"数据源“{kpiCode}”拉取失败：{outcome.Error}");
        }

        if (context is not null)
        {
            JobRun.Succeed(context, outcome);
        }
    }

    /// <summary>
    /// The scheduler acts as the root's 组织部 (the only one who can configure a source), so every branch is in scope;
    /// values and audit entries name it as <see cref="SchedulerSetup.Actor"/>.
    /// </summary>
    private async Task<ClaimsPrincipal> SchedulerPrincipalAsync(CancellationToken cancellationToken)
    {
        var root = await db.Organizations.AsNoTracking().Where(o => o.Code == Organization.RootCode).Select(o => o.Id).SingleAsync(cancellationToken);
        return new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, SchedulerSetup.Actor),
                new Claim(ClaimTypes.Role, Role.OrgAdmin),
                new Claim(CurrentUser.OrganizationClaim, root.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ],
            JobOwner.AuthenticationType,
            ClaimTypes.Name,
            ClaimTypes.Role));
    }
}

/// <summary>A pull that failed (already recorded on the source and in the audit log); thrown so that Hangfire retries.</summary>
public sealed class CapturePullFailedException(string message) : Exception(message);
