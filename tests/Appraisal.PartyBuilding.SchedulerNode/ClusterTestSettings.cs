using Appraisal.PartyBuilding.Web.Features.Schedule;

namespace Appraisal.PartyBuilding.SchedulerNode;

/// <summary>
/// The scheduler settings of the cluster test: the app's defaults with short intervals, so that a node notices new
/// triggers, checks in and is declared dead within a few seconds rather than the production minutes.
/// </summary>
public static class ClusterTestSettings
{
    public static SchedulerOptions Node => new()
    {
        CheckinInterval = TimeSpan.FromMilliseconds(500),
        PollInterval = TimeSpan.FromSeconds(1),
        MaxConcurrency = 3,
        Retries = 2,
        RetryDelay = TimeSpan.FromMilliseconds(500),
    };

    /// <summary>The test's own scheduler, which only stores jobs and is never started.</summary>
    public static SchedulerOptions Client => new() { InstanceId = "test-client" };
}
