using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// <c>PUT /api/v1/periods/{id}/manual-scores</c> on both databases: only while the period is 评分中, within the
/// assessor's scope, for the category's manual indicators, 0..max with evidence and a comment; the branch's
/// category is re-scored in the same request and every change is audited with the value it replaced.
/// Each test uses its own quarter: a quarter has one period.
/// </summary>
public abstract class ManualScoreApiTests(AppFactory app)
{
    private async Task<(HttpClient Assessor, HttpClient Admin, string Prefix)> SetUpAsync()
    {
        var prefix = $"M{Guid.NewGuid():N}"[..9].ToUpperInvariant();
        await app.AddOrganizationAsync($"{prefix}-DW", "评分党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync($"{prefix}-A", "评分甲党支部", $"{prefix}-DW", OrganizationKind.Branch, "one-plus-n/operations", 12, 3);
        await app.AddOrganizationAsync($"{prefix}-B", "评分乙党支部", $"{prefix}-DW", OrganizationKind.Branch, "one-plus-n/operations", 12, 3);
        await app.AddOrganizationAsync($"{prefix}-X", "范围外党支部", Organization.RootCode, OrganizationKind.Branch, "one-plus-n/operations", 12, 3);
        await app.AddUserAsync($"{prefix}-as", Role.Assessor, $"{prefix}-DW");
        await app.AddUserAsync($"{prefix}-oa", Role.OrgAdmin, Organization.RootCode);
        return (await app.BearerClientAsync($"{prefix}-as"), await app.BearerClientAsync($"{prefix}-oa"), prefix);
    }

    private static async Task<int> OpenAsync(HttpClient admin, int year, int quarter, bool score)
    {
        var opened = await admin.PostAsJsonAsync("/api/v1/periods", new { year, quarter });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var id = (await opened.JsonAsync()).GetProperty("id").GetInt32();
        if (score)
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/periods/{id}/scoring?wait=true", null)).StatusCode);
        }

        return id;
    }

    private static object Score(string indicator, object score, string? evidence = "查阅学习记录", string? comment = "学习计划落实") =>
        new { indicatorCode = indicator, score, evidence, comment };

    private static async Task<JsonElement> BranchAsync(HttpClient client, int period, string code) =>
        (await (await client.GetAsync($"/api/v1/periods/{period}/scores")).JsonAsync()).EnumerateArray().Single(b => b.GetProperty("branchCode").GetString() == code);

    private static JsonElement Indicator(JsonElement branch, string code) =>
        branch.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == code);

    private Task<int> ManualCountAsync(string prefix) =>
        app.WithScopeAsync(services => services.GetRequiredService<AppraisalDbContext>().ManualScores.CountAsync(m => m.Branch!.Code.StartsWith(prefix)));

    [Fact]
    public async Task A_score_is_saved_its_category_is_rescored_and_every_change_is_audited()
    {
        var (assessor, admin, p) = await SetUpAsync();
        var period = await OpenAsync(admin, 2025, 1, score: true);
        var before = await BranchAsync(admin, period, $"{p}-A");
        Assert.Equal("待考核员评分", Indicator(before, "political.study").GetProperty("explanation").GetString());
        var total = before.GetProperty("total").GetDecimal();
        var audits = await app.CountAuditAsync("evidence.manual-score");

        var response = await assessor.PutAsJsonAsync($"/api/v1/periods/{period}/manual-scores", new
        {
            branchCode = $"{p}-A",
            scores = new[] { Score("political.study", 8, comment: "学习记录完整，缺少9月专题"), Score("political.first-topic", 10) },
        });

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var saved = await response.JsonAsync();
        Assert.Equal((2, 0), (saved.GetProperty("saved").GetInt32(), saved.GetProperty("unchanged").GetInt32()));
        Assert.Equal(total + 18, saved.GetProperty("result").GetProperty("total").GetDecimal());
        var after = await BranchAsync(admin, period, $"{p}-A");
        Assert.Equal(total + 18, after.GetProperty("total").GetDecimal());
        Assert.Equal(8m, Indicator(after, "political.study").GetProperty("score").GetDecimal());
        Assert.Equal("考核员评分8分：学习记录完整，缺少9月专题", Indicator(after, "political.study").GetProperty("explanation").GetString());
        Assert.Equal(1, after.GetProperty("rank").GetInt32());
        Assert.True((await BranchAsync(admin, period, $"{p}-B")).GetProperty("rank").GetInt32() > 1);
        Assert.Equal(audits + 2, await app.CountAuditAsync("evidence.manual-score"));

        var listed = (await (await assessor.GetAsync($"/api/v1/periods/{period}/manual-scores")).JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(["political.first-topic", "political.study"], listed.Select(s => s.GetProperty("indicatorCode").GetString()));
        Assert.All(listed, s => Assert.Equal($"{p}-as", s.GetProperty("assessor").GetString()));
        Assert.Equal("查阅学习记录", listed[1].GetProperty("evidence").GetString());

        var same = await (await assessor.PutAsJsonAsync($"/api/v1/periods/{period}/manual-scores", new
        {
            branchCode = $"{p}-A",
            scores = new[] { Score("political.study", 8, comment: "学习记录完整，缺少9月专题") },
        })).JsonAsync();
        Assert.Equal((0, 1), (same.GetProperty("saved").GetInt32(), same.GetProperty("unchanged").GetInt32()));
        Assert.Equal(audits + 2, await app.CountAuditAsync("evidence.manual-score"));

        var changed = await admin.PutAsJsonAsync($"/api/v1/periods/{period}/manual-scores", new { branchCode = $"{p}-A", scores = new[] { Score("political.study", 9.5m) } });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(total + 19.5m, (await BranchAsync(admin, period, $"{p}-A")).GetProperty("total").GetDecimal());
        await app.WithDbAsync(async db =>
        {
            var entries = await db.AuditEntries.Where(a => a.Action == "evidence.manual-score" && a.Target.Contains(p)).OrderBy(a => a.Id).ToListAsync();
            Assert.Equal(3, entries.Count);
            Assert.Equal($"2025Q1/{p}-A/political.study", entries[0].Target);
            Assert.StartsWith("政治理论学习：未评分→8分；依据：查阅学习记录；评语：学习记录完整，缺少9月专题", entries[0].Detail);
            Assert.StartsWith($"政治理论学习：8分（{p}-as）→9.5分", entries[2].Detail);
            Assert.Equal($"{p}-oa", entries[2].Actor);
            Assert.Equal(1, await db.ManualScores.CountAsync(m => m.Branch!.Code == $"{p}-A" && m.IndicatorCode == "political.study"));
        });
    }

    [Fact]
    public async Task Scores_are_refused_with_409_unless_the_period_is_in_scoring()
    {
        var (assessor, admin, p) = await SetUpAsync();
        var period = await OpenAsync(admin, 2025, 2, score: false);
        var body = new { branchCode = $"{p}-A", scores = new[] { Score("political.study", 8) } };

        var open = await assessor.PutAsJsonAsync($"/api/v1/periods/{period}/manual-scores", body);
        await app.WithDbAsync(async db =>
        {
            (await db.Periods.SingleAsync(x => x.Id == period)).State = PeriodState.Final;
            await db.SaveChangesAsync();
        });
        var final = await assessor.PutAsJsonAsync($"/api/v1/periods/{period}/manual-scores", body);

        Assert.Equal(HttpStatusCode.Conflict, open.StatusCode);
        Assert.Equal(TestSupport.ProblemJson, open.Content.Headers.ContentType?.MediaType);
        Assert.Equal("2025年第2季度的考核期当前为“收集中”，只有“评分中”的考核期可以录入人工评分。", (await open.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Conflict, final.StatusCode);
        Assert.Contains("当前为“已定稿”", (await final.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(0, await ManualCountAsync(p));
    }

    [Fact]
    public async Task Bad_scores_are_reported_by_index_and_field_and_nothing_is_saved()
    {
        var (assessor, admin, p) = await SetUpAsync();
        var period = await OpenAsync(admin, 2025, 3, score: true);
        var audits = await app.CountAuditAsync("evidence.manual-score");

        var response = await assessor.PutAsJsonAsync($"/api/v1/periods/{period}/manual-scores", new
        {
            branchCode = $"{p}-A",
            scores = new[]
            {
                Score("political.study", 8),
                Score("political.decisions", -1),
                Score("political.first-topic", 11),
                Score("shyk.assembly", 5),
                Score("members.development", 5, evidence: null),
                Score("political.study", 7),
                Score("institutions.rules", "九"),
            },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await EvidenceApiTests.BatchErrorsAsync(response);
        Assert.Equal([(1, "score"), (2, "score"), (3, "indicatorCode"), (4, "evidence"), (5, "indicatorCode"), (6, "score")], errors.Select(e => (e.Index ?? -1, e.Field)));
        Assert.Equal("“score”不能为负数", errors[0].Message);
        Assert.Equal("“落实“第一议题”制度”满分10分，评分不能大于满分，实际为11", errors[1].Message);
        Assert.StartsWith("“shyk.assembly”不是“生产运行型”类别的人工评分指标", errors[2].Message);
        Assert.Equal("“evidence”不能为空", errors[3].Message);
        Assert.Contains("在第1项已填写", errors[4].Message);
        Assert.Equal("“score”应为数字，实际为“九”", errors[5].Message);
        Assert.Equal(0, await ManualCountAsync(p));
        Assert.Equal(audits, await app.CountAuditAsync("evidence.manual-score"));

        var outOfScope = await assessor.PutAsJsonAsync($"/api/v1/periods/{period}/manual-scores", new { branchCode = $"{p}-X", scores = new[] { Score("political.study", 8) } });
        var unknown = await assessor.PutAsJsonAsync($"/api/v1/periods/{period}/manual-scores", new { branchCode = "NO-SUCH", scores = new[] { Score("political.study", 8) } });
        var noPeriod = await assessor.PutAsJsonAsync("/api/v1/periods/424242/manual-scores", new { branchCode = $"{p}-A", scores = new[] { Score("political.study", 8) } });
        var noBranch = await assessor.PutAsJsonAsync($"/api/v1/periods/{period}/manual-scores", new { scores = new[] { Score("political.study", 8) } });

        Assert.Equal(HttpStatusCode.NotFound, outOfScope.StatusCode);
        Assert.Equal($"支部“{p}-X”不存在。", (await outOfScope.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noPeriod.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noBranch.StatusCode);
        Assert.Equal("branchCode", (await EvidenceApiTests.BatchErrorsAsync(noBranch))[0].Field);
        Assert.Equal(0, await ManualCountAsync(p));
    }
}

public sealed class SqliteManualScoreApiTests(SqliteApp app) : ManualScoreApiTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresManualScoreApiTests(PostgresApp app) : ManualScoreApiTests(app), IClassFixture<PostgresApp>;
