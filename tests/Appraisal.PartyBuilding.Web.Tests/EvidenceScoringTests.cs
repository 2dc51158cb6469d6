using System.Net;
using System.Net.Http.Json;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// End to end through the API on both databases: a <c>one-plus-n</c> branch with KPI values, a deduction event, a
/// bonus case, ratings and a manual score gets the indicator scores and explanations the pack's rules give, from
/// <c>POST /api/v1/periods/{id}/scoring?wait=true</c> and <c>GET /api/v1/periods/{id}/scores</c>.
/// </summary>
public sealed class EvidenceScoringTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_branch_is_scored_from_kpis_events_ratings_and_a_manual_score(DatabaseProvider provider)
    {
        await using AppFactory app = provider == DatabaseProvider.Sqlite ? new SqliteApp() : new PostgresApp();
        await app.InitializeAsync();
        await app.AddOrganizationAsync("E2E-DW", "端到端党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync("E2E-ZB", "变电运维党支部", "E2E-DW", OrganizationKind.Branch, "one-plus-n/operations", 10, 3);
        await app.AddUserAsync("e2e-admin", Role.OrgAdmin, Organization.RootCode);
        await app.AddUserAsync("e2e-assessor", Role.Assessor, "E2E-DW");
        var admin = await app.BearerClientAsync("e2e-admin");
        var assessor = await app.BearerClientAsync("e2e-assessor");
        var period = (await (await admin.PostAsJsonAsync("/api/v1/periods", new { year = 2026, quarter = 3 })).JsonAsync()).GetProperty("id").GetInt32();

        await PushAsync(assessor, "kpis",
            new { branchCode = "E2E-ZB", year = 2026, quarter = 3, kpiCode = "safe-production-days", value = 90 },
            new { branchCode = "E2E-ZB", year = 2026, quarter = 3, kpiCode = "equipment-availability-rate", value = 97.25 },
            new { branchCode = "E2E-ZB", year = 2026, quarter = 3, kpiCode = "average-outage-minutes", value = 37.5 },
            new { branchCode = "E2E-ZB", year = 2026, quarter = 2, kpiCode = "key-project-milestone-rate", value = 100 });
        await PushAsync(assessor, "events",
            new { branchCode = "E2E-ZB", date = "2026-08-03", eventType = "late-dues", description = "7月党费未按时交纳" },
            new { branchCode = "E2E-ZB", date = "2026-09-10", eventType = "performance-honor", description = "获评省公司红旗党支部" },
            new { branchCode = "E2E-ZB", date = "2026-10-05", eventType = "late-dues", description = "10月党费未按时交纳" });
        await PushAsync(assessor, "ratings",
            new { branchCode = "E2E-ZB", year = 2026, quarter = 3, question = "operations-leader-evaluation", raterGroup = "leader", score = 90 },
            new { branchCode = "E2E-ZB", year = 2026, quarter = 3, question = "operations-leader-evaluation", raterGroup = "leader", score = 80 },
            new { branchCode = "E2E-ZB", year = 2026, quarter = 3, question = "operations-leader-evaluation", raterGroup = "peer", score = 70 });
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/periods/{period}/scoring?wait=true", null)).StatusCode);
        var manual = await assessor.PutAsJsonAsync($"/api/v1/periods/{period}/manual-scores", new
        {
            branchCode = "E2E-ZB",
            scores = new[] { new { indicatorCode = "political.study", score = 8m, evidence = "查阅7—9月学习记录", comment = "学习记录完整，缺少9月专题" } },
        });
        Assert.True(manual.StatusCode == HttpStatusCode.OK, await manual.Content.ReadAsStringAsync());

        var branch = Assert.Single((await (await admin.GetAsync($"/api/v1/periods/{period}/scores")).JsonAsync()).EnumerateArray());
        var indicators = branch.GetProperty("indicators").EnumerateArray()
            .ToDictionary(i => i.GetProperty("code").GetString()!, i => (Score: i.GetProperty("score").GetDecimal(), Explanation: i.GetProperty("explanation").GetString()));

        Assert.Equal((30m, "实际值90（越高越好，门槛值0，目标值90），达到目标值，得满分"), indicators["performance.safe-days"]);
        Assert.Equal((12.5m, "实际值97.25（越高越好，门槛值95，目标值99.5），介于门槛值与目标值之间，按比例得12.5分"), indicators["performance.equipment-availability"]);
        Assert.Equal((10m, "实际值37.5（越低越好，门槛值60，目标值15），介于门槛值与目标值之间，按比例得10分"), indicators["performance.outage-duration"]);
        Assert.Equal((0m, "未报送指标值（重点项目节点完成率），得0分"), indicators["integration.milestones"]);
        Assert.Equal((8m, "扣2分：8月3日7月党费未按时交纳"), indicators["members.dues"]);
        Assert.Equal((5m, "加5分：9月10日获评省公司红旗党支部"), indicators["performance.honors"]);
        Assert.Equal((11.85m, "领导平均85分（2人，权重60%）、同级平均70分（1人，权重40%）；加权平均79分，得11.85分"), indicators["performance.leader-evaluation"]);
        Assert.Equal((8m, "考核员评分8分：学习记录完整，缺少9月专题"), indicators["political.study"]);
        Assert.Equal((0m, "待考核员评分"), indicators["political.first-topic"]);
        Assert.Equal((0m, "本季度无一票否决事项"), indicators["discipline.serious-case"]);
        // Shown above, plus the deductions without events at full marks and 党小组会 without groups (6).
        Assert.Equal(131.35m, branch.GetProperty("total").GetDecimal());
        Assert.Equal(indicators.Values.Sum(i => i.Score), branch.GetProperty("total").GetDecimal());
    }

    /// <summary>
    /// A triggered veto is stored as data on the result when the period is scored, and incentives read that, not
    /// the explanation: rewording the text (as an appeal's re-grade does) leaves the veto where it was.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_triggered_veto_is_stored_on_the_result_and_read_as_data_not_from_the_explanation(DatabaseProvider provider)
    {
        await using AppFactory app = provider == DatabaseProvider.Sqlite ? new SqliteApp() : new PostgresApp();
        await app.InitializeAsync();
        await app.AddOrganizationAsync("VT-DW", "否决测试党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync("VT-ZB", "否决测试党支部", "VT-DW", OrganizationKind.Branch, "one-plus-n/operations", 10, 3);
        await app.AddUserAsync("vt-admin", Role.OrgAdmin, Organization.RootCode);
        var admin = await app.BearerClientAsync("vt-admin");
        var period = (await (await admin.PostAsJsonAsync("/api/v1/periods", new { year = 2026, quarter = 3 })).JsonAsync()).GetProperty("id").GetInt32();
        await PushAsync(admin, "events", new { branchCode = "VT-ZB", date = "2026-08-03", eventType = "serious-discipline-case", description = "严重违纪案件" });

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/periods/{period}/scoring?wait=true", null)).StatusCode);

        await app.WithDbAsync(async db =>
        {
            var rows = await db.BranchResults.Where(r => r.PeriodId == period).SelectMany(r => r.Indicators).ToListAsync();
            Assert.Equal(["discipline.serious-case"], rows.Where(i => i.VetoTriggered).Select(i => i.Code));
            Assert.True(rows.Count > 10);

            // The text says nothing of the veto any more; the period is final, so incentives are computed.
            var veto = rows.Single(i => i.VetoTriggered);
            veto.Explanation = "申诉复核后改写的说明";
            (await db.Periods.SingleAsync(p => p.Id == period)).State = PeriodState.Final;
            await db.SaveChangesAsync();
        });

        var line = Assert.Single((await (await admin.GetAsync($"/api/v1/periods/{period}/incentives")).JsonAsync()).EnumerateArray());
        Assert.Contains("本期有一票否决事项，不参加评优推荐", line.GetProperty("explanation").GetString());
        Assert.Equal("一星", line.GetProperty("grade").GetString());
    }

    private static async Task PushAsync(HttpClient client, string kind, params object[] items)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/evidence/{kind}", new { items });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal(items.Length, (await response.JsonAsync()).GetProperty("inserted").GetInt32());
    }
}
