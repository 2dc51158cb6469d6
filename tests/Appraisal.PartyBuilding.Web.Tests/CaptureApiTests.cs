using System.Net;
using System.Net.Http.Json;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.AssessmentEvidence;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// 无感考核 on both databases, against a local fake source: the root's 组织部 configures the source the community pack
/// declares for the 12345 hotline KPI, a pull lands the values for the current quarter marked with the source and
/// audited, a failing or malformed source changes nothing and shows why, and the credential is never shown back.
/// </summary>
public abstract class CaptureApiTests(AppFactory app)
{
    private const string Kpi = "hotline-response-hours";

    private async Task<(HttpClient Root, string Prefix)> SetUpAsync()
    {
        var prefix = $"C{Guid.NewGuid():N}"[..9].ToUpperInvariant();
        await app.AddOrganizationAsync($"{prefix}-SQ", "社区党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync($"{prefix}-A", "东街社区党支部", $"{prefix}-SQ", OrganizationKind.Branch, "community/urban", 30, 5);
        await app.AddOrganizationAsync($"{prefix}-B", "西街社区党支部", $"{prefix}-SQ", OrganizationKind.Branch, "community/urban", 25, 5);
        await app.AddUserAsync($"{prefix}-root", Role.OrgAdmin, Organization.RootCode);
        return (await app.BearerClientAsync($"{prefix}-root"), prefix);
    }

    private static object Config(FakeKpiSource source, string format = "json", string? token = "s3cret-key-123") => new
    {
        url = source.Url,
        format,
        branchField = "",
        valueField = "",
        cron = "0 6 * * *",
        enabled = true,
        tokenHeader = token is null ? null : "X-Api-Key",
        token,
        clearToken = false,
    };

    private Task<List<BranchKpiValue>> ValuesAsync(string prefix) => app.WithScopeAsync(async services =>
        await services.GetRequiredService<AppraisalDbContext>().KpiValues.AsNoTracking()
            .Where(k => k.Branch!.Code.StartsWith(prefix)).OrderBy(k => k.BranchId).ToListAsync());

    [Fact]
    public async Task A_json_pull_lands_the_values_for_the_current_quarter_marked_with_the_source_and_audited()
    {
        var (root, p) = await SetUpAsync();
        await using var source = await FakeKpiSource.StartAsync();
        source.Body = $$"""[{"branchCode":"{{p}}-A","responseHours":6.5},{"branchCode":"{{p}}-b","responseHours":"12"}]""";
        var pulls = await app.CountAuditAsync("capture.pull");

        var saved = await root.PutAsJsonAsync($"/api/v1/capture/sources/{Kpi}", Config(source));
        Assert.True(saved.StatusCode == HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        var configured = await saved.JsonAsync();
        Assert.Equal(("responseHours", "branchCode", true), (configured.GetProperty("valueField").GetString(), configured.GetProperty("branchField").GetString(), configured.GetProperty("hasToken").GetBoolean()));
        Assert.DoesNotContain("s3cret", await saved.Content.ReadAsStringAsync());

        var pulled = await root.PostAsync($"/api/v1/capture/sources/{Kpi}/pull?wait=true", null);

        Assert.True(pulled.StatusCode == HttpStatusCode.OK, await pulled.Content.ReadAsStringAsync());
        var outcome = await pulled.JsonAsync();
        Assert.Equal((2, 2), (outcome.GetProperty("rows").GetInt32(), outcome.GetProperty("inserted").GetInt32()));
        Assert.Equal("s3cret-key-123", source.LastKey);
        var values = await ValuesAsync(p);
        Assert.Equal([6.5m, 12m], values.Select(v => v.Value));
        var sourceId = await app.WithScopeAsync(async s => await s.GetRequiredService<AppraisalDbContext>().CaptureSources.Where(c => c.KpiCode == Kpi).Select(c => c.Id).SingleAsync());
        Assert.All(values, v =>
        {
            Assert.Equal((EvidenceSource.Capture, (int?)sourceId, 2026, 4, Kpi), (v.Source, v.CaptureSourceId, v.Year, v.Quarter, v.KpiCode));
            Assert.Equal(app.Clock.GetUtcNow(), v.EnteredAt);
            Assert.Equal($"{p}-root", v.EnteredBy);
        });
        Assert.Equal(pulls + 1, await app.CountAuditAsync("capture.pull"));
        await app.WithDbAsync(async db =>
        {
            var entry = await db.AuditEntries.Where(a => a.Action == "capture.pull").OrderByDescending(a => a.Id).FirstAsync();
            Assert.Contains("成功，读取2行，新增2条", entry.Detail);
            Assert.DoesNotContain(await db.AuditEntries.Where(a => a.Action.StartsWith("capture.")).Select(a => a.Detail ?? "").ToListAsync(), d => d.Contains("s3cret"));
            var stored = await db.CaptureSources.SingleAsync(c => c.KpiCode == Kpi);
            Assert.DoesNotContain("s3cret", stored.ProtectedToken);
        });

        var shown = await (await root.GetAsync($"/api/v1/capture/sources/{Kpi}")).JsonAsync();
        Assert.Equal(2, shown.GetProperty("lastSuccessCount").GetInt32());
        Assert.Equal("正常", shown.GetProperty("status").GetString());
        Assert.DoesNotContain("s3cret", shown.GetRawText());
    }

    [Fact]
    public async Task A_csv_pull_updates_the_values_and_an_unchanged_value_is_left_as_it_is()
    {
        var (root, p) = await SetUpAsync();
        await using var source = await FakeKpiSource.StartAsync();
        (source.Body, source.ContentType) = ($"\uFEFFbranchCode,name,responseHours\r\n{p}-A,\"东街, 社区\",8\r\n{p}-B,西街,20\r\n", "text/csv");
        Assert.Equal(HttpStatusCode.OK, (await root.PutAsJsonAsync($"/api/v1/capture/sources/{Kpi}", Config(source, "csv", token: null))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await root.PostAsync($"/api/v1/capture/sources/{Kpi}/pull?wait=true", null)).StatusCode);
        source.Body = $"branchCode,name,responseHours\n{p}-A,东街,5.25\n{p}-B,西街,20\n";

        var outcome = await (await root.PostAsync($"/api/v1/capture/sources/{Kpi}/pull?wait=true", null)).JsonAsync();

        Assert.Equal((2, 0, 1, 1), (outcome.GetProperty("rows").GetInt32(), outcome.GetProperty("inserted").GetInt32(), outcome.GetProperty("updated").GetInt32(), outcome.GetProperty("skipped").GetInt32()));
        Assert.Equal([5.25m, 20m], (await ValuesAsync(p)).Select(v => v.Value));
        Assert.Null(source.LastKey);
    }

    [Fact]
    public async Task A_failing_source_keeps_the_previous_values_and_its_failure_is_shown_on_the_api_and_the_page()
    {
        var (root, p) = await SetUpAsync();
        await using var source = await FakeKpiSource.StartAsync();
        source.Body = $$"""[{"branchCode":"{{p}}-A","responseHours":6}]""";
        await root.PutAsJsonAsync($"/api/v1/capture/sources/{Kpi}", Config(source));
        Assert.Equal(HttpStatusCode.OK, (await root.PostAsync($"/api/v1/capture/sources/{Kpi}/pull?wait=true", null)).StatusCode);
        source.FailNext = 1;
        var audits = await app.CountAuditAsync("capture.pull");

        var failed = await root.PostAsync($"/api/v1/capture/sources/{Kpi}/pull?wait=true", null);

        Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        Assert.Equal(TestSupport.ProblemJson, failed.Content.Headers.ContentType?.MediaType);
        Assert.Equal("数据源返回 HTTP 500（Internal Server Error）", (await failed.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal([6m], (await ValuesAsync(p)).Select(v => v.Value));
        Assert.Equal(audits + 1, await app.CountAuditAsync("capture.pull"));
        var shown = await (await root.GetAsync($"/api/v1/capture/sources/{Kpi}")).JsonAsync();
        Assert.True(shown.GetProperty("failing").GetBoolean());
        Assert.Equal("失败", shown.GetProperty("status").GetString());
        Assert.Contains("HTTP 500", shown.GetProperty("lastFailure").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.String, shown.GetProperty("lastSuccessAt").ValueKind);

        var page = await app.SignedInClientAsync($"{p}-root");
        var list = await page.GetStringAsync("/capture");
        Assert.Contains("数据源返回 HTTP 500", list);
        Assert.Contains(">失败<", list);
        Assert.Contains("数据源返回 HTTP 500", await page.GetStringAsync($"/capture/{Kpi}"));
    }

    [Theory]
    [InlineData("unknown-branch")]
    [InlineData("not-a-number")]
    [InlineData("not-an-array")]
    [InlineData("missing-column")]
    public async Task A_malformed_answer_changes_nothing_and_names_the_row_and_field(string fault)
    {
        var (root, p) = await SetUpAsync();
        await using var source = await FakeKpiSource.StartAsync();
        var format = fault == "missing-column" ? "csv" : "json";
        await root.PutAsJsonAsync($"/api/v1/capture/sources/{Kpi}", Config(source, format));
        (source.Body, var expected) = fault switch
        {
            "unknown-branch" => ($$"""[{"branchCode":"{{p}}-A","responseHours":6},{"branchCode":"{{p}}-X","responseHours":7}]""", $"第2条（字段“branchCode”）：支部“{p}-X”不存在"),
            "not-a-number" => ($$"""[{"branchCode":"{{p}}-A","responseHours":6},{"branchCode":"{{p}}-B","responseHours":"约5小时"}]""", "第2条的字段“responseHours”的值“约5小时”不是数字"),
            "not-an-array" => ($$"""{"branchCode":"{{p}}-A","responseHours":6}""", "JSON 顶层应为数组（每个支部一个对象），实际为对象"),
            _ => ($"branch,responseHours\n{p}-A,6\n", "CSV 表头缺少列“branchCode”（表头：branch、responseHours）"),
        };

        var failed = await root.PostAsync($"/api/v1/capture/sources/{Kpi}/pull?wait=true", null);

        Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        Assert.Equal(expected, (await failed.JsonAsync()).GetProperty("detail").GetString());
        Assert.Empty(await ValuesAsync(p));
        await app.WithDbAsync(async db =>
        {
            var entry = await db.AuditEntries.Where(a => a.Action == "capture.pull").OrderByDescending(a => a.Id).FirstAsync();
            Assert.Contains("失败，未保存任何数据", entry.Detail);
            Assert.Contains(expected, entry.Detail);
        });
    }

    [Fact]
    public async Task A_bad_configuration_is_refused_with_the_field_at_fault_and_nothing_saved()
    {
        var (root, _) = await SetUpAsync();
        var before = await app.CountAuditAsync("capture.source.create") + await app.CountAuditAsync("capture.source.update");

        var response = await root.PutAsJsonAsync("/api/v1/capture/sources/grid-event-handling-rate", new { url = "file:///etc/passwd", format = "xml", cron = "0 0 6 * * *", enabled = true, tokenHeader = "", token = "abc" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.Contains("只支持 http:// 或 https://", errors.GetProperty("url")[0].GetString());
        Assert.Contains("json 或 csv", errors.GetProperty("format")[0].GetString());
        Assert.Contains("五个字段", errors.GetProperty("cron")[0].GetString());
        Assert.Contains("请求头名称", errors.GetProperty("tokenHeader")[0].GetString());
        await app.WithDbAsync(async db => Assert.False(await db.CaptureSources.AnyAsync(s => s.KpiCode == "grid-event-handling-rate")));
        Assert.Equal(before, await app.CountAuditAsync("capture.source.create") + await app.CountAuditAsync("capture.source.update"));

        var undeclared = await root.PutAsJsonAsync("/api/v1/capture/sources/safe-production-days", new { url = "http://127.0.0.1/x", format = "json", cron = "0 6 * * *", enabled = true });
        Assert.Equal(HttpStatusCode.NotFound, undeclared.StatusCode);
        Assert.Contains("没有为指标值“safe-production-days”声明数据源", (await undeclared.JsonAsync()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await root.PostAsync("/api/v1/capture/sources/safe-production-days/pull?wait=true", null)).StatusCode);
    }

    /// <summary>
    /// Two root 组织部 accounts save the same new source at once (an app of its own, where the source does not exist
    /// yet): one is saved, the other gets a 409 in Chinese or is applied after it; never a 500, never two rows.
    /// </summary>
    [Fact]
    public async Task Two_first_saves_of_one_source_at_once_keep_one_and_never_fail_with_a_server_error()
    {
        await using var owned = await OwnedApp.StartAsync(app.Provider);
        var own = owned.App;
        await own.AddUserAsync("cap-race-1", Role.OrgAdmin, Organization.RootCode);
        await own.AddUserAsync("cap-race-2", Role.OrgAdmin, Organization.RootCode);
        var first = await own.BearerClientAsync("cap-race-1");
        var second = await own.BearerClientAsync("cap-race-2");
        await using var source = await FakeKpiSource.StartAsync();

        var answers = await Task.WhenAll(
            first.PutAsJsonAsync($"/api/v1/capture/sources/{Kpi}", Config(source)),
            second.PutAsJsonAsync($"/api/v1/capture/sources/{Kpi}", Config(source, "csv", token: null)));

        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, a.StatusCode.ToString()));
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.OK);
        foreach (var refused in answers.Where(a => a.StatusCode == HttpStatusCode.Conflict))
        {
            Assert.Contains("另一位管理员", (await refused.JsonAsync()).GetProperty("detail").GetString());
        }

        await own.WithDbAsync(async db =>
        {
            Assert.Equal(1, await db.CaptureSources.CountAsync(s => s.KpiCode == Kpi));
            var saves = await db.AuditEntries.CountAsync(a => a.Action == "capture.source.create" || a.Action == "capture.source.update");
            Assert.Equal(answers.Count(a => a.StatusCode == HttpStatusCode.OK), saves);
        });
    }

    [Fact]
    public async Task The_list_is_paged_and_names_the_declared_sources_not_configured_yet()
    {
        var (root, _) = await SetUpAsync();

        var list = await (await root.GetAsync("/api/v1/capture/sources?pageSize=1")).JsonAsync();

        Assert.Equal(1, list.GetProperty("pageSize").GetInt32());
        var declared = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("kpiCode").GetString())
            .Concat(list.GetProperty("unconfigured").EnumerateArray().Select(u => u.GetProperty("kpiCode").GetString())).ToList();
        Assert.Contains("grid-event-handling-rate", declared);
        Assert.Contains(Kpi, declared);
    }

    [Fact]
    public async Task Only_the_roots_organization_department_reaches_the_capture_endpoints()
    {
        var (_, p) = await SetUpAsync();
        await app.AddOrganizationAsync($"{p}-SUB", "下级党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        var callers = new List<(string Name, HttpClient Client, HttpStatusCode Expected)>
        {
            ("anonymous", app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), HttpStatusCode.Unauthorized),
        };
        foreach (var (role, node) in new[] { (Role.OrgAdmin, $"{p}-SUB"), (Role.Secretary, $"{p}-A"), (Role.Assessor, Organization.RootCode), (Role.Leader, Organization.RootCode), (Role.Auditor, Organization.RootCode), (Role.SysAdmin, Organization.RootCode) })
        {
            var login = $"{p}-{role}";
            await app.AddUserAsync(login, role, node);
            callers.Add((login, await app.BearerClientAsync(login), HttpStatusCode.Forbidden));
        }

        foreach (var (name, client, expected) in callers)
        {
            Assert.True(expected == (await client.GetAsync("/api/v1/capture/sources")).StatusCode, name);
            Assert.True(expected == (await client.GetAsync($"/api/v1/capture/sources/{Kpi}")).StatusCode, name);
            Assert.True(expected == (await client.PutAsJsonAsync($"/api/v1/capture/sources/{Kpi}", new { url = "http://127.0.0.1/", format = "json", cron = "0 6 * * *", enabled = true })).StatusCode, name);
            Assert.True(expected == (await client.PostAsync($"/api/v1/capture/sources/{Kpi}/pull?wait=true", null)).StatusCode, name);
        }

        // The pages: a sub-tree 组织部 is sent to 无权访问, anonymous to the sign-in form.
        var sub = await app.SignedInClientAsync($"{p}-{Role.OrgAdmin}");
        foreach (var path in new[] { "/capture", $"/capture/{Kpi}" })
        {
            var response = await sub.GetAsync(path);
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Forbidden, $"{path}: {response.StatusCode}");
            Assert.Equal(HttpStatusCode.Redirect, (await callers[0].Client.GetAsync(path)).StatusCode);
        }

        var root = await app.SignedInClientAsync($"{p}-root");
        Assert.Equal(HttpStatusCode.OK, (await root.GetAsync("/capture")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await root.GetAsync($"/capture/{Kpi}")).StatusCode);
        // Only the root's 组织部 is shown the link in the navigation.
        Assert.Contains("href=\"/capture\"", await root.GetStringAsync("/"));
        Assert.DoesNotContain("href=\"/capture\"", await sub.GetStringAsync("/"));
        // The pack page names the declared source beside the rule.
        Assert.Contains("自动采集：12345政务服务便民热线", await root.GetStringAsync("/packs"));
    }
}

public sealed class SqliteCaptureApiTests(SqliteApp app) : CaptureApiTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresCaptureApiTests(PostgresApp app) : CaptureApiTests(app), IClassFixture<PostgresApp>;
