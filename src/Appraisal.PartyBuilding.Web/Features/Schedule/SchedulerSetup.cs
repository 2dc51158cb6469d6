using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Features.Cycle;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Appraisal.PartyBuilding.Web.Features.Schedule;

/// <summary>
/// Hangfire for the cycle's recurring jobs and the queued long work. PostgreSQL: Hangfire's own schema
/// (<see cref="PostgreSqlSchema"/>, created by Hangfire at first use) in the app's database, shared by every node, so a
/// job runs once across the nodes and a job of a node that died becomes visible again to the others after
/// <see cref="SchedulerOptions.InvisibilityTimeout"/>. SQLite (one embedded node): in-memory storage, so queued and
/// running work is lost at a restart (the recurring jobs are registered again at start and catch up by design).
/// Every job is idempotent and computes its business dates from the app's <see cref="TimeProvider"/>; Hangfire's own
/// cron clock is real time.
/// </summary>
public static class SchedulerSetup
{
    /// <summary>The actor the audit log names for what the scheduler does.</summary>
    public const string Actor = "scheduler";

    /// <summary>The PostgreSQL schema Hangfire keeps its tables in (beside the app's tables in <c>public</c>).</summary>
    public const string PostgreSqlSchema = "hangfire";

    /// <summary>How long a cycle job waits for another run of itself to end before the attempt fails (and is retried).</summary>
    public const int CycleLockSeconds = 600;

    /// <param name="connectionString">Resolves the connection string of the configured database (as the app does).</param>
    public static IServiceCollection AddScheduler(this IServiceCollection services, IConfiguration configuration, Func<DatabaseOptions, string> connectionString)
    {
        services.AddOptions<SchedulerOptions>().BindConfiguration(SchedulerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<QuarterClose>();
        services.AddScoped<AppealWindowClose>();
        services.AddScoped<MeetingReminders>();
        services.AddScoped<Reports.ReportArchive>();
        services.AddScoped<Jobs.BackgroundWork>();
        services.AddScoped<Jobs.JobOwner>();

        services.AddJobStorage(sp =>
        {
            var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            return CreateStorage(database.Provider, database.ConnectionString, sp.GetRequiredService<IOptions<SchedulerOptions>>().Value);
        });

        // Whether this process runs workers is known at registration (a hosted service is added or not).
        var options = configuration.GetSection(SchedulerOptions.Section).Get<SchedulerOptions>() ?? new SchedulerOptions();
        if (!options.Enabled)
        {
            return services;
        }

        services.AddHostedService<RecurringCycleJobs>();
        services.AddHangfireServer((sp, server) => ConfigureServer(server, sp.GetRequiredService<IOptions<SchedulerOptions>>().Value));
        return services;
    }

    /// <summary>
    /// Hangfire's client, server and dashboard services on <paramref name="storage"/> with this app's filters (also
    /// the cluster test's nodes). Hangfire keeps its configuration in statics (JobStorage.Current, GlobalJobFilters)
    /// that several apps in one process (the tests) would share; registering the storage, the filters and the
    /// activator first makes every Hangfire service of this container resolve its own (AddHangfire only TryAdds them).
    /// </summary>
    public static IServiceCollection AddJobStorage(this IServiceCollection services, Func<IServiceProvider, JobStorage> storage)
    {
        services.AddSingleton(sp =>
        {
            // Applies the serializer settings below before the first job is written or read, whichever service asks first.
            sp.GetRequiredService<IGlobalConfiguration>();
            return storage(sp);
        });
        services.AddSingleton<IJobFilterProvider>(sp => Filters(sp.GetRequiredService<IOptions<SchedulerOptions>>().Value, sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HangfireLog(sp.GetRequiredService<ILoggerFactory>())));
        return services;
    }

    /// <summary>The storage every node uses (also the cluster test's nodes and client).</summary>
    public static JobStorage CreateStorage(DatabaseProvider provider, string connectionString, SchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (provider != DatabaseProvider.PostgreSql)
        {
            // The embedded database serves one node; its work needs no storage that outlives the process.
            return new InMemoryStorage(new InMemoryStorageOptions());
        }

        return new PostgreSqlStorage(new AppConnections(connectionString), new PostgreSqlStorageOptions
        {
            SchemaName = PostgreSqlSchema,
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = options.PollInterval,
            InvisibilityTimeout = options.InvisibilityTimeout,
            // A live node keeps pushing the invisibility of the job it runs forward, so a long job is never taken
            // over while its node lives, and a dead node's job is taken after InvisibilityTimeout.
            UseSlidingInvisibilityTimeout = true,
            DistributedLockTimeout = options.LockTimeout,
            EnableLongPolling = true,
        });
    }

    /// <summary>The worker settings every node uses (also the cluster test's nodes).</summary>
    public static void ConfigureServer(BackgroundJobServerOptions server, SchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(options);
        server.WorkerCount = options.MaxConcurrency;
        server.SchedulePollingInterval = options.PollInterval;
        server.HeartbeatInterval = Min(TimeSpan.FromSeconds(30), options.InvisibilityTimeout / 3);
        server.ServerCheckInterval = Min(TimeSpan.FromMinutes(5), options.InvisibilityTimeout);
        server.ServerTimeout = Max(TimeSpan.FromSeconds(2), Min(TimeSpan.FromMinutes(5), options.InvisibilityTimeout));
        if (!string.Equals(options.InstanceId, "AUTO", StringComparison.OrdinalIgnoreCase))
        {
            server.ServerName = options.InstanceId;
        }
    }

    /// <summary>
    /// The filters of every job: Hangfire's defaults for statistics and continuations, the configured automatic
    /// retries, the log entry of a job that failed for good, and the attributes on the job methods.
    /// </summary>
    public static IJobFilterProvider Filters(SchedulerOptions options, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        var filters = new JobFilterCollection
        {
            new StatisticsHistoryAttribute(),
            new ContinuationsSupportAttribute(),
            options.Retries > 0
                ? new AutomaticRetryAttribute { Attempts = options.Retries, DelaysInSeconds = options.RetryDelaysInSeconds() }
                : new AutomaticRetryAttribute { Attempts = 0 },
            new FailedJobLog(loggers.CreateLogger<FailedJobLog>()),
        };
        return new JobFilterProviderCollection(filters, new JobFilterAttributeFilterProvider());
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>A new connection per use, from the app's connection string (Npgsql pools them).</summary>
    private sealed class AppConnections(string connectionString) : IConnectionFactory
    {
        public NpgsqlConnection GetOrCreateConnection() => new(connectionString);
    }
}

/// <summary>
/// Registers (or updates) the cycle's recurring jobs with the configured cron and time zone at start-up. Every node
/// does so; Hangfire keeps one entry per id, and fires each occurrence once across the nodes.
/// </summary>
public sealed class RecurringCycleJobs(IRecurringJobManager jobs, IOptions<SchedulerOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.RecurringJobs)
        {
            return Task.CompletedTask;
        }

        var at = new RecurringJobOptions { TimeZone = settings.Zone() };
        jobs.AddOrUpdate<QuarterCloseJob>(QuarterCloseJob.Id, j => j.RunAsync(CancellationToken.None), settings.QuarterCloseCron, at);
        jobs.AddOrUpdate<AppealWindowJob>(AppealWindowJob.Id, j => j.RunAsync(CancellationToken.None), settings.AppealCloseCron, at);
        jobs.AddOrUpdate<QuarterlyReportJob>(QuarterlyReportJob.Id, j => j.RunAsync(CancellationToken.None), settings.ReportCron, at);
        jobs.AddOrUpdate<MeetingReminderJob>(MeetingReminderJob.Id, j => j.RunAsync(CancellationToken.None), settings.ReminderCron, at);
        jobs.AddOrUpdate<RectificationReminderJob>(RectificationReminderJob.Id, j => j.RunAsync(CancellationToken.None), settings.RectificationReminderCron, at);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Logs a job that failed for good (its retries used up); the dashboard lists it under 失败 as well.</summary>
public sealed class FailedJobLog(ILogger<FailedJobLog> logger) : JobFilterAttribute, Hangfire.States.IApplyStateFilter
{
    public void OnStateApplied(Hangfire.States.ApplyStateContext context, Hangfire.Storage.IWriteOnlyTransaction transaction)
    {
        if (context.NewState is Hangfire.States.FailedState failed)
        {
            logger.LogError(failed.Exception, "Background job {JobId} ({Job}) failed for good after its retries: {Reason}", context.BackgroundJob.Id, context.BackgroundJob.Job?.ToString(), failed.Exception.Message);
        }
    }

    public void OnStateUnapplied(Hangfire.States.ApplyStateContext context, Hangfire.Storage.IWriteOnlyTransaction transaction)
    {
    }
}

/// <summary>
/// Hangfire's internal log through the app's logging. Hangfire holds one log provider per process: where several apps
/// share a process (the tests), one of them stopping disposes the logger factory the others' Hangfire still writes
/// to, so a logger is made on first use and a disposed factory silences the log instead of failing the job.
/// </summary>
internal sealed class HangfireLog(ILoggerFactory loggers) : Hangfire.Logging.ILogProvider
{
    public Hangfire.Logging.ILog GetLogger(string name) => new LazyLog(loggers, name);

    private sealed class LazyLog(ILoggerFactory loggers, string name) : Hangfire.Logging.ILog
    {
        private Hangfire.Logging.ILog? inner;

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                inner ??= new AspNetCoreLogProvider(loggers).GetLogger(name);
                return inner.Log(logLevel, messageFunc, exception);
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
