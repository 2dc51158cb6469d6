using System.Net;
using System.Net.Http.Json;
using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Meetings;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// Parallel writers on both databases, as several people (or a double-clicking phone) would: separate HTTP clients
/// released at the same moment. No lost update (an approve and a return of one record: exactly one wins, the other
/// gets 409 in Chinese) and no duplicate (one meeting posted six times, one file imported three times at once).
/// </summary>
public abstract class RaceTests(AppFactory app)
{
    private async Task SeedAsync()
    {
        if (await app.WithScopeAsync(s => s.GetRequiredService<AppraisalDbContext>().Users.AnyAsync(u => u.Login == "race-secretary")))
        {
            return;
        }

        await app.AddOrganizationAsync("RC-DW", "并发测试党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync("RC-ZB1", "并发测试党支部", "RC-DW", OrganizationKind.Branch, "one-plus-n/operations", 18, 5, "一组");
        await app.AddUserAsync("race-secretary", Role.Secretary, "RC-ZB1");
        await app.AddUserAsync("race-assessor", Role.Assessor, "RC-DW");
        await app.AddUserAsync("race-admin", Role.OrgAdmin, "RC-DW");
        await app.AddUserAsync("race-root", Role.OrgAdmin, Organization.RootCode);
    }

    /// <summary>Runs <paramref name="requests"/> at the same moment (each on its own client) and returns the answers.</summary>
    private static async Task<HttpResponseMessage[]> AtOnceAsync(params Func<Task<HttpResponseMessage>>[] requests)
    {
        using var start = new SemaphoreSlim(0);
        var tasks = requests.Select(request => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await request();
        })).ToList();
        start.Release(requests.Length);
        return await Task.WhenAll(tasks);
    }

    [Fact]
    public async Task An_approve_and_a_return_at_the_same_moment_never_both_succeed()
    {
        await SeedAsync();
        var secretary = await app.BearerClientAsync("race-secretary");
        var assessors = new[] { await app.BearerClientAsync("race-assessor"), await app.BearerClientAsync("race-assessor") };
        var admins = new[] { await app.BearerClientAsync("race-admin"), await app.BearerClientAsync("race-admin") };
        const int tries = 20;
        for (var i = 0; i < tries; i++)
        {
            var created = await secretary.PostAsJsonAsync("/api/v1/records", new { type = "lecture", date = new DateOnly(2026, 1, 1).AddDays(i).ToString("yyyy-MM-dd"), expected = 18, present = 15, topic = $"第{i + 1}次党课" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var id = (await created.JsonAsync()).GetProperty("id").GetInt64();

            var answers = await AtOnceAsync(
                () => assessors[i % 2].PostAsJsonAsync($"/api/v1/records/{id}/review", new { decision = "approve", opinion = "同意" }),
                () => admins[i % 2].PostAsJsonAsync($"/api/v1/records/{id}/review", new { decision = "return", opinion = "请补充签到表" }));

            var codes = answers.Select(a => a.StatusCode).ToList();
            Assert.Equal(1, codes.Count(c => c == HttpStatusCode.OK));
            Assert.Equal(1, codes.Count(c => c == HttpStatusCode.Conflict));
            var loser = answers.Single(a => a.StatusCode == HttpStatusCode.Conflict);
            Assert.Matches(RecordTestSupport.Chinese(), (await loser.JsonAsync()).GetProperty("detail").GetString());

            // The stored record is the winner's, with exactly one review step in its history.
            var approvedWon = answers[0].StatusCode == HttpStatusCode.OK;
            var (status, reviews) = await app.WithScopeAsync(async s =>
            {
                var db = s.GetRequiredService<AppraisalDbContext>();
                var record = await db.MeetingRecords.AsNoTracking().SingleAsync(r => r.Id == id);
                var steps = await db.MeetingRecordEvents.CountAsync(e => e.MeetingRecordId == id && (e.Action == RecordAction.Approved || e.Action == RecordAction.Returned));
                return (record.Status, steps);
            });
            Assert.Equal(approvedWon ? RecordStatus.Approved : RecordStatus.Returned, status);
            Assert.Equal(1, reviews);
        }
    }

    [Fact]
    public async Task Six_identical_meeting_posts_at_once_store_one_record()
    {
        await SeedAsync();
        var clients = new List<HttpClient>();
        for (var i = 0; i < 6; i++)
        {
            clients.Add(await app.BearerClientAsync("race-secretary"));
        }

        var body = new { type = "committee", date = "2026-02-17", expected = 5, present = 5, topic = "研究春节后复工安排" };
        var answers = await AtOnceAsync(clients.Select(c => (Func<Task<HttpResponseMessage>>)(() => c.PostAsJsonAsync("/api/v1/records", body))).ToArray());

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Created))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("同一次会议不能重复录入", (await refused.JsonAsync()).GetProperty("errors").GetProperty("date")[0].GetString());
        }

        var stored = await app.WithScopeAsync(s => s.GetRequiredService<AppraisalDbContext>().MeetingRecords
            .CountAsync(r => r.Branch!.Code == "RC-ZB1" && r.Type == MeetingType.Committee && r.Date == new DateOnly(2026, 2, 17)));
        Assert.Equal(1, stored);
    }

    [Fact]
    public async Task The_same_file_imported_three_times_at_once_stores_each_meeting_once()
    {
        await SeedAsync();
        var file = RecordTestSupport.RecordFile(
            ["RC-ZB1", "支部委员会", "2026-03-03", 5, 5, "研究三月工作", null],
            ["RC-ZB1", "支部党员大会", "2026-03-10", 18, 16, "学习全会精神", null],
            ["RC-ZB1", "党小组会", "2026-03-12", 9, 9, "小组学习", "一组"]);
        var clients = new List<HttpClient>();
        for (var i = 0; i < 3; i++)
        {
            clients.Add(await app.BearerClientAsync(i == 0 ? "race-secretary" : "race-assessor"));
        }

        var answers = await AtOnceAsync(clients.Select(c => (Func<Task<HttpResponseMessage>>)(() => c.PostAsync("/api/v1/records/import", TestSupport.Upload(file, "records.xlsx")))).ToArray());

        foreach (var answer in answers)
        {
            Assert.True(answer.StatusCode == HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        }

        var imported = new List<int>();
        foreach (var answer in answers)
        {
            var json = await answer.JsonAsync();
            imported.Add(json.GetProperty("imported").GetInt32());
            Assert.Equal(3, json.GetProperty("imported").GetInt32() + json.GetProperty("skipped").GetInt32());
        }

        Assert.Equal(3, imported.Sum());
        var stored = await app.WithScopeAsync(s => s.GetRequiredService<AppraisalDbContext>().MeetingRecords
            .CountAsync(r => r.Branch!.Code == "RC-ZB1" && r.Date >= new DateOnly(2026, 3, 1) && r.Date <= new DateOnly(2026, 3, 31)));
        Assert.Equal(3, stored);
    }

    [Fact]
    public async Task A_file_imported_three_times_at_once_leaves_one_history_step_per_record_and_an_intact_audit_chain()
    {
        await SeedAsync();
        var file = RecordTestSupport.RecordFile(
            ["RC-ZB1", "支部委员会", "2026-11-02", 5, 5, "研究十一月工作", null],
            ["RC-ZB1", "党小组会", "2026-11-02", 9, 9, "小组学习", "一组"],
            ["RC-ZB1", "党课", "2026-11-05", 18, 17, "讲党课", null]);
        var clients = new List<HttpClient>();
        for (var i = 0; i < 3; i++)
        {
            clients.Add(await app.BearerClientAsync(i == 0 ? "race-admin" : "race-assessor"));
        }

        var answers = await AtOnceAsync(clients.Select(c => (Func<Task<HttpResponseMessage>>)(() => c.PostAsync("/api/v1/records/import", TestSupport.Upload(file, "records.xlsx")))).ToArray());

        var imported = 0;
        foreach (var answer in answers)
        {
            Assert.True(answer.StatusCode == HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
            imported += (await answer.JsonAsync()).GetProperty("imported").GetInt32();
        }

        Assert.Equal(3, imported);
        var steps = await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<AppraisalDbContext>();
            var ids = await db.MeetingRecords.Where(r => r.Branch!.Code == "RC-ZB1" && r.Date >= new DateOnly(2026, 11, 2) && r.Date <= new DateOnly(2026, 11, 5)).Select(r => r.Id).ToListAsync();
            return await db.MeetingRecordEvents.Where(e => ids.Contains(e.MeetingRecordId)).Select(e => new { e.MeetingRecordId, e.Changes }).ToListAsync();
        });
        Assert.Equal(3, steps.Select(e => e.MeetingRecordId).Distinct().Count());
        Assert.Equal(["第2行", "第3行", "第4行"], steps.Select(e => e.Changes).Order());
        var chain = await app.WithScopeAsync(s => Data.Auditing.AuditChainVerifier.VerifyAsync(s.GetRequiredService<AppraisalDbContext>(), s.GetRequiredService<Data.Auditing.AuditChain>()));
        Assert.True(chain.Intact, chain.Reason);
    }

    [Fact]
    public async Task Three_identical_event_batches_at_once_store_each_event_once()
    {
        await SeedAsync();
        var clients = new List<HttpClient>();
        for (var i = 0; i < 3; i++)
        {
            clients.Add(await app.BearerClientAsync("race-assessor"));
        }

        // Events have no natural unique key (two identical deductions may be real), so batches are serialized instead.
        var body = new
        {
            items = new[]
            {
                new { branchCode = "RC-ZB1", date = "2026-08-03", eventType = "late-dues", description = "7月党费未按时交纳" },
                new { branchCode = "RC-ZB1", date = "2026-09-03", eventType = "late-dues", description = "8月党费未按时交纳" },
            },
        };
        var answers = await AtOnceAsync(clients.Select(c => (Func<Task<HttpResponseMessage>>)(() => c.PostAsJsonAsync("/api/v1/evidence/events", body))).ToArray());

        var inserted = 0;
        foreach (var answer in answers)
        {
            Assert.True(answer.StatusCode == HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
            inserted += (await answer.JsonAsync()).GetProperty("inserted").GetInt32();
        }

        Assert.Equal(2, inserted);
        Assert.Equal(2, await app.WithScopeAsync(s => s.GetRequiredService<AppraisalDbContext>().EvidenceEvents.CountAsync(e => e.Branch!.Code == "RC-ZB1" && e.EventType == "late-dues")));
    }

    [Fact]
    public async Task The_same_organization_file_imported_three_times_at_once_adds_each_node_once()
    {
        await SeedAsync();
        var file = TestSupport.OrganizationFile(
            ["RC-ZB7", "并发导入第七党支部", "RC-DW", "党支部", "one-plus-n/operations", 12, 3, null],
            ["RC-ZB8", "并发导入第八党支部", "RC-DW", "党支部", "one-plus-n/operations", 9, 3, "一组"]);
        var clients = new List<HttpClient>();
        for (var i = 0; i < 3; i++)
        {
            clients.Add(await app.BearerClientAsync("race-root"));
        }

        var answers = await AtOnceAsync(clients.Select(c => (Func<Task<HttpResponseMessage>>)(() => c.PostAsync("/api/v1/organizations/import", TestSupport.Upload(file)))).ToArray());

        var inserted = 0;
        foreach (var answer in answers)
        {
            Assert.True(answer.StatusCode == HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
            inserted += (await answer.JsonAsync()).GetProperty("inserted").GetInt32();
        }

        Assert.Equal(2, inserted);
        Assert.Equal(2, await app.WithScopeAsync(s => s.GetRequiredService<AppraisalDbContext>().Organizations.CountAsync(o => o.Code == "RC-ZB7" || o.Code == "RC-ZB8")));
    }
}

public sealed class SqliteRaceTests(SqliteApp app) : RaceTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresRaceTests(PostgresApp app) : RaceTests(app), IClassFixture<PostgresApp>;
