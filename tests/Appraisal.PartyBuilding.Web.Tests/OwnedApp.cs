using Appraisal.PartyBuilding.Data;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// An app a single test owns (tests that move the clock cannot share one): disposing it stops the app and drops
/// its database, which <c>await using</c> on the factory alone would not do.
/// </summary>
internal sealed class OwnedApp : IAsyncDisposable
{
    private OwnedApp(AppFactory app) => App = app;

    public AppFactory App { get; }

    /// <param name="jobWorkers">Run Hangfire workers for queued work (see <see cref="AppFactory.JobWorkers"/>).</param>
    public static async Task<OwnedApp> StartAsync(DatabaseProvider provider, bool schedulerEnabled = false, bool jobWorkers = false)
    {
        var app = provider == DatabaseProvider.Sqlite
            ? (AppFactory)new SqliteApp { SchedulerEnabled = schedulerEnabled, JobWorkers = jobWorkers }
            : new PostgresApp { SchedulerEnabled = schedulerEnabled, JobWorkers = jobWorkers };
        await app.InitializeAsync();
        return new OwnedApp(app);
    }

    public ValueTask DisposeAsync() => new(((IAsyncLifetime)App).DisposeAsync());
}
