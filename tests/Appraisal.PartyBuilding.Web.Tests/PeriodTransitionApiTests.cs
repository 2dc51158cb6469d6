using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Data;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// SPEC "The cycle" through the API: <c>POST /api/v1/periods/{id}/transitions { to }</c> moves a period
/// open → scoring → published → final; <c>GET /api/v1/periods/{id}</c> shows the state and the deadlines.
/// Each test has its own app, because tests move the clock.
/// </summary>
public abstract class PeriodTransitionApiTests(DatabaseProvider provider)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private async Task<(OwnedApp Owned, AppFactory App, HttpClient Admin, int PeriodId)> StartAsync(bool withBranch = true)
    {
        var owned = await OwnedApp.StartAsync(provider);
        var app = owned.App;
        if (withBranch)
        {
            await app.AddOrganizationAsync("PT-DW", "状态测试党委", Organization.RootCode, OrganizationKind.PartyCommittee);
            await app.AddOrganizationAsync("PT-ZB1", "状态测试第一党支部", "PT-DW", OrganizationKind.Branch, "community/rural", 10, 3, "一组");
        }

        await app.AddUserAsync("pt-admin", Role.OrgAdmin, Organization.RootCode);
        var admin = await app.BearerClientAsync("pt-admin");
        var created = await admin.PostAsJsonAsync("/api/v1/periods", new { year = 2026, quarter = 3 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (owned, app, admin, (await created.JsonAsync()).GetProperty("id").GetInt32());
    }

    private static Task<HttpResponseMessage> MoveAsync(HttpClient client, int id, object body) =>
        client.PostAsJsonAsync($"/api/v1/periods/{id}/transitions", body);

    private static async Task<string?> DetailAsync(HttpResponseMessage response)
    {
        Assert.Equal(TestSupport.ProblemJson, response.Content.Headers.ContentType?.MediaType);
        return (await response.JsonAsync()).GetProperty("detail").GetString();
    }

    [Fact]
    public async Task The_org_admin_walks_a_period_to_final_with_the_deadlines_shown_and_every_move_audited()
    {
        var (owned, app, admin, id) = await StartAsync();
        await using var _ = owned;
        var publishedAt = new DateTimeOffset(2026, 10, 10, 15, 0, 0, China);

        var scoring = await MoveAsync(admin, id, new { to = "scoring" });
        Assert.Equal(HttpStatusCode.OK, scoring.StatusCode);
        var scored = await scoring.JsonAsync();
        Assert.Equal("scoring", scored.GetProperty("state").GetString());
        Assert.Equal("published", scored.GetProperty("nextState").GetString());
        Assert.Equal(1, (await (await admin.GetAsync($"/api/v1/periods/{id}/scores")).JsonAsync()).GetArrayLength());

        app.Clock.Advance(publishedAt - app.Clock.GetUtcNow());

        // Issue 12: the rural category's 3 manual indicators are unscored (they count 0): publishing without saying so
        // is refused with the counts, and nothing moves.
        var unconfirmed = await MoveAsync(admin, id, new { to = "published" });
        Assert.Equal(HttpStatusCode.Conflict, unconfirmed.StatusCode);
        var gaps = await unconfirmed.JsonAsync();
        Assert.Equal("人工评分尚未完成", gaps.GetProperty("title").GetString());
        Assert.Equal("2026年第3季度还有 1 个党支部的 3 项人工评分指标未评分（应评 3 项）：农村党支部 1 个支部 3 项。未评分的指标按 0 分计入总分。确认仍要公示时请勾选确认（接口加 confirmMissingManualScores: true）。", gaps.GetProperty("detail").GetString());
        var counts = gaps.GetProperty("missingManualScores");
        Assert.Equal((1, 3, 3), (counts.GetProperty("branches").GetInt32(), counts.GetProperty("missing").GetInt32(), counts.GetProperty("expected").GetInt32()));
        Assert.Equal("community/rural", counts.GetProperty("categories")[0].GetProperty("categoryCode").GetString());
        Assert.Equal("scoring", (await (await admin.GetAsync($"/api/v1/periods/{id}")).JsonAsync()).GetProperty("state").GetString());

        var published = await MoveAsync(admin, id, new { to = "published", confirmMissingManualScores = true });
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);

        var shown = await (await admin.GetAsync($"/api/v1/periods/{id}")).JsonAsync();
        Assert.Equal("published", shown.GetProperty("state").GetString());
        Assert.Equal("公示中", shown.GetProperty("stateName").GetString());
        Assert.Equal(publishedAt, shown.GetProperty("publishedAt").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 10, 18, 0, 0, 0, China), shown.GetProperty("appealsCloseAt").GetDateTimeOffset());
        Assert.True(shown.GetProperty("appealWindowOpen").GetBoolean());
        Assert.Equal(JsonValueKind.Null, shown.GetProperty("finalizedAt").ValueKind);

        var tooEarly = await MoveAsync(admin, id, new { to = "final" });
        Assert.Equal(HttpStatusCode.Conflict, tooEarly.StatusCode);
        Assert.Equal("2026年第3季度的申诉期至2026-10-18 00:00截止，截止前不能定稿（没有待处理的申诉时，可选择提前结束申诉期）。", await DetailAsync(tooEarly));

        app.Clock.Advance(TimeSpan.FromDays(8));
        var finalUnconfirmed = await MoveAsync(admin, id, new { to = "final" });
        Assert.Equal(HttpStatusCode.Conflict, finalUnconfirmed.StatusCode);
        Assert.EndsWith("确认仍要定稿时请勾选确认（接口加 confirmMissingManualScores: true）。", await DetailAsync(finalUnconfirmed));
        var final = await MoveAsync(admin, id, new { to = "final", confirmMissingManualScores = true });
        Assert.Equal(HttpStatusCode.OK, final.StatusCode);
        var finalized = await final.JsonAsync();
        Assert.Equal("final", finalized.GetProperty("state").GetString());
        Assert.False(finalized.GetProperty("appealWindowOpen").GetBoolean());
        Assert.Equal(JsonValueKind.Null, finalized.GetProperty("nextState").ValueKind);

        var rescore = await admin.PostAsync($"/api/v1/periods/{id}/scoring?wait=true", null);
        Assert.Equal(HttpStatusCode.Conflict, rescore.StatusCode);
        Assert.Contains("已定稿", await DetailAsync(rescore));

        await app.WithDbAsync(async db =>
        {
            var moves = await db.AuditEntries.Where(a => a.Action == "periods.transition" && a.Target == "2026Q3")
                .OrderBy(a => a.Id).Select(a => a.Actor + ":" + a.Detail).ToListAsync();
            Assert.Equal(
                [
                    "pt-admin:收集中 → 评分中",
                    "pt-admin:评分中 → 公示中，申诉期至2026-10-18 00:00；确认时尚有1个党支部的3项人工评分未评",
                    "pt-admin:公示中 → 已定稿；确认时尚有1个党支部的3项人工评分未评",
                ],
                moves);
        });
    }

    [Fact]
    public async Task Illegal_moves_are_409_in_Chinese_and_change_nothing()
    {
        var (owned, app, admin, id) = await StartAsync();
        await using var _ = owned;

        var skip = await MoveAsync(admin, id, new { to = "published", confirmMissingManualScores = true });
        var skipFinal = await MoveAsync(admin, id, new { to = "final" });

        Assert.Equal(HttpStatusCode.Conflict, skip.StatusCode);
        Assert.Equal("2026年第3季度的考核期当前为“收集中”，须先进入“评分中”，不能直接进入“公示中”。", await DetailAsync(skip));
        Assert.Equal(HttpStatusCode.Conflict, skipFinal.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(admin, id, new { to = "scoring" })).StatusCode);
        var again = await MoveAsync(admin, id, new { to = "scoring" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("2026年第3季度的考核期已是“评分中”。", await DetailAsync(again));
        Assert.Equal("scoring", (await (await admin.GetAsync($"/api/v1/periods/{id}")).JsonAsync()).GetProperty("state").GetString());
        Assert.Equal(1, await app.CountAuditAsync("periods.transition"));
    }

    [Fact]
    public async Task Publishing_needs_scores_and_an_early_close_is_explicit()
    {
        var (owned, app, admin, id) = await StartAsync(withBranch: false);
        await using var _ = owned;
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(admin, id, new { to = "scoring" })).StatusCode);

        var empty = await MoveAsync(admin, id, new { to = "published", confirmMissingManualScores = true });

        Assert.Equal(HttpStatusCode.Conflict, empty.StatusCode);
        Assert.Equal("2026年第3季度还没有计分结果，不能公示：请先计分。", await DetailAsync(empty));

        await app.AddOrganizationAsync("PT-ZB9", "补建党支部", Organization.RootCode, OrganizationKind.Branch, "community/urban", 6, 0);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/periods/{id}/scoring?wait=true", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(admin, id, new { to = "published", confirmMissingManualScores = true })).StatusCode);
        var rescore = await admin.PostAsync($"/api/v1/periods/{id}/scoring?wait=true", null);
        Assert.Equal(HttpStatusCode.Conflict, rescore.StatusCode);
        Assert.Contains("已公示，不再整体重新计算", await DetailAsync(rescore));

        var early = await MoveAsync(admin, id, new { to = "final", closeAppealsEarly = true, confirmMissingManualScores = true });

        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        await app.WithDbAsync(async db =>
            Assert.Contains("提前结束申诉期", (await db.AuditEntries.OrderBy(a => a.Id).LastAsync(a => a.Action == "periods.transition")).Detail));
    }

    [Fact]
    public async Task Bad_targets_unknown_periods_other_roles_and_non_root_admins_are_refused()
    {
        var (owned, app, admin, id) = await StartAsync();
        await using var _ = owned;
        await app.AddUserAsync("pt-sub-admin", Role.OrgAdmin, "PT-DW");
        await app.AddUserAsync("pt-secretary", Role.Secretary, "PT-ZB1");
        await app.AddUserAsync("pt-leader", Role.Leader, Organization.RootCode);

        var bad = await MoveAsync(admin, id, new { to = "archived" });
        var missing = await MoveAsync(admin, id, new { });
        var unknown = await MoveAsync(admin, 424242, new { to = "scoring" });
        var subAdmin = await MoveAsync(await app.BearerClientAsync("pt-sub-admin"), id, new { to = "scoring" });
        var secretary = await MoveAsync(await app.BearerClientAsync("pt-secretary"), id, new { to = "scoring" });
        var leader = await MoveAsync(await app.BearerClientAsync("pt-leader"), id, new { to = "scoring" });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("目标状态应为 scoring（评分中）、published（公示中）或 final（已定稿）", (await bad.JsonAsync()).GetProperty("errors").GetProperty("to")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, subAdmin.StatusCode);
        Assert.Contains("只有根组织的组织部账号", await DetailAsync(subAdmin));
        Assert.Equal(HttpStatusCode.Forbidden, secretary.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, leader.StatusCode);
        Assert.Equal("open", (await (await admin.GetAsync($"/api/v1/periods/{id}")).JsonAsync()).GetProperty("state").GetString());
        Assert.Equal(0, await app.CountAuditAsync("periods.transition"));
    }
}

public sealed class SqlitePeriodTransitionApiTests() : PeriodTransitionApiTests(DatabaseProvider.Sqlite);

public sealed class PostgresPeriodTransitionApiTests() : PeriodTransitionApiTests(DatabaseProvider.PostgreSql);
