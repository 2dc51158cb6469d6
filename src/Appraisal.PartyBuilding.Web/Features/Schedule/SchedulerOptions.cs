using System.ComponentModel.DataAnnotations;
using Quartz;

namespace Appraisal.PartyBuilding.Web.Features.Schedule;

/// <summary>
/// The <c>Scheduler</c> configuration section: the Quartz scheduler that runs the cycle's jobs on the configured
/// database. Cron expressions are Quartz's (seconds first) in <see cref="TimeZone"/>.
/// </summary>
public sealed class SchedulerOptions : IValidatableObject
{
    public const string Section = "Scheduler";

    /// <summary>Run the scheduler in this process. Tests, command-line verbs and read-only replicas turn it off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>This node's id in a cluster; <c>AUTO</c> derives a unique one (host name and time) at start-up.</summary>
    [Required]
    public string InstanceId { get; set; } = "AUTO";

    /// <summary>The time zone of the cron expressions (China time by default).</summary>
    [Required]
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>After quarter end: the quarter's period enters scoring. Default: the 5th day of the next quarter at 02:00.</summary>
    [Required]
    public string QuarterCloseCron { get; set; } = "0 0 2 5 1,4,7,10 ?";

    /// <summary>Published periods whose appeal window has passed become final. Default: hourly at :05.</summary>
    [Required]
    public string AppealCloseCron { get; set; } = "0 5 * * * ?";

    /// <summary>The quarterly report (季度通报) of published and final periods is generated and stored. Default: hourly at :20.</summary>
    [Required]
    public string ReportCron { get; set; } = "0 20 * * * ?";

    /// <summary>Branches missing this month's required meetings get a reminder. Default: the 20th of each month at 09:00.</summary>
    [Required]
    public string ReminderCron { get; set; } = "0 0 9 20 * ?";

    /// <summary>Rectification reminders (T−7, T−3, overdue) and escalations. Default: every day at 08:30.</summary>
    [Required]
    public string RectificationReminderCron { get; set; } = "0 30 8 * * ?";

    /// <summary>How often a clustered node (PostgreSQL) records that it is alive; a node silent for longer is taken over.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan CheckinInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long an idle node sleeps before looking for due triggers again. A trigger this process stores wakes it at
    /// once; one stored by another process (another node) waits at most this long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Jobs one node runs at the same time.</summary>
    [Range(1, 16)]
    public int MaxConcurrency { get; set; } = 2;

    /// <summary>Retries of a failed job run, with exponential backoff from <see cref="RetryDelay"/> (×2 each time, at most 1 hour).</summary>
    [Range(0, 10)]
    public int Retries { get; set; } = 3;

    /// <summary>The wait before the first retry of a failed job run.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(2);

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, cron) in new[]
                 {
                     (nameof(QuarterCloseCron), QuarterCloseCron), (nameof(AppealCloseCron), AppealCloseCron),
                     (nameof(ReportCron), ReportCron), (nameof(ReminderCron), ReminderCron),
                     (nameof(RectificationReminderCron), RectificationReminderCron),
                 })
        {
            if (!CronExpression.TryParse(cron, out _))
            {
                yield return new ValidationResult($"Scheduler:{name} '{cron}' is not a valid Quartz cron expression.", [name]);
            }
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult($"Scheduler:TimeZone '{TimeZone}' is not a known time zone.", [nameof(TimeZone)]);
        }
    }
}
