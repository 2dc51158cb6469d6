using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Meetings;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// Long work as jobs (issue 9, item 2): scoring a period (split per subtree of the root, then ranked once), the
/// organization and record imports and the quarterly report answer 202 with a status URL; the status shows state,
/// progress and then the answer the synchronous form (<c>?wait=true</c>) gives. Only the user who started a job sees
/// it: any other account, of any role, gets 404.
/// </summary>
public abstract class JobApiTests(AppFactory app)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private string Prefix => app.Provider == DatabaseProvider.Sqlite ? "js" : "jp";

    /// <summary>Polls a job's status until it has finished.</summary>
    internal static async Task<JsonElement> FinishedAsync(HttpClient client, string statusUrl)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var response = await client.GetAsync(statusUrl);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var status = await response.JsonAsync();
            if (status.GetProperty("finished").GetBoolean())
            {
                return status;
            }

            Assert.True(waited.Elapsed < Patience, $"the job did not finish within {Patience}: {status}");
            Assert.InRange(status.GetProperty("percent").GetInt32(), 0, 100);
            Assert.Contains(status.GetProperty("state").GetString(), new[] { "queued", "running" });
            await Task.Delay(100);
        }
    }

    /// <summary>A 202 answer: its Location is the status URL the body names.</summary>
    internal static async Task<string> AcceptedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.JsonAsync();
        var statusUrl = body.GetProperty("statusUrl").GetString()!;
        Assert.Equal(statusUrl, response.Headers.Location!.OriginalString);
        Assert.Equal($"/api/v1/jobs/{body.GetProperty("id").GetString()}", statusUrl);
        Assert.Equal($"/jobs/{body.GetProperty("id").GetString()}", body.GetProperty("pageUrl").GetString());
        return statusUrl;
    }

    private async Task<(HttpClient Admin, int PeriodId)> OrganizationWithPeriodAsync(string tag, int quarter)
    {
        var p = $"{Prefix}{tag}";
        // Three subtrees of the root: two committees with two branches each, and a branch right under the root.
        await app.AddOrganizationAsync($"{p}-DWA", "作业甲党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync($"{p}-DWB", "作业乙党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync($"{p}-A1", "作业甲一支部", $"{p}-DWA", OrganizationKind.Branch, "community/rural", 10, 3);
        await app.AddOrganizationAsync($"{p}-A2", "作业甲二支部", $"{p}-DWA", OrganizationKind.Branch, "community/rural", 10, 3);
        await app.AddOrganizationAsync($"{p}-B1", "作业乙一支部", $"{p}-DWB", OrganizationKind.Branch, "community/rural", 10, 3);
        await app.AddOrganizationAsync($"{p}-B2", "作业乙二支部", $"{p}-DWB", OrganizationKind.Branch, "community/urban", 10, 3);
        await app.AddOrganizationAsync($"{p}-R1", "作业直属支部", Organization.RootCode, OrganizationKind.Branch, "community/rural", 10, 3);
        await app.WithDbAsync(async db =>
        {
            // Different meetings give different totals, so the ranks depend on branches of other subtrees.
            var months = new Dictionary<string, int> { [$"{p}-A1"] = 3, [$"{p}-A2"] = 1, [$"{p}-B1"] = 2, [$"{p}-R1"] = 3 };
            foreach (var (code, count) in months)
            {
                var branch = await db.Organizations.SingleAsync(o => o.Code == code);
                for (var m = 0; m < count; m++)
                {
                    db.MeetingRecords.Add(new MeetingRecord
                    {
                        BranchId = branch.Id,
                        Type = MeetingType.Committee,
                        Date = new DateOnly(2025, (quarter - 1) * 3 + 1 + m, 3),
                        Expected = 3,
                        Present = 3,
                        Topic = "研究工作",
                        CreatedAt = DateTimeOffset.UnixEpoch,
                    });
                }
            }

            await db.SaveChangesAsync();
        });
        await app.AddUserAsync($"{p}-admin", Role.OrgAdmin, Organization.RootCode);
        var admin = await app.BearerClientAsync($"{p}-admin");
        var created = await admin.PostAsJsonAsync("/api/v1/periods", new { year = 2025, quarter });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (admin, (await created.JsonAsync()).GetProperty("id").GetInt32());
    }

    private static async Task<List<(string Branch, decimal Total, int Rank, decimal Percentile)>> ScoresAsync(HttpClient client, int periodId) =>
        (await (await client.GetAsync($"/api/v1/periods/{periodId}/scores")).JsonAsync()).EnumerateArray()
            .Select(s => (s.GetProperty("branchCode").GetString()!, s.GetProperty("total").GetDecimal(), s.GetProperty("rank").GetInt32(), s.GetProperty("percentile").GetDecimal()))
            .OrderBy(s => s.Item1, StringComparer.Ordinal)
            .ToList();

    [Fact]
    public async Task Scoring_as_a_job_is_split_per_subtree_and_ranks_the_whole_organization_like_scoring_in_the_request()
    {
        var (admin, id) = await OrganizationWithPeriodAsync("S", quarter: 1);

        var statusUrl = await AcceptedAsync(await admin.PostAsync($"/api/v1/periods/{id}/scoring", null));
        var status = await FinishedAsync(admin, statusUrl);

        Assert.Equal("succeeded", status.GetProperty("state").GetString());
        Assert.Equal("scoring", status.GetProperty("kind").GetString());
        Assert.Equal(100, status.GetProperty("percent").GetInt32());
        var result = status.GetProperty("result");
        Assert.Equal(id, result.GetProperty("periodId").GetInt32());
        var periods = await (await admin.GetAsync($"/api/v1/periods/{id}")).JsonAsync();
        Assert.Equal("scoring", periods.GetProperty("state").GetString());
        var queued = await ScoresAsync(admin, id);
        Assert.Equal(result.GetProperty("scored").GetInt32(), queued.Count);
        Assert.Contains(queued, s => s.Branch == $"{Prefix}S-B2");
        Assert.DoesNotContain(queued, s => s.Rank == 0);
        await app.WithDbAsync(async db =>
        {
            // One part per subtree of the root (this test's three and any other test's), then one ranking.
            var target = $"2025Q1";
            Assert.True(await db.AuditEntries.CountAsync(a => a.Action == "periods.scoring" && a.Target == target && a.Detail!.StartsWith("分片计分（")) >= 3);
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "periods.scoring" && a.Target == target && a.Detail!.StartsWith("分片计分完成并排名")));
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "periods.transition" && a.Target == target));
        });

        // The page of the finished job returns to the periods page with the job's id, which says the outcome to its
        // owner as often as it is asked (a poll still in flight when the browser leaves cannot take the message away),
        // and to nobody else.
        var jobId = statusUrl.Split('/')[^1];
        var owner = await app.SignedInClientAsync($"{Prefix}S-admin");
        var back = $"/periods?job={jobId}";
        Assert.Equal(back, (await owner.GetAsync($"/jobs/{jobId}")).Headers.Location?.OriginalString);
        for (var poll = 0; poll < 2; poll++)
        {
            Assert.Equal(back, (await owner.GetAsync($"/jobs/{jobId}/progress")).Headers.GetValues("HX-Redirect").Single());
        }

        var said = $"计分完成，考核期处于“评分中”，已计分党支部{result.GetProperty("scored").GetInt32()}个。";
        Assert.Contains(said, await owner.GetStringAsync(back));
        Assert.Contains(said, await owner.GetStringAsync(back));
        Assert.DoesNotContain("计分完成", await owner.GetStringAsync("/periods?job=not-a-job"));
        await app.AddUserAsync($"{Prefix}S-other", Role.OrgAdmin, Organization.RootCode);
        var other = await app.SignedInClientAsync($"{Prefix}S-other");
        var seen = await other.GetAsync(back);
        Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
        Assert.DoesNotContain("计分完成", await seen.Content.ReadAsStringAsync());

        // The one-step scoring in the request gives the same totals, ranks and percentiles.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/periods/{id}/scoring?wait=true", null)).StatusCode);
        Assert.Equal(queued, await ScoresAsync(admin, id));
    }

    [Fact]
    public async Task A_refused_scoring_job_answers_the_problem_and_an_unknown_period_is_404_at_once()
    {
        var (admin, id) = await OrganizationWithPeriodAsync("R", quarter: 2);
        await app.WithDbAsync(async db =>
        {
            (await db.Periods.SingleAsync(p => p.Id == id)).State = PeriodState.Final;
            await db.SaveChangesAsync();
        });

        var status = await FinishedAsync(admin, await AcceptedAsync(await admin.PostAsync($"/api/v1/periods/{id}/scoring", null)));

        Assert.Equal("refused", status.GetProperty("state").GetString());
        Assert.Equal(409, status.GetProperty("problem").GetProperty("status").GetInt32());
        Assert.Equal("不能计分", status.GetProperty("problem").GetProperty("title").GetString());
        Assert.Empty(await ScoresAsync(admin, id));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/v1/periods/424242/scoring", null)).StatusCode);
    }

    [Fact]
    public async Task The_organization_import_as_a_job_answers_what_the_import_in_the_request_answers()
    {
        await app.AddUserAsync($"{Prefix}-org-admin", Role.OrgAdmin, Organization.RootCode);
        var admin = await app.BearerClientAsync($"{Prefix}-org-admin");
        var good = TestSupport.OrganizationFile([$"{Prefix}-IDW", "导入作业党委", "ROOT", "党委"], [$"{Prefix}-IZB", "导入作业支部", $"{Prefix}-IDW", "党支部", "生产运行型", "12", "3", ""]);

        var done = await FinishedAsync(admin, await AcceptedAsync(await admin.PostAsync("/api/v1/organizations/import?wait=false", TestSupport.Upload(good))));

        Assert.Equal("succeeded", done.GetProperty("state").GetString());
        Assert.Equal(2, done.GetProperty("result").GetProperty("inserted").GetInt32());
        Assert.Equal(2, done.GetProperty("result").GetProperty("imported").GetInt32());
        await app.WithDbAsync(async db => Assert.True(await db.Organizations.AnyAsync(o => o.Code == $"{Prefix}-IZB")));

        var bad = TestSupport.OrganizationFile([$"{Prefix}-IX1", "错误支部", "NO-SUCH", "党支部", "生产运行型", "12", "3", ""]);
        var refused = await FinishedAsync(admin, await AcceptedAsync(await admin.PostAsync("/api/v1/organizations/import?wait=false", TestSupport.Upload(bad))));

        Assert.Equal("refused", refused.GetProperty("state").GetString());
        var problem = refused.GetProperty("problem");
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal("导入失败，未保存任何数据", problem.GetProperty("title").GetString());
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(2, error.GetProperty("row").GetInt32());
        Assert.Equal("C", error.GetProperty("column").GetString());
        await app.WithDbAsync(async db => Assert.False(await db.Organizations.AnyAsync(o => o.Code == $"{Prefix}-IX1")));

        // No file: refused at once, nothing queued.
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/api/v1/organizations/import?wait=false", new MultipartFormDataContent())).StatusCode);
    }

    [Fact]
    public async Task A_secretary_imports_records_as_a_job_that_only_they_see()
    {
        await app.AddOrganizationAsync($"{Prefix}-RZB", "记录作业支部", Organization.RootCode, OrganizationKind.Branch, "one-plus-n/support", 12, 3, "一组");
        await app.AddOrganizationAsync($"{Prefix}-RZB2", "记录作业第二支部", Organization.RootCode, OrganizationKind.Branch, "one-plus-n/support", 12, 3);
        await app.AddUserAsync($"{Prefix}-rec-secretary", Role.Secretary, $"{Prefix}-RZB");
        await app.AddUserAsync($"{Prefix}-rec-secretary2", Role.Secretary, $"{Prefix}-RZB2");
        var secretary = await app.BearerClientAsync($"{Prefix}-rec-secretary");
        var file = RecordTestSupport.RecordFile([$"{Prefix}-RZB", "支部委员会", "2026-10-09", 3, 3, "研究工作", null]);

        var statusUrl = await AcceptedAsync(await secretary.PostAsync("/api/v1/records/import?wait=false", TestSupport.Upload(file, "会议记录.xlsx")));
        var done = await FinishedAsync(secretary, statusUrl);

        Assert.Equal("succeeded", done.GetProperty("state").GetString());
        Assert.Equal(1, done.GetProperty("result").GetProperty("imported").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.BearerClientAsync($"{Prefix}-rec-secretary2")).GetAsync(statusUrl)).StatusCode);

        // A branch outside the importer's scope reads as unknown, as in the request: the job runs as its owner.
        var outside = RecordTestSupport.RecordFile([$"{Prefix}-RZB2", "支部委员会", "2026-10-10", 3, 3, "研究工作", null]);
        var refused = await FinishedAsync(secretary, await AcceptedAsync(await secretary.PostAsync("/api/v1/records/import?wait=false", TestSupport.Upload(outside, "会议记录.xlsx"))));
        Assert.Equal("refused", refused.GetProperty("state").GetString());
        Assert.Equal("A", Assert.Single(refused.GetProperty("problem").GetProperty("errors").EnumerateArray()).GetProperty("column").GetString());
    }

    [Fact]
    public async Task The_report_job_makes_the_workbook_for_its_owner_and_refuses_a_leader_before_publication()
    {
        var (admin, id) = await OrganizationWithPeriodAsync("P", quarter: 3);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/periods/{id}/scoring?wait=true", null)).StatusCode);

        var statusUrl = await AcceptedAsync(await admin.PostAsync($"/api/v1/periods/{id}/report", null));
        var done = await FinishedAsync(admin, statusUrl);

        Assert.Equal("succeeded", done.GetProperty("state").GetString());
        var fileUrl = done.GetProperty("result").GetProperty("fileUrl").GetString()!;
        var file = await admin.GetAsync(fileUrl);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal(TestSupport.XlsxContentType, file.Content.Headers.ContentType?.MediaType);
        Assert.Equal("PK"u8.ToArray(), (await file.Content.ReadAsByteArrayAsync())[..2]);

        await app.AddUserAsync($"{Prefix}P-leader", Role.Leader, Organization.RootCode);
        var leader = await app.BearerClientAsync($"{Prefix}P-leader");
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync(statusUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync(fileUrl)).StatusCode);
        var early = await FinishedAsync(leader, await AcceptedAsync(await leader.PostAsync($"/api/v1/periods/{id}/report", null)));
        Assert.Equal("refused", early.GetProperty("state").GetString());
        Assert.Equal(409, early.GetProperty("problem").GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/v1/periods/424242/report", null)).StatusCode);
    }

    [Fact]
    public async Task A_job_is_404_for_every_other_account_and_401_anonymous_and_its_page_shows_the_result_to_its_owner()
    {
        var (admin, id) = await OrganizationWithPeriodAsync("O", quarter: 4);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/periods/{id}/scoring?wait=true", null)).StatusCode);
        var statusUrl = await AcceptedAsync(await admin.PostAsync($"/api/v1/periods/{id}/report", null));
        var jobId = statusUrl.Split('/')[^1];
        Assert.Equal("succeeded", (await FinishedAsync(admin, statusUrl)).GetProperty("state").GetString());

        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(statusUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"{statusUrl}/file")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync($"/jobs/{jobId}")).StatusCode);

        // Another 组织部 account of the same root, and every other role: the job is not theirs.
        await app.AddOrganizationAsync($"{Prefix}O-ZB", "他人支部", Organization.RootCode, OrganizationKind.Branch, "community/rural", 5, 3);
        foreach (var (role, org) in new[] { (Role.OrgAdmin, Organization.RootCode), (Role.Assessor, Organization.RootCode), (Role.Secretary, $"{Prefix}O-ZB"), (Role.Leader, Organization.RootCode), (Role.Auditor, Organization.RootCode), (Role.SysAdmin, Organization.RootCode) })
        {
            var login = $"{Prefix}O-other-{role}";
            await app.AddUserAsync(login, role, org);
            var bearer = await app.BearerClientAsync(login);
            Assert.True(HttpStatusCode.NotFound == (await bearer.GetAsync(statusUrl)).StatusCode, role);
            Assert.True(HttpStatusCode.NotFound == (await bearer.GetAsync($"{statusUrl}/file")).StatusCode, role);
            var cookie = await app.SignedInClientAsync(login);
            Assert.True(HttpStatusCode.NotFound == (await cookie.GetAsync($"/jobs/{jobId}")).StatusCode, role);
            Assert.True(HttpStatusCode.NotFound == (await cookie.GetAsync($"/jobs/{jobId}/progress")).StatusCode, role);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/jobs/not-a-job")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/jobs/987654321")).StatusCode);

        var page = await app.SignedInClientAsync($"{Prefix}O-admin");
        var html = await page.GetStringAsync($"/jobs/{jobId}");
        Assert.Contains("季度通报已生成", html);
        Assert.Contains($"href=\"/jobs/{jobId}/file\"", html);
        Assert.DoesNotContain("hx-trigger", html); // finished: the page no longer polls
        Assert.Equal(HttpStatusCode.OK, (await page.GetAsync($"/jobs/{jobId}/file")).StatusCode);
    }

    [Theory]
    [InlineData(Role.Assessor)]
    [InlineData(Role.Secretary)]
    [InlineData(Role.Leader)]
    [InlineData(Role.Auditor)]
    [InlineData(Role.SysAdmin)]
    public async Task Only_the_organization_department_queues_scoring_and_the_auditor_and_system_administrator_no_report(string role)
    {
        var login = $"{Prefix}-queue-{role}";
        await app.AddUserAsync(login, role, Organization.RootCode);
        var client = await app.BearerClientAsync(login);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/api/v1/periods/1/scoring", null)).StatusCode);
        if (role is Role.Auditor or Role.SysAdmin)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/api/v1/periods/1/report", null)).StatusCode);
        }
    }
}

/// <summary>An app with Hangfire workers for queued work (and no recurring jobs).</summary>
public sealed class SqliteJobsApp : AppFactory
{
    public SqliteJobsApp()
        : base(DatabaseProvider.Sqlite) => JobWorkers = true;
}

/// <summary>The same on PostgreSQL: Hangfire's storage in the test database.</summary>
public sealed class PostgresJobsApp : AppFactory
{
    public PostgresJobsApp()
        : base(DatabaseProvider.PostgreSql) => JobWorkers = true;
}

public sealed class SqliteJobApiTests(SqliteJobsApp app) : JobApiTests(app), IClassFixture<SqliteJobsApp>;

public sealed class PostgresJobApiTests(PostgresJobsApp app) : JobApiTests(app), IClassFixture<PostgresJobsApp>;
