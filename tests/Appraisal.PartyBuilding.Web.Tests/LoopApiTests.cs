using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Features.Rectification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// The edges of the loop's API on both databases: who may decide an appeal, bad input answered in Chinese with
/// nothing changed, scope, the coefficient table's checks, and a rectification list generated once.
/// </summary>
public abstract class LoopApiTests(DatabaseProvider provider)
{
    /// <summary>
    /// A 党委 with one weak branch (committee in July only, nothing else but the assembly) and another 党委 beside it.
    /// Both branches have the evidence for the full 60 points outside 三会一课, so the weak branch scores 14 + 60 = 74
    /// of 100 and only its 三会一课 indicators are lost.
    /// </summary>
    /// <param name="provider">The database.</param>
    /// <param name="secondBranchManualScores">
    /// When false, no assessor scores LA-ZB2's 特色产业 and 人居环境 and one gives 党务村务财务公开 0 points.
    /// </param>
    private static async Task<(OwnedApp Owned, AppFactory App, HttpClient Admin, int PeriodId)> PublishedAsync(DatabaseProvider provider, bool secondBranchManualScores = true)
    {
        var owned = await OwnedApp.StartAsync(provider);
        var app = owned.App;
        await app.AddOrganizationAsync("LA-DW", "边界党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync("LA-DW2", "隔壁党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddBranchAsync("LA-ZB1", "边界第一党支部", "LA-DW");
        await app.AddBranchAsync("LA-ZB2", "隔壁第一党支部", "LA-DW2");
        var quarter = new AssessmentQuarter(2026, 3);
        await app.RecordAsync("LA-ZB1", quarter, new QuarterPlan(Assembly: true, CommitteeMonths: 1, GroupMonths: 0, Lecture: false, ThemeDayMonths: 0));
        await app.RecordAsync("LA-ZB2", quarter, QuarterPlan.Full);
        await app.AddUserAsync("la-admin", Role.OrgAdmin, Organization.RootCode);
        await app.AddUserAsync("la-sub-admin", Role.OrgAdmin, "LA-DW");
        await app.AddUserAsync("la-assessor", Role.Assessor, "LA-DW");
        await app.AddUserAsync("la-assessor2", Role.Assessor, "LA-DW2");
        await app.AddUserAsync("la-chief", Role.Assessor, Organization.RootCode);
        await app.AddUserAsync("la-sec1", Role.Secretary, "LA-ZB1");
        var admin = await app.BearerClientAsync("la-admin");
        app.MoveClockTo("2026-10-08 09:00");
        var id = (await (await admin.PostAsJsonAsync("/api/v1/periods", new { year = 2026, quarter = 3 })).JsonAsync()).GetProperty("id").GetInt32();
        await app.RecordEvidenceAsync("LA-ZB1", quarter, id);
        await app.RecordEvidenceAsync("LA-ZB2", quarter, id);
        if (!secondBranchManualScores)
        {
            await app.WithDbAsync(async db =>
            {
                var scores = await db.ManualScores.Where(m => m.PeriodId == id && m.Branch!.Code == "LA-ZB2").ToListAsync();
                db.ManualScores.RemoveRange(scores.Where(m => m.IndicatorCode != "governance.openness"));
                scores.Single(m => m.IndicatorCode == "governance.openness").Score = 0m;
                await db.SaveChangesAsync();
            });
        }

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/periods/{id}/transitions", new { to = "scoring" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/periods/{id}/transitions", new { to = "published", confirmMissingManualScores = true })).StatusCode);
        return (owned, app, admin, id);
    }

    private static Task<HttpResponseMessage> FileAsync(HttpClient client, int period, object body) => client.PostAsJsonAsync($"/api/v1/periods/{period}/appeals", body);

    private static Task<HttpResponseMessage> DecideAsync(HttpClient client, long appeal, object body) => client.PostAsJsonAsync($"/api/v1/appeals/{appeal}/decision", body);

    private static async Task<string?> Error(HttpResponseMessage response, string field) =>
        (await response.JsonAsync()).GetProperty("errors").GetProperty(field)[0].GetString();

    [Fact]
    public async Task Appeals_go_to_someone_other_than_the_scorer_within_scope_and_bad_input_changes_nothing()
    {
        var (owned, app, admin, period) = await PublishedAsync(provider);
        await using var _ = owned;
        var secretary = await app.BearerClientAsync("la-sec1");
        var assessor = await app.BearerClientAsync("la-assessor");
        var other = await app.BearerClientAsync("la-assessor2");
        var chief = await app.BearerClientAsync("la-chief");

        var empty = await FileAsync(secretary, period, new { indicatorCode = "shyk.committee", reason = " ", evidence = "" });
        var unknown = await FileAsync(secretary, period, new { indicatorCode = "shyk.nothing", reason = "理由", evidence = "依据" });
        var missing = await FileAsync(secretary, 424242, new { indicatorCode = "shyk.committee", reason = "理由", evidence = "依据" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("请填写申诉理由", await Error(empty, "reason"));
        Assert.Equal("请填写申诉依据", await Error(empty, "evidence"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("本支部2026年第3季度的考核结果中没有指标“shyk.nothing”", await Error(unknown, "indicatorCode"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var full = await FileAsync(secretary, period, new { indicatorCode = "shyk.assembly", reason = "理由", evidence = "依据" });
        Assert.Equal("本支部的“shyk.assembly”已得满分，无需申诉", await Error(full, "indicatorCode"));
        Assert.Equal(HttpStatusCode.Forbidden, (await FileAsync(assessor, period, new { indicatorCode = "shyk.committee", reason = "理由", evidence = "依据" })).StatusCode);
        Assert.Equal(0, await app.CountAuditAsync("appeals.file"));

        var first = (await (await FileAsync(secretary, period, new { indicatorCode = "shyk.committee", reason = "8月、9月支委会已召开", evidence = "会议记录" })).JsonAsync()).GetProperty("id").GetInt64();
        var tooHigh = await DecideAsync(assessor, first, new { upheld = true, newScore = 12.5m, opinion = "属实" });
        var noScore = await DecideAsync(assessor, first, new { upheld = true, opinion = "属实" });
        Assert.Equal("复核后的分数应在0至12分之间", await Error(tooHigh, "newScore"));
        Assert.Equal("采纳申诉时须填写复核后的分数", await Error(noScore, "newScore"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/appeals/{first}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await DecideAsync(other, first, new { upheld = false, opinion = "不属实" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await DecideAsync(secretary, first, new { upheld = false, opinion = "自己处理" })).StatusCode);
        Assert.Equal(0, await app.CountAuditAsync("appeals.decide"));

        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(assessor, first, new { upheld = true, newScore = 8, opinion = "8月支委会记录属实" })).StatusCode);
        var again = await DecideAsync(chief, first, new { upheld = false, opinion = "重复处理" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        // A second appeal against the value the assessor set goes to someone else.
        var second = await (await FileAsync(secretary, period, new { indicatorCode = "shyk.committee", reason = "9月支委会也已召开", evidence = "9月会议记录" })).JsonAsync();
        Assert.Equal("la-assessor", second.GetProperty("originalScorer").GetString());
        Assert.Equal(8m, second.GetProperty("originalScore").GetDecimal());
        var own = await DecideAsync(assessor, second.GetProperty("id").GetInt64(), new { upheld = true, newScore = 12, opinion = "改为满分" });
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Equal("您是该项得分的原评分人，申诉须由其他考核员或组织部复核。", (await own.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(chief, second.GetProperty("id").GetInt64(), new { upheld = false, opinion = "9月会议出席不足半数，不计" })).StatusCode);

        var listed = await (await secretary.GetAsync($"/api/v1/periods/{period}/appeals")).JsonAsync();
        Assert.Equal(["upheld", "rejected"], listed.EnumerateArray().Select(a => a.GetProperty("state").GetString()).ToList());
        Assert.Empty((await (await other.GetAsync($"/api/v1/periods/{period}/appeals")).JsonAsync()).EnumerateArray());
        var score = (await (await admin.GetAsync($"/api/v1/periods/{period}/scores")).JsonAsync()).EnumerateArray().Single(s => s.GetProperty("branchCode").GetString() == "LA-ZB1");
        // 60 outside 三会一课 + assembly 10 + the committee as upheld, 8.
        Assert.Equal(60m + 10m + 8m, score.GetProperty("total").GetDecimal());
    }

    [Fact]
    public async Task The_coefficient_table_checks_every_row_and_only_the_root_org_admin_edits_it()
    {
        var (owned, app, admin, period) = await PublishedAsync(provider);
        await using var _ = owned;

        var table = await (await admin.GetAsync("/api/v1/incentives/coefficients")).JsonAsync();
        // The grades of every installed pack's scale, best first, in pack order (community, five-good, one-plus-n), a
        // name shared by two scales once: only the 星 grades have configured defaults, the others 1.0.
        Assert.Equal(
            [
                "优秀:1.0:True", "良好:1.0:True", "一般:1.0:True", "较差:1.0:True",
                "合格:1.0:True", "不合格:1.0:True",
                "五星:1.2:True", "四星:1.1:True", "三星:1.0:True", "二星:0.9:True", "一星:0.8:True",
            ],
            table.EnumerateArray().Select(r => $"{r.GetProperty("grade").GetString()}:{r.GetProperty("coefficient").GetDecimal()}:{r.GetProperty("isDefault").GetBoolean()}").ToList());

        var bad = await admin.PutAsJsonAsync("/api/v1/incentives/coefficients", new { coefficients = new object[] { new { grade = "六星", coefficient = 1.5m }, new { grade = "五星", coefficient = -1m }, new { grade = "四星", coefficient = 1.155m }, new { grade = "三星", coefficient = 1m } } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.StartsWith("未知的等级“六星”", await Error(bad, "coefficients[0].grade"));
        Assert.Equal("五星：系数应在0至5之间", await Error(bad, "coefficients[1].coefficient"));
        Assert.Equal("四星：系数最多保留两位小数", await Error(bad, "coefficients[2].coefficient"));
        var sub = await (await app.BearerClientAsync("la-sub-admin")).PutAsJsonAsync("/api/v1/incentives/coefficients", new { coefficients = new[] { new { grade = "五星", coefficient = 2m } } });
        Assert.Equal(HttpStatusCode.Forbidden, sub.StatusCode);
        Assert.Equal(0, await app.CountAuditAsync("incentives.coefficients"));
        Assert.All((await (await admin.GetAsync("/api/v1/incentives/coefficients")).JsonAsync()).EnumerateArray(), r => Assert.True(r.GetProperty("isDefault").GetBoolean()));

        // Setting a grade to its default makes it explicit (audited); setting it again changes nothing.
        var explicitDefault = await admin.PutAsJsonAsync("/api/v1/incentives/coefficients", new { coefficients = new[] { new { grade = "三星", coefficient = 1.0m } } });
        Assert.Equal(HttpStatusCode.OK, explicitDefault.StatusCode);
        Assert.Equal(1, await app.CountAuditAsync("incentives.coefficients"));
        var again = await admin.PutAsJsonAsync("/api/v1/incentives/coefficients", new { coefficients = new[] { new { grade = "三星", coefficient = 1.0m } } });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, await app.CountAuditAsync("incentives.coefficients"));

        var early = await admin.GetAsync($"/api/v1/periods/{period}/incentives.xlsx");
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("2026年第3季度尚未定稿（当前为“公示中”），激励名单在定稿后生成。", (await early.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/periods/424242/incentives.xlsx")).StatusCode);
    }

    [Fact]
    public async Task Finalising_lists_the_weak_branch_once_and_each_sees_only_their_own_items_and_health()
    {
        var (owned, app, admin, period) = await PublishedAsync(provider);
        await using var _ = owned;
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/periods/{period}/transitions", new { to = "final", closeAppealsEarly = true, confirmMissingManualScores = true })).StatusCode);

        var items = await (await admin.GetAsync("/api/v1/rectification")).JsonAsync();
        Assert.Equal(["shyk.committee", "shyk.group", "shyk.lecture", "shyk.theme-day"],
            items.EnumerateArray().Select(i => i.GetProperty("indicatorCode").GetString()).Order(StringComparer.Ordinal).ToList());
        Assert.All(items.EnumerateArray(), i => Assert.Equal("LA-ZB1", i.GetProperty("branchCode").GetString()));
        Assert.All(items.EnumerateArray(), i => Assert.Equal("la-sec1", i.GetProperty("ownerLogin").GetString()));

        var added = await app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AppraisalDbContext>();
            var final = await db.Periods.SingleAsync(p => p.Id == period);
            await using var transaction = await db.Database.BeginTransactionAsync();
            var count = await services.GetRequiredService<RectificationLists>().GenerateAsync(final, "test", CancellationToken.None);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return count;
        });
        Assert.Equal(0, added);
        Assert.Equal(4, (await (await admin.GetAsync("/api/v1/rectification")).JsonAsync()).GetArrayLength());

        var other = await app.BearerClientAsync("la-assessor2");
        Assert.Empty((await (await other.GetAsync("/api/v1/rectification")).JsonAsync()).EnumerateArray());
        var id = items[0].GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/rectification/{id}")).StatusCode);
        var badState = await admin.GetAsync("/api/v1/rectification?state=finished");
        Assert.Equal(HttpStatusCode.BadRequest, badState.StatusCode);

        var secretary = await app.BearerClientAsync("la-sec1");
        var health = await (await secretary.GetAsync("/api/v1/health-warnings")).JsonAsync();
        var own = Assert.Single(health.EnumerateArray());
        Assert.Equal("LA-ZB1", own.GetProperty("branchCode").GetString());
        // Checked on 8 October: the third quarter's months; only July had a 支委会, no 党小组会 or 主题党日 at all.
        Assert.Equal("red", own.GetProperty("colour").GetString());
        Assert.Equal("3个月缺少按月应开的会议：7月缺主题党日、党小组会；8月缺支部委员会、主题党日、党小组会；9月缺支部委员会、主题党日、党小组会",
            own.GetProperty("reasons").EnumerateArray().Single().GetProperty("text").GetString());
    }

    [Fact]
    public async Task Finalising_lists_no_item_for_a_manual_indicator_nobody_scored_but_one_for_an_assessor_s_zero()
    {
        var (owned, _, admin, period) = await PublishedAsync(provider, secondBranchManualScores: false);
        await using var _ = owned;
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/periods/{period}/transitions", new { to = "final", closeAppealsEarly = true, confirmMissingManualScores = true })).StatusCode);

        // LA-ZB2 has 83 of 100 (not listed as a branch) and three manual indicators at 0: the two nobody scored are no
        // loss to rectify; the one an assessor scored 0 is.
        var items = await (await admin.GetAsync("/api/v1/rectification")).JsonAsync();
        var second = items.EnumerateArray().Where(i => i.GetProperty("branchCode").GetString() == "LA-ZB2").Select(i => i.GetProperty("indicatorCode").GetString()).ToList();
        Assert.Equal(["governance.openness"], second);
    }
}

public sealed class SqliteLoopApiTests() : LoopApiTests(DatabaseProvider.Sqlite);

public sealed class PostgresLoopApiTests() : LoopApiTests(DatabaseProvider.PostgreSql);
