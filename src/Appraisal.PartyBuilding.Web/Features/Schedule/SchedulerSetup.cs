using System.ComponentModel.DataAnnotations;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Features.Cycle;
using Microsoft.Extensions.Options;
using Quartz;

namespace Appraisal.PartyBuilding.Web.Features.Schedule;

/// <summary>
/// The Quartz scheduler of the cycle: a persistent ADO job store on the app's own database (Quartz creates its tables
/// when missing: the schema migrations no longer hold them), clustered on PostgreSQL so that several app nodes share the
/// jobs and a surviving node takes over a dead one's, System.Text.Json for stored job data, and retries with
/// exponential backoff for failed runs. Every job is idempotent and computes its business dates from the app's
/// <see cref="TimeProvider"/>; Quartz's own trigger clock is real time.
/// </summary>
public static class SchedulerSetup
{
    /// <summary>The scheduler name every node of a cluster shares (the job store's SCHED_NAME).</summary>
    public const string Name = "Appraisal";

    public const string TablePrefix = "qrtz_";

    /// <summary>The actor the audit log names for what the scheduler does.</summary>
    public const string Actor = "scheduler";

    public const string JobGroup = "cycle";

    /// <summary>The ceiling of the exponential retry backoff.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromHours(1);

    /// <param name="connectionString">Resolves the connection string of the configured database (as the app does).</param>
    public static IServiceCollection AddScheduler(this IServiceCollection services, IConfiguration configuration, Func<DatabaseOptions, string> connectionString)
    {
        services.AddOptions<SchedulerOptions>().BindConfiguration(SchedulerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<QuarterClose>();
        services.AddScoped<AppealWindowClose>();
        services.AddScoped<MeetingReminders>();
        services.AddScoped<Reports.ReportArchive>();

        // Quartz is composed at registration, so its settings are read here (and checked, since ValidateOnStart
        // would only run after a bad cron expression had already failed to register).
        var options = configuration.GetSection(SchedulerOptions.Section).Get<SchedulerOptions>() ?? new SchedulerOptions();
        if (!options.Enabled)
        {
            return services;
        }

        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true))
        {
            throw new OptionsValidationException(SchedulerOptions.Section, typeof(SchedulerOptions), errors.Select(e => e.ErrorMessage ?? "").ToList());
        }

        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connection = connectionString(database);
        services.AddQuartz(quartz =>
        {
            UseAppraisalStore(quartz, database.Provider, connection, options);
            AddCycleJobs(quartz, options);
        });
        services.AddQuartzHostedService(hosted => hosted.WaitForJobsToComplete = true);
        return services;
    }

    /// <summary>The store, clustering, serializer, clock and retry settings every node uses (also the cluster test's nodes).</summary>
    public static void UseAppraisalStore(IQuartzBuilder quartz, DatabaseProvider provider, string connectionString, SchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(quartz);
        ArgumentNullException.ThrowIfNull(options);
        quartz.ConfigureScheduler(scheduler =>
        {
            scheduler.InstanceName = Name;
            scheduler.IdleWaitTime = options.PollInterval;
            if (string.Equals(options.InstanceId, "AUTO", StringComparison.OrdinalIgnoreCase))
            {
                scheduler.GenerateInstanceId = true;
            }
            else
            {
                scheduler.InstanceId = options.InstanceId;
            }
        });

        // Not the app's TimeProvider: tests replace that with a clock they move by hand, and triggers must keep
        // real time. Jobs read business dates from the app's clock.
        quartz.UseTimeProvider(TimeProvider.System);
        quartz.UseDefaultThreadPool(options.MaxConcurrency);
        if (options.Retries > 0)
        {
            quartz.UseDefaultRetryPolicy(RetryPolicy.Exponential(options.Retries, options.RetryDelay, 2.0, MaxRetryDelay < options.RetryDelay ? options.RetryDelay : MaxRetryDelay));
        }

        quartz.UsePersistentStore(store =>
        {
            store.ConfigureStore(job =>
            {
                job.TablePrefix = TablePrefix;
                job.SchemaProvisioning = SchemaProvisioning.CreateIfMissing;
            });
            store.UseSystemTextJsonSerializer();
            if (provider == DatabaseProvider.PostgreSql)
            {
                store.UsePostgres(Npgsql.NpgsqlFactory.Instance, connectionString);
                store.UseClustering(cluster =>
                {
                    cluster.CheckinInterval = options.CheckinInterval;
                    cluster.CheckinMisfireThreshold = options.CheckinInterval * 2;
                });
            }
            else
            {
                // One node only: SQLite is the embedded, single-server database.
                store.UseSqlite(Microsoft.Data.Sqlite.SqliteFactory.Instance, connectionString);
            }
        });
    }

    private static void AddCycleJobs(IQuartzBuilder quartz, SchedulerOptions options)
    {
        var zone = options.Zone;
        Cron<QuarterCloseJob>(quartz, QuarterCloseJob.Key, options.QuarterCloseCron, zone, "季度结束后：考核期进入评分并计分");
        Cron<AppealWindowJob>(quartz, AppealWindowJob.Key, options.AppealCloseCron, zone, "申诉期届满：考核期定稿");
        Cron<QuarterlyReportJob>(quartz, QuarterlyReportJob.Key, options.ReportCron, zone, "季度通报：公示、定稿后生成并存档");
        Cron<MeetingReminderJob>(quartz, MeetingReminderJob.Key, options.ReminderCron, zone, "每月提醒：本月尚缺的应开会议");
        Cron<RectificationReminderJob>(quartz, RectificationReminderJob.Key, options.RectificationReminderCron, zone, "整改提醒：到期前7天、3天和逾期，逾期上报上级组织");
    }

    private static void Cron<TJob>(IQuartzBuilder quartz, JobKey key, string cron, TimeZoneInfo zone, string description)
        where TJob : IJob =>
        quartz.ScheduleJob<TJob>(
            trigger => trigger
                .WithIdentity(key.Name, key.Group)
                .WithDescription(description)
                // A node that was down at the time fires once when it is back; the jobs catch up by design.
                .WithCronSchedule(cron, schedule => schedule.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)),
            job => job
                .WithIdentity(key)
                .WithDescription(description)
                .RequestRecovery(true)
                .DisallowConcurrentExecution(true));
}
