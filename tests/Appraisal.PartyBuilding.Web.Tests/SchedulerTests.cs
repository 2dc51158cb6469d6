using System.Net.Http.Json;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Features.Schedule;
using Microsoft.EntityFrameworkCore;
using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// The app with its Hangfire server on: storage on the app's database (PostgreSQL: Hangfire's own schema) or in memory
/// (SQLite), the cycle's recurring jobs stored with five-field crons in China time, a job queued by publication and a
/// triggered recurring job doing its work by the app's clock, and a job that fails for good visible as failed.
/// </summary>
public abstract class SchedulerTests(DatabaseProvider provider)
{
    private async Task<OwnedApp> StartAsync()
    {
        var owned = await OwnedApp.StartAsync(provider, schedulerEnabled: true);
        _ = owned.App.Server; // starts the host, and with it the Hangfire server
        return owned;
    }

    [Fact]
    public async Task The_server_starts_on_the_apps_database_with_the_cycles_recurring_jobs_in_China_time()
    {
        await using var owned = await StartAsync();
        var app = owned.App;
        var storage = app.Services.GetRequiredService<JobStorage>();
        Assert.IsType(provider == DatabaseProvider.PostgreSql ? typeof(Hangfire.PostgreSql.PostgreSqlStorage) : typeof(Hangfire.InMemory.InMemoryStorage), storage);

        var servers = storage.GetMonitoringApi().Servers();
        for (var i = 0; i < 100 && servers.Count == 0; i++)
        {
            await Task.Delay(100);
            servers = storage.GetMonitoringApi().Servers();
        }

        Assert.Single(servers);
        var expected = new Dictionary<string, string>
        {
            [QuarterCloseJob.Id] = "0 2 5 1,4,7,10 *",
            [AppealWindowJob.Id] = "5 * * * *",
            [QuarterlyReportJob.Id] = "20 * * * *",
            [MeetingReminderJob.Id] = "0 9 20 * *",
            [RectificationReminderJob.Id] = "30 8 * * *",
        };
        using var connection = storage.GetConnection();
        var recurring = connection.GetRecurringJobs().ToDictionary(j => j.Id);
        foreach (var (id, cron) in expected)
        {
            var job = recurring[id];
            Assert.Equal(cron, job.Cron);
            Assert.Equal("Asia/Shanghai", job.TimeZoneId);
            Assert.Null(job.Error);
            Assert.NotNull(job.NextExecution);
        }

        if (provider == DatabaseProvider.PostgreSql)
        {
            // Stored in the app's database, in the schema Hangfire created beside the app's tables.
            await app.WithDbAsync(async db =>
            {
                var db_ = db.Database.GetDbConnection();
                await db_.OpenAsync();
                await using var command = db_.CreateCommand();
                command.CommandText = $"SELECT count(*) FROM {SchedulerSetup.PostgreSqlSchema}.set WHERE key = 'recurring-jobs'";
                Assert.Equal(expected.Count, Convert.ToInt64(await command.ExecuteScalarAsync()));
            });
        }
    }

    [Fact]
    public async Task A_cron_in_Quartz_form_stops_the_start_with_a_message_naming_the_setting()
    {
        var app = new SettingsApp(provider, ("Scheduler:QuarterCloseCron", "0 0 2 5 1,4,7,10 ?"), ("Scheduler:TimeZone", "Mars/Olympus"));
        await app.InitializeAsync();
        try
        {
            var refused = Assert.ThrowsAny<Exception>(() => app.Server);
            var message = string.Join("\n", Messages(refused));
            Assert.True(message.Contains("Scheduler:QuarterCloseCron '0 0 2 5 1,4,7,10 ?' is not a valid cron expression: five fields are expected", StringComparison.Ordinal), message);
            Assert.True(message.Contains("Scheduler:TimeZone 'Mars/Olympus' is not a known time zone", StringComparison.Ordinal), message);
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    /// <summary>The messages of an exception and of everything it wraps (the test host wraps the start's failure).</summary>
    private static IEnumerable<string> Messages(Exception exception) =>
        exception is AggregateException all
            ? all.InnerExceptions.SelectMany(Messages).Prepend(exception.Message)
            : exception.InnerException is { } inner ? Messages(inner).Prepend(exception.Message) : [exception.Message];

    [Fact]
    public async Task A_job_that_fails_for_good_is_listed_as_failed_and_logged()
    {
        var app = new NoRetryApp(provider);
        await app.InitializeAsync();
        try
        {
            await FailsForGoodAsync(app);
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    private static async Task FailsForGoodAsync(NoRetryApp app)
    {
        _ = app.Server;
        var storage = app.Services.GetRequiredService<JobStorage>();
        var id = app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<BrokenJob>(job => job.RunAsync());

        string? state = null;
        for (var i = 0; i < 150 && state != FailedState.StateName; i++)
        {
            await Task.Delay(100);
            state = storage.GetMonitoringApi().JobDetails(id)?.History.FirstOrDefault()?.StateName;
        }

        Assert.Equal(FailedState.StateName, state);
        var failed = Assert.Single(storage.GetMonitoringApi().FailedJobs(0, 10), j => j.Key == id);
        Assert.Contains(BrokenJob.Message, failed.Value.ExceptionMessage);
        Assert.Contains(app.Logged, line => line.Contains(id) && line.Contains("failed for good") && line.Contains(BrokenJob.Message));
    }

    [Fact]
    public async Task Publication_stores_the_report_through_a_queued_job_and_a_fired_job_finalizes_by_the_apps_clock()
    {
        await using var owned = await StartAsync();
        var app = owned.App;
        await app.AddOrganizationAsync("SC-ZB1", "调度测试党支部", Organization.RootCode, OrganizationKind.Branch, "community/rural", 8, 3);
        await app.AddUserAsync("sc-admin", Role.OrgAdmin, Organization.RootCode);
        var admin = await app.BearerClientAsync("sc-admin");
        var id = (await (await admin.PostAsJsonAsync("/api/v1/periods", new { year = 2026, quarter = 3 })).JsonAsync()).GetProperty("id").GetInt32();
        Assert.True((await admin.PostAsJsonAsync($"/api/v1/periods/{id}/transitions", new { to = "scoring" })).IsSuccessStatusCode);
        Assert.True((await admin.PostAsJsonAsync($"/api/v1/periods/{id}/transitions", new { to = "published", confirmMissingManualScores = true })).IsSuccessStatusCode);

        // Publishing queues the quarterly report file at once rather than waiting for its hourly run.
        var stored = false;
        for (var i = 0; i < 100 && !stored; i++)
        {
            await Task.Delay(100);
            await app.WithDbAsync(async db => stored = await db.QuarterlyReports.AnyAsync(r => r.PeriodId == id));
        }

        Assert.True(stored, "the quarterly report was not stored after publication");
        app.Clock.Advance(TimeSpan.FromDays(9));

        app.Services.GetRequiredService<IRecurringJobManager>().Trigger(AppealWindowJob.Id);

        var state = PeriodState.Published;
        for (var i = 0; i < 100 && state != PeriodState.Final; i++)
        {
            await Task.Delay(100);
            await app.WithDbAsync(async db => state = (await db.Periods.AsNoTracking().SingleAsync(p => p.Id == id)).State);
        }

        Assert.Equal(PeriodState.Final, state);
        await app.WithDbAsync(async db =>
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "periods.transition" && a.Actor == SchedulerSetup.Actor && a.Detail == "公示中 → 已定稿")));
    }
}

public sealed class SqliteSchedulerTests() : SchedulerTests(DatabaseProvider.Sqlite);

public sealed class PostgresSchedulerTests() : SchedulerTests(DatabaseProvider.PostgreSql);

/// <summary>A job that always throws, for the failed-for-good path.</summary>
public sealed class BrokenJob
{
    public const string Message = "测试作业按设计失败";

    public Task RunAsync() => throw new InvalidOperationException(Message);
}

/// <summary>The app with workers on, no recurring jobs, no retries, and its log entries kept for the test to read.</summary>
internal sealed class NoRetryApp(DatabaseProvider provider) : AppFactory(provider)
{
    private readonly KeptLog log = new();

    public IReadOnlyList<string> Logged => log.Lines.ToList();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Scheduler:Enabled", "true");
        builder.UseSetting("Scheduler:RecurringJobs", "false");
        builder.UseSetting("Scheduler:Retries", "0");
        builder.UseSetting("Scheduler:PollInterval", "00:00:00.200");
        builder.ConfigureLogging(logging => logging.AddProvider(log));
    }

    private sealed class KeptLog : ILoggerProvider, ILogger
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Lines.Enqueue(formatter(state, exception));
            }
        }

        public void Dispose()
        {
        }
    }
}

/// <summary>The app with the scheduler on and the given settings on top.</summary>
internal sealed class SettingsApp(DatabaseProvider provider, params (string Key, string Value)[] settings) : AppFactory(provider)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Scheduler:Enabled", "true");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
