using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Web.Platform;
using Hangfire;
using Hangfire.Dashboard;

namespace Appraisal.PartyBuilding.Web.Features.Schedule;

/// <summary>
/// Hangfire's dashboard at <see cref="Path"/>: recurring jobs, queued, running, succeeded and failed jobs (with the
/// exception of each failed attempt), and the servers of the cluster. Guarded by the app's own sign-in and the
/// <see cref="Policies.JobDashboard"/> policy (an anonymous request gets 401, another role 403), not by Hangfire's
/// local-requests-only default.
/// </summary>
public static class JobDashboard
{
    public const string Path = "/hangfire";

    public static IEndpointRouteBuilder MapJobDashboard(this IEndpointRouteBuilder routes)
    {
        routes.MapHangfireDashboardWithAuthorizationPolicy(Policies.JobDashboard, Path, new DashboardOptions
        {
            DashboardTitle = "后台作业",
            AppPath = "/",
            Authorization = [],
            // Retrying or deleting jobs is the system administrator's; anyone else the policy lets in only reads.
            IsReadOnlyFunc = context => !context.GetHttpContext().User.IsInRole(Role.SysAdmin),
        });
        return routes;
    }
}
