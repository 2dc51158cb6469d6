using System.Net.Http.Json;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Features.Schedule;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// The app with its Quartz scheduler on: the persistent job store on the app's own database (tables from script
/// 0008, validated by Quartz at start-up), clustered on PostgreSQL, the cycle's cron triggers stored in China time,
/// and a job fired through Quartz doing its work by the app's clock.
/// </summary>
public abstract class SchedulerTests(DatabaseProvider provider)
{
    private async Task<OwnedApp> StartAsync()
    {
        var owned = await OwnedApp.StartAsync(provider, schedulerEnabled: true);
        _ = owned.App.Server; // starts the host, and with it the scheduler
        return owned;
    }

    [Fact]
    public async Task The_scheduler_starts_on_the_apps_database_with_the_cycles_triggers_in_China_time()
    {
        await using var owned = await StartAsync();
        var app = owned.App;

        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var meta = await scheduler.GetMetadata();
        for (var i = 0; i < 100 && meta.Status != SchedulerStatus.Running; i++)
        {
            // The hosted service starts the scheduler once the app has started.
            await Task.Delay(100);
            meta = await scheduler.GetMetadata();
        }

        Assert.Equal(SchedulerStatus.Running, meta.Status);
        Assert.Equal(SchedulerSetup.Name, meta.SchedulerName);
        Assert.True(meta.JobStorePersistent);
        Assert.Equal(provider == DatabaseProvider.PostgreSql, meta.JobStoreClustered);
        var expected = new Dictionary<string, string>
        {
            ["quarter-close"] = "0 0 2 5 1,4,7,10 ?",
            ["appeal-window-close"] = "0 5 * * * ?",
            ["quarterly-report"] = "0 20 * * * ?",
            ["meeting-reminders"] = "0 0 9 20 * ?",
        };
        foreach (var (name, cron) in expected)
        {
            var trigger = Assert.IsAssignableFrom<ICronTrigger>(await scheduler.GetTrigger(new TriggerKey(name, SchedulerSetup.JobGroup)));
            Assert.Equal(cron, trigger.CronExpressionString);
            Assert.Equal("Asia/Shanghai", trigger.TimeZone.Id);
            var job = await scheduler.GetJobDetail(new JobKey(name, SchedulerSetup.JobGroup));
            Assert.NotNull(job);
            Assert.True(job.RequestsRecovery);
        }

        // Stored in the app's database, in the tables the schema scripts created.
        await app.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM qrtz_triggers WHERE sched_name = 'Appraisal' AND trigger_group = 'cycle'";
            Assert.True(Convert.ToInt64(await command.ExecuteScalarAsync()) >= expected.Count);
        });
    }

    [Fact]
    public async Task Publication_stores_the_report_through_Quartz_and_a_fired_job_finalizes_by_the_apps_clock()
    {
        await using var owned = await StartAsync();
        var app = owned.App;
        await app.AddOrganizationAsync("SC-ZB1", "调度测试党支部", Organization.RootCode, OrganizationKind.Branch, "community/rural", 8, 3);
        await app.AddUserAsync("sc-admin", Role.OrgAdmin, Organization.RootCode);
        var admin = await app.BearerClientAsync("sc-admin");
        var id = (await (await admin.PostAsJsonAsync("/api/v1/periods", new { year = 2026, quarter = 3 })).JsonAsync()).GetProperty("id").GetInt32();
        Assert.True((await admin.PostAsJsonAsync($"/api/v1/periods/{id}/transitions", new { to = "scoring" })).IsSuccessStatusCode);
        Assert.True((await admin.PostAsJsonAsync($"/api/v1/periods/{id}/transitions", new { to = "published" })).IsSuccessStatusCode);

        // Publishing asks the scheduler for the quarterly report file at once rather than at its hourly run.
        var stored = false;
        for (var i = 0; i < 100 && !stored; i++)
        {
            await Task.Delay(100);
            await app.WithDbAsync(async db => stored = await db.QuarterlyReports.AnyAsync(r => r.PeriodId == id));
        }

        Assert.True(stored, "the quarterly report was not stored after publication");
        app.Clock.Advance(TimeSpan.FromDays(9));

        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.TriggerJob(AppealWindowJob.Key);

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
