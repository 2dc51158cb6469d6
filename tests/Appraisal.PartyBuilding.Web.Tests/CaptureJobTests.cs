using System.Net;
using System.Net.Http.Json;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Features.Capture;
using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>The app with Hangfire workers, the recurring jobs registered, and one retry a second after a failure.</summary>
public class CaptureJobsApp(DatabaseProvider provider) : AppFactory(provider)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Scheduler:Enabled", "true");
        builder.UseSetting("Scheduler:RecurringJobs", "true");
        builder.UseSetting("Scheduler:Retries", "2");
        builder.UseSetting("Scheduler:RetryDelay", "00:00:01");
    }
}

public sealed class SqliteCaptureJobsApp() : CaptureJobsApp(DatabaseProvider.Sqlite);

public sealed class PostgresCaptureJobsApp() : CaptureJobsApp(DatabaseProvider.PostgreSql);

/// <summary>
/// The pulls as Hangfire jobs, on both databases: saving a source registers its recurring pull with the configured cron
/// (removed when disabled), and a pull that fails is retried by Hangfire until the source answers, the failure and the
/// success both audited.
/// </summary>
public abstract class CaptureJobTests(AppFactory app)
{
    private const string Kpi = "grid-event-handling-rate";

    [Fact]
    public async Task A_failed_pull_is_retried_by_hangfire_and_the_retry_lands_the_values()
    {
        var prefix = $"R{Guid.NewGuid():N}"[..9].ToUpperInvariant();
        await app.AddOrganizationAsync($"{prefix}-SQ", "社区党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync($"{prefix}-A", "南街社区党支部", $"{prefix}-SQ", OrganizationKind.Branch, "community/urban", 30, 5);
        await app.AddUserAsync($"{prefix}-root", Role.OrgAdmin, Organization.RootCode);
        var root = await app.BearerClientAsync($"{prefix}-root");
        await using var source = await FakeKpiSource.StartAsync();
        source.Body = $$"""[{"branchCode":"{{prefix}}-A","handlingRate":96.5}]""";
        source.FailNext = 1;
        var config = new { url = source.Url, format = "json", cron = "0 3 1 1 *", enabled = true };
        Assert.Equal(HttpStatusCode.OK, (await root.PutAsJsonAsync($"/api/v1/capture/sources/{Kpi}", config)).StatusCode);
        var audits = await app.CountAuditAsync("capture.pull");

        var accepted = await root.PostAsync($"/api/v1/capture/sources/{Kpi}/pull", null);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        // The pull stores the values (with their own audit entry), then its outcome and the capture.pull entry: wait
        // for both, not only for the values, or a slow machine looks between the two.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        decimal? value = null;
        var pulls = audits;
        while ((value is null || pulls < audits + 2) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            value = await app.WithScopeAsync(async s => await s.GetRequiredService<AppraisalDbContext>().KpiValues
                .Where(k => k.Branch!.Code == $"{prefix}-A" && k.KpiCode == Kpi).Select(k => (decimal?)k.Value).SingleOrDefaultAsync());
            pulls = await app.CountAuditAsync("capture.pull");
        }

        Assert.Equal(96.5m, value);
        Assert.Equal(2, source.Requests);
        Assert.Equal(audits + 2, await app.CountAuditAsync("capture.pull"));
        await app.WithDbAsync(async db =>
        {
            var details = await db.AuditEntries.Where(a => a.Action == "capture.pull").OrderByDescending(a => a.Id).Take(2).Select(a => a.Detail!).ToListAsync();
            Assert.Contains("成功", details[0]);
            Assert.Contains("失败，未保存任何数据：数据源返回 HTTP 500", details[1]);
            var stored = await db.CaptureSources.AsNoTracking().SingleAsync(s => s.KpiCode == Kpi);
            Assert.NotNull(stored.LastFailureAt);
            Assert.False(stored.Failing);
        });
    }

    [Fact]
    public async Task Saving_a_source_registers_its_recurring_pull_and_disabling_it_removes_it()
    {
        await app.AddUserAsync("capture-jobs-root", Role.OrgAdmin, Organization.RootCode);
        var root = await app.BearerClientAsync("capture-jobs-root");

        Assert.Equal(HttpStatusCode.OK, (await root.PutAsJsonAsync("/api/v1/capture/sources/hotline-response-hours", new { url = "http://127.0.0.1:9/kpi", format = "csv", cron = "15 5 * * 1", enabled = true })).StatusCode);

        var job = Recurring().SingleOrDefault(j => j.Id == CapturePullJob.RecurringId("hotline-response-hours"));
        Assert.NotNull(job);
        Assert.Equal("15 5 * * 1", job.Cron);
        Assert.Equal("Asia/Shanghai", job.TimeZoneId);

        Assert.Equal(HttpStatusCode.OK, (await root.PutAsJsonAsync("/api/v1/capture/sources/hotline-response-hours", new { url = "http://127.0.0.1:9/kpi", format = "csv", cron = "15 5 * * 1", enabled = false })).StatusCode);

        Assert.DoesNotContain(Recurring(), j => j.Id == CapturePullJob.RecurringId("hotline-response-hours"));
    }

    private List<RecurringJobDto> Recurring()
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs();
    }
}

public sealed class SqliteCaptureJobTests(SqliteCaptureJobsApp app) : CaptureJobTests(app), IClassFixture<SqliteCaptureJobsApp>;

public sealed class PostgresCaptureJobTests(PostgresCaptureJobsApp app) : CaptureJobTests(app), IClassFixture<PostgresCaptureJobsApp>;
