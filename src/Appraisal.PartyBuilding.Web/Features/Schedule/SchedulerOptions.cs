using System.ComponentModel.DataAnnotations;
using Cronos;

namespace Appraisal.PartyBuilding.Web.Features.Schedule;

/// <summary>
/// The <c>Scheduler</c> configuration section: the Hangfire server that runs the cycle's recurring jobs and the
/// queued long work (scoring, imports, reports) on the configured database's storage. Cron expressions have five
/// fields (minute hour day month weekday, as Hangfire reads them) in <see cref="TimeZone"/>.
/// </summary>
public sealed class SchedulerOptions : IValidatableObject
{
    public const string Section = "Scheduler";

    /// <summary>Run a Hangfire server (workers) in this process. Command-line verbs and tests that drive the jobs directly turn it off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Register the cycle's recurring jobs at start-up. Tests that need workers for queued work but must not see a
    /// cron fire during the test turn this off.
    /// </summary>
    public bool RecurringJobs { get; set; } = true;

    /// <summary>This node's server name on the dashboard; <c>AUTO</c> lets Hangfire derive one (host name and a unique suffix).</summary>
    [Required]
    public string InstanceId { get; set; } = "AUTO";

    /// <summary>The time zone of the cron expressions (China time by default).</summary>
    [Required]
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>After quarter end: the quarter's period enters scoring. Default: the 5th day of the next quarter at 02:00.</summary>
    [Required]
    public string QuarterCloseCron { get; set; } = "0 2 5 1,4,7,10 *";

    /// <summary>Published periods whose appeal window has passed become final. Default: hourly at :05.</summary>
    [Required]
    public string AppealCloseCron { get; set; } = "5 * * * *";

    /// <summary>The quarterly report (季度通报) of published and final periods is generated and stored. Default: hourly at :20.</summary>
    [Required]
    public string ReportCron { get; set; } = "20 * * * *";

    /// <summary>Branches missing this month's required meetings get a reminder. Default: the 20th of each month at 09:00.</summary>
    [Required]
    public string ReminderCron { get; set; } = "0 9 20 * *";

    /// <summary>Rectification reminders (T−7, T−3, overdue) and escalations. Default: every day at 08:30.</summary>
    [Required]
    public string RectificationReminderCron { get; set; } = "30 8 * * *";

    /// <summary>
    /// How often an idle worker looks for queued work (PostgreSQL also wakes workers at once by LISTEN/NOTIFY, so this
    /// bounds the wait only when a notification is missed).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// PostgreSQL: how long a job fetched by a node that stopped sending heartbeats stays invisible before another
    /// node takes it (sliding: a live node keeps extending it while the job runs).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "12:00:00")]
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// PostgreSQL: how long a lock left behind by a node that died holding it (a job's state change, the scoring
    /// set) blocks the other nodes before they remove it. Locks are held for milliseconds, so a minute is ample;
    /// Hangfire's own default of 10 minutes would leave a job stuck that long after a node is killed.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Jobs one node runs at the same time (Hangfire workers).</summary>
    [Range(1, 32)]
    public int MaxConcurrency { get; set; } = 2;

    /// <summary>Automatic retries of a failed job, waits doubling from <see cref="RetryDelay"/> up to 1 hour; after the last one the job is failed for good.</summary>
    [Range(0, 10)]
    public int Retries { get; set; } = 3;

    /// <summary>The wait before the first retry of a failed job (whole seconds).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The wait before each retry: <see cref="RetryDelay"/>, doubling, at most an hour.</summary>
    /// <remarks>Methods, not properties: the configuration binder reads every property, and would throw here for a bad time zone before validation could say why.</remarks>
    public int[] RetryDelaysInSeconds() =>
        Enumerable.Range(0, Retries).Select(i => (int)Math.Min(3600, Math.Max(1, RetryDelay.TotalSeconds) * Math.Pow(2, i))).ToArray();

    public TimeZoneInfo Zone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public IEnumerable<(string Name, string Cron)> Crons() =>
    [
        (nameof(QuarterCloseCron), QuarterCloseCron), (nameof(AppealCloseCron), AppealCloseCron),
        (nameof(ReportCron), ReportCron), (nameof(ReminderCron), ReminderCron),
        (nameof(RectificationReminderCron), RectificationReminderCron),
    ];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, cron) in Crons())
        {
            // Standard (five-field) only: a Quartz expression with seconds first would parse as six fields and fire
            // at a different time than its author meant, so it is refused with a hint rather than reinterpreted.
            if (!CronExpression.TryParse(cron ?? "", CronFormat.Standard, out _))
            {
                yield return new ValidationResult(
                    $"Scheduler:{name} '{cron}' is not a valid cron expression: five fields are expected (minute hour day-of-month month day-of-week, e.g. '0 2 5 1,4,7,10 *'); Quartz's six-field form with seconds first is no longer accepted.",
                    [name]);
            }
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone ?? "", out _))
        {
            yield return new ValidationResult($"Scheduler:TimeZone '{TimeZone}' is not a known time zone.", [nameof(TimeZone)]);
        }
    }
}
