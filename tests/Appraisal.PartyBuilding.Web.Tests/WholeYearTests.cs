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
using OfficeOpenXml;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// Issue 5's "done when": a whole year driven through the HTTP API with a fake clock — four quarters of records,
/// scoring, publication, one appeal upheld and one rejected, finalisation, incentives, a rectification list with
/// reminders, an escalation and sign-offs, and the re-check in the next quarter. The reminder job is called directly,
/// as the scheduler would. Meeting records are stored directly (the records API is another slice).
/// </summary>
public abstract class WholeYearTests(DatabaseProvider provider)
{
    private const string Dw = "XH-DW";

    private static readonly string[] Branches = ["XH01", "XH02", "XH03", "XH04", "XH05", "XH06", "XH07", "XH08", "XH09", "XH10"];

    [Fact]
    public async Task A_year_of_four_quarters_goes_round_the_whole_loop()
    {
        await using var owned = await OwnedApp.StartAsync(provider);
        var app = owned.App;
        await SetUpAsync(app);
        var admin = await app.BearerClientAsync("xh-admin");
        var assessor = await app.BearerClientAsync("xh-assessor");
        var leader = await app.BearerClientAsync("xh-leader");
        var sec02 = await app.BearerClientAsync("xh-sec02");
        var sec06 = await app.BearerClientAsync("xh-sec06");
        var sec10 = await app.BearerClientAsync("xh-sec10");

        // ---- Q1: scoring, publication, two appeals, finalisation, incentives, rectification ----
        app.MoveClockTo("2026-01-05 09:00");
        var q1 = await OpenAsync(app, admin, 1);
        app.MoveClockTo("2026-04-01 09:00");
        await MoveAsync(admin, q1, "scoring");
        var scores = await ScoresAsync(admin, q1);
        // 三会一课 + 60 of 100: XH02 lost a 主题党日 (38 + 60), XH10 held only the assembly and one 支委会 (14 + 60).
        Assert.Equal(98m, scores["XH02"].GetProperty("total").GetDecimal());
        Assert.Equal(6, scores["XH02"].GetProperty("rank").GetInt32());
        Assert.Equal(74m, scores["XH10"].GetProperty("total").GetDecimal());
        Assert.Equal("一般", scores["XH10"].GetProperty("grade").GetString());

        app.MoveClockTo("2026-04-03 10:00");
        await MoveAsync(admin, q1, "published");
        Assert.Equal(new DateTimeOffset(2026, 4, 11, 0, 0, 0, TimeSpan.FromHours(8)), (await Ok(await admin.GetAsync($"/api/v1/periods/{q1}"))).GetProperty("appealsCloseAt").GetDateTimeOffset());

        app.MoveClockTo("2026-04-05 20:00");
        var upheld = await Created(await sec02.PostAsJsonAsync($"/api/v1/periods/{q1}/appeals", new { indicatorCode = "shyk.theme-day", reason = "3月主题党日已开展", evidence = "3月1日主题党日签到表、照片" }));
        var twice = await sec02.PostAsJsonAsync($"/api/v1/periods/{q1}/appeals", new { indicatorCode = "shyk.theme-day", reason = "再次申诉", evidence = "同上" });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal("本支部对指标“shyk.theme-day”的申诉尚在处理中，不能重复提交。", (await twice.JsonAsync()).GetProperty("detail").GetString());
        var rejected = await Created(await sec10.PostAsJsonAsync($"/api/v1/periods/{q1}/appeals", new { indicatorCode = "shyk.committee", reason = "2月、3月支委会已召开", evidence = "会议记录本" }));
        Assert.Equal("系统", upheld.GetProperty("originalScorer").GetString());
        Assert.Equal(4m, upheld.GetProperty("originalScore").GetDecimal());

        var decided = await Ok(await assessor.PostAsJsonAsync($"/api/v1/appeals/{upheld.GetProperty("id").GetInt64()}/decision", new { upheld = true, newScore = 6, opinion = "经核实3月1日主题党日记录遗漏，予以补计" }));
        Assert.Equal("upheld", decided.GetProperty("state").GetString());
        Assert.Equal(4m, decided.GetProperty("originalScore").GetDecimal());
        Assert.Equal(6m, decided.GetProperty("newScore").GetDecimal());
        scores = await ScoresAsync(admin, q1);
        Assert.Equal(100m, scores["XH02"].GetProperty("total").GetDecimal());
        Assert.Equal("优秀", scores["XH02"].GetProperty("grade").GetString());
        Assert.Equal(1, scores["XH02"].GetProperty("rank").GetInt32());
        Assert.Equal(7, scores["XH05"].GetProperty("rank").GetInt32());
        Assert.Contains("经申诉复核（xh-assessor），由4分改为6分", Indicator(scores["XH02"], "shyk.theme-day").GetProperty("explanation").GetString());

        var pending = await admin.PostAsJsonAsync($"/api/v1/periods/{q1}/transitions", new { to = "final", closeAppealsEarly = true, confirmMissingManualScores = true });
        Assert.Equal(HttpStatusCode.Conflict, pending.StatusCode);
        Assert.Equal("2026年第1季度还有1件申诉未处理，处理完毕后才能定稿。", (await pending.JsonAsync()).GetProperty("detail").GetString());
        await Ok(await admin.PostAsJsonAsync($"/api/v1/appeals/{rejected.GetProperty("id").GetInt64()}/decision", new { upheld = false, opinion = "2月、3月会议记录未上传，维持原分" }));
        Assert.Equal(74m, (await ScoresAsync(admin, q1))["XH10"].GetProperty("total").GetDecimal());

        app.MoveClockTo("2026-04-11 09:00");
        var late = await sec06.PostAsJsonAsync($"/api/v1/periods/{q1}/appeals", new { indicatorCode = "shyk.lecture", reason = "补申诉", evidence = "无" });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("2026年第1季度的申诉期已于2026-04-11 00:00结束。", (await late.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await leader.GetAsync($"/api/v1/periods/{q1}/incentives")).StatusCode);
        await MoveAsync(admin, q1, "final");

        // Incentives: the 组织部 edits the table, leaders read the nominations, payroll gets the .xlsx.
        await Ok(await admin.PutAsJsonAsync("/api/v1/incentives/coefficients", new { coefficients = new[] { new { grade = "优秀", coefficient = 1.25m }, new { grade = "一般", coefficient = 0.7m } } }));
        var incentives = (await Ok(await leader.GetAsync($"/api/v1/periods/{q1}/incentives"))).EnumerateArray().ToDictionary(l => l.GetProperty("branchCode").GetString()!);
        Assert.Equal(10, incentives.Count);
        Assert.Equal(1.25m, incentives["XH02"].GetProperty("coefficient").GetDecimal());
        Assert.True(incentives["XH02"].GetProperty("fourStrong").GetBoolean());
        Assert.False(incentives["XH05"].GetProperty("fourStrong").GetBoolean());
        Assert.Equal(0.7m, incentives["XH10"].GetProperty("coefficient").GetDecimal());
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync($"/api/v1/periods/{q1}/incentives.xlsx")).StatusCode);
        var export = await admin.GetAsync($"/api/v1/periods/{q1}/incentives.xlsx");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal(TestSupport.XlsxContentType, export.Content.Headers.ContentType?.MediaType);
        using (var package = new ExcelPackage(new MemoryStream(await export.Content.ReadAsByteArrayAsync())))
        {
            var sheet = package.Workbook.Worksheets["激励名单"];
            Assert.Equal("支部编码", sheet.Cells[1, 1].Text);
            Assert.Equal("绩效系数", sheet.Cells[1, 10].Text);
            var rows = Enumerable.Range(2, sheet.Dimension.End.Row - 1).ToDictionary(r => sheet.Cells[r, 1].Text);
            Assert.Equal(10, rows.Count);
            Assert.Equal(1.25m, Convert.ToDecimal(sheet.Cells[rows["XH02"], 10].Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("是", sheet.Cells[rows["XH02"], 11].Text);
            Assert.Equal("一般", sheet.Cells[rows["XH10"], 7].Text);
            Assert.Equal("闭环党委", sheet.Cells[rows["XH10"], 3].Text);
        }

        // The rectification list: XH10 lost four indicators badly and is last of ten (bottom 10%); XH06 gave no 党课.
        var items = (await Ok(await admin.GetAsync($"/api/v1/rectification?periodId={q1}"))).EnumerateArray().ToList();
        Assert.Equal(
            ["XH06:shyk.lecture", "XH10:shyk.committee", "XH10:shyk.group", "XH10:shyk.lecture", "XH10:shyk.theme-day"],
            items.Select(i => $"{i.GetProperty("branchCode").GetString()}:{i.GetProperty("indicatorCode").GetString()}").Order(StringComparer.Ordinal).ToList());
        Assert.All(items, i => Assert.Equal("2026-05-11", i.GetProperty("deadline").GetString()));
        long Item(string branch, string indicator) => items.Single(i => i.GetProperty("branchCode").GetString() == branch && i.GetProperty("indicatorCode").GetString() == indicator).GetProperty("id").GetInt64();
        var committee = Item("XH10", "shyk.committee");
        var group = Item("XH10", "shyk.group");
        var lecture10 = Item("XH10", "shyk.lecture");
        var themeDay = Item("XH10", "shyk.theme-day");
        var lecture06 = Item("XH06", "shyk.lecture");
        Assert.Equal("xh-sec10", items.Single(i => i.GetProperty("id").GetInt64() == committee).GetProperty("ownerLogin").GetString());
        Assert.Equal(9.6m, items.Single(i => i.GetProperty("id").GetInt64() == committee).GetProperty("passScore").GetDecimal());

        // Progress, a send-back with an opinion, and sign-offs.
        app.MoveClockTo("2026-04-15 16:00");
        Assert.Equal("open", (await Ok(await sec10.PostAsJsonAsync($"/api/v1/rectification/{committee}/progress", new { text = "已制定支委会月度计划" }))).GetProperty("state").GetString());
        Assert.Equal("submitted", (await Ok(await sec10.PostAsJsonAsync($"/api/v1/rectification/{committee}/progress", new { text = "4月5日支委会已召开", requestSignOff = true }))).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await sec02.PostAsJsonAsync($"/api/v1/rectification/{committee}/progress", new { text = "不是本支部的事项" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await assessor.PostAsJsonAsync($"/api/v1/rectification/{committee}/review", new { signOff = true })).StatusCode);
        var noOpinion = await leader.PostAsJsonAsync($"/api/v1/rectification/{committee}/review", new { signOff = false });
        Assert.Equal(HttpStatusCode.BadRequest, noOpinion.StatusCode);
        Assert.Equal("退回时请填写意见，说明还需整改什么", (await noOpinion.JsonAsync()).GetProperty("errors").GetProperty("opinion")[0].GetString());
        Assert.Equal("returned", (await Ok(await leader.PostAsJsonAsync($"/api/v1/rectification/{committee}/review", new { signOff = false, opinion = "请补充会议记录扫描件" }))).GetProperty("state").GetString());
        await Ok(await sec10.PostAsJsonAsync($"/api/v1/rectification/{committee}/progress", new { text = "已上传4月会议记录扫描件", requestSignOff = true }));
        var signedOff = await Ok(await leader.PostAsJsonAsync($"/api/v1/rectification/{committee}/review", new { signOff = true, opinion = "整改到位" }));
        Assert.Equal("signedoff", signedOff.GetProperty("state").GetString());
        Assert.Equal(
            ["created", "progress", "progress", "submitted", "sentback", "progress", "submitted", "signedoff"],
            signedOff.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList());
        await Ok(await sec10.PostAsJsonAsync($"/api/v1/rectification/{lecture10}/progress", new { text = "4月20日书记讲党课", requestSignOff = true }));
        await Ok(await leader.PostAsJsonAsync($"/api/v1/rectification/{lecture10}/review", new { signOff = true }));

        // Reminders at T−7 and T−3 (China dates), each once; overdue; escalation to the 党委 three days later.
        Assert.Equal(0, await RemindAsync(app, "2026-05-03 23:59"));
        Assert.Equal(3, await RemindAsync(app, "2026-05-04 00:00"));
        Assert.Equal(0, await RemindAsync(app, "2026-05-04 18:00"));
        Assert.Equal(3, await RemindAsync(app, "2026-05-08 08:00"));
        app.MoveClockTo("2026-05-09 10:00");
        await Ok(await sec10.PostAsJsonAsync($"/api/v1/rectification/{group}/progress", new { text = "两个月党小组会均已召开", requestSignOff = true }));
        await Ok(await leader.PostAsJsonAsync($"/api/v1/rectification/{group}/review", new { signOff = true }));
        Assert.Equal(0, await RemindAsync(app, "2026-05-11 23:00"));
        Assert.Equal(2, await RemindAsync(app, "2026-05-12 08:00"));
        Assert.Equal(0, await RemindAsync(app, "2026-05-14 08:00"));
        Assert.Equal(2, await RemindAsync(app, "2026-05-15 08:00"));
        Assert.Equal(0, await RemindAsync(app, "2026-05-20 08:00"));

        var leaderReminders = (await Ok(await leader.GetAsync("/api/v1/rectification/reminders"))).EnumerateArray().ToList();
        var escalations = leaderReminders.Where(r => r.GetProperty("kind").GetString() == "escalated").ToList();
        Assert.Equal(2, escalations.Count);
        Assert.All(escalations, e => Assert.Equal(Dw, e.GetProperty("recipientCode").GetString()));
        Assert.Contains(escalations, e => e.GetProperty("message").GetString()!.StartsWith("督办：闭环第六党支部的整改事项“党课”已逾期4天（期限2026-05-11），请闭环党委督促整改", StringComparison.Ordinal));
        var ownReminders = (await Ok(await sec10.GetAsync("/api/v1/rectification/reminders"))).EnumerateArray().Select(r => r.GetProperty("kind").GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["duein3days", "duein3days", "duein7days", "duein7days", "overdue"], ownReminders);
        var detail = await Ok(await sec10.GetAsync($"/api/v1/rectification/{themeDay}"));
        Assert.True(detail.GetProperty("overdue").GetBoolean());
        Assert.Equal(4, detail.GetProperty("reminders").GetArrayLength());

        // The health board: overdue and escalated items make a branch red, with the reason.
        var health = (await Ok(await leader.GetAsync("/api/v1/health-warnings"))).EnumerateArray().ToDictionary(h => h.GetProperty("branchCode").GetString()!);
        Assert.Equal("red", health["XH06"].GetProperty("colour").GetString());
        Assert.Equal("1项整改逾期未完成，其中1项已报上级督办", health["XH06"].GetProperty("reasons").EnumerateArray().Single(r => r.GetProperty("signal").GetString() == "overdue-rectification").GetProperty("text").GetString());
        Assert.Equal("green", health["XH01"].GetProperty("colour").GetString());

        // ---- Q2: scoring re-checks the signed-off items: two reached the mark and close, one is still low and reopens ----
        var q2 = await OpenAsync(app, admin, 2);
        app.MoveClockTo("2026-07-02 09:00");
        await MoveAsync(admin, q2, "scoring");
        Assert.Equal("closed", await StateAsync(leader, committee));
        Assert.Equal("closed", await StateAsync(leader, lecture10));
        var reopened = await Ok(await leader.GetAsync($"/api/v1/rectification/{group}"));
        Assert.Equal("reopened", reopened.GetProperty("state").GetString());
        Assert.Equal("2026-08-01", reopened.GetProperty("deadline").GetString());
        Assert.Equal(2m, reopened.GetProperty("recheckScore").GetDecimal());
        Assert.Equal("2026年第2季度复查：本项得2分（满分6分），仍低于4.8分，重新整改，期限至2026-08-01。", reopened.GetProperty("history").EnumerateArray().Last().GetProperty("text").GetString());
        Assert.Equal("open", await StateAsync(leader, themeDay));
        Assert.Equal("open", await StateAsync(leader, lecture06));
        app.MoveClockTo("2026-07-03 10:00");
        await MoveAsync(admin, q2, "published");
        app.MoveClockTo("2026-07-12 09:00");
        await MoveAsync(admin, q2, "final");
        var q2Items = (await Ok(await admin.GetAsync($"/api/v1/rectification?periodId={q2}"))).EnumerateArray()
            .Select(i => $"{i.GetProperty("branchCode").GetString()}:{i.GetProperty("indicatorCode").GetString()}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["XH06:shyk.lecture", "XH09:shyk.committee", "XH09:shyk.theme-day", "XH10:shyk.group"], q2Items);
        health = (await Ok(await leader.GetAsync("/api/v1/health-warnings"))).EnumerateArray().ToDictionary(h => h.GetProperty("branchCode").GetString()!);
        Assert.Equal("red", health["XH09"].GetProperty("colour").GetString());
        // Out of 100, losing 8 三会一课 points is a fall of 8 points: yellow on its own; the missed months make XH09 red.
        Assert.Equal(["missed-months:red", "falling-score:yellow"], health["XH09"].GetProperty("reasons").EnumerateArray().Select(r => $"{r.GetProperty("signal").GetString()}:{r.GetProperty("severity").GetString()}").ToList());
        Assert.Equal("得分率下降8个百分点（100% → 2026年第2季度92%）", health["XH09"].GetProperty("reasons").EnumerateArray().Single(r => r.GetProperty("signal").GetString() == "falling-score").GetProperty("text").GetString());

        // ---- Q3 and Q4: the rest of the year ----
        var q3 = await OpenAsync(app, admin, 3);
        app.MoveClockTo("2026-10-02 09:00");
        await MoveAsync(admin, q3, "scoring");
        app.MoveClockTo("2026-10-03 10:00");
        await MoveAsync(admin, q3, "published");
        await Ok(await admin.PostAsJsonAsync($"/api/v1/periods/{q3}/transitions", new { to = "final", closeAppealsEarly = true, confirmMissingManualScores = true }));
        var q4 = await OpenAsync(app, admin, 4);
        app.MoveClockTo("2027-01-04 09:00");
        await MoveAsync(admin, q4, "scoring");
        app.MoveClockTo("2027-01-05 10:00");
        await MoveAsync(admin, q4, "published");
        app.MoveClockTo("2027-01-13 09:00");
        await MoveAsync(admin, q4, "final");

        var periods = (await Ok(await admin.GetAsync("/api/v1/periods"))).EnumerateArray().ToList();
        Assert.Equal(["2026Q4:final", "2026Q3:final", "2026Q2:final", "2026Q1:final"], periods.Select(p => $"{p.GetProperty("year").GetInt32()}Q{p.GetProperty("quarter").GetInt32()}:{p.GetProperty("state").GetString()}").ToList());
        Assert.Equal("closed", await StateAsync(leader, committee));
        await app.WithDbAsync(async db =>
        {
            var actions = await db.AuditEntries.GroupBy(a => a.Action).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
            Assert.Equal(2, actions["appeals.file"]);
            Assert.Equal(2, actions["appeals.decide"]);
            Assert.Equal(1, actions["incentives.coefficients"]);
            Assert.Equal(2, actions["rectification.generate"]);
            Assert.Equal(4, actions["rectification.remind"]);
            Assert.Equal(4, actions["rectification.review"]);
            Assert.Equal(1, actions["rectification.recheck"]);
            Assert.Equal(12, actions["periods.transition"]);
        });
    }

    private static async Task SetUpAsync(AppFactory app)
    {
        await app.AddOrganizationAsync(Dw, "闭环党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        string[] names = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
        for (var i = 0; i < Branches.Length; i++)
        {
            await app.AddBranchAsync(Branches[i], $"闭环第{names[i]}党支部", Dw);
        }

        await app.AddUserAsync("xh-admin", Role.OrgAdmin, Organization.RootCode);
        await app.AddUserAsync("xh-assessor", Role.Assessor, Dw);
        await app.AddUserAsync("xh-leader", Role.Leader, Dw);
        await app.AddUserAsync("xh-sec02", Role.Secretary, "XH02");
        await app.AddUserAsync("xh-sec06", Role.Secretary, "XH06");
        await app.AddUserAsync("xh-sec10", Role.Secretary, "XH10");

        var year = new Dictionary<int, Dictionary<string, QuarterPlan>>
        {
            [1] = new()
            {
                ["XH02"] = QuarterPlan.Full with { ThemeDayMonths = 2 },
                ["XH05"] = QuarterPlan.Full with { ThemeDayMonths = 2 },
                ["XH06"] = QuarterPlan.Full with { Lecture = false },
                ["XH07"] = QuarterPlan.Full with { GroupMonths = 2 },
                ["XH10"] = new(Assembly: true, CommitteeMonths: 1, GroupMonths: 0, Lecture: false, ThemeDayMonths: 0),
            },
            [2] = new()
            {
                ["XH06"] = QuarterPlan.Full with { Lecture = false },
                ["XH09"] = QuarterPlan.Full with { CommitteeMonths = 2, ThemeDayMonths = 1 },
                ["XH10"] = QuarterPlan.Full with { GroupMonths = 1 },
            },
            [3] = new(),
            [4] = new(),
        };
        foreach (var (quarter, plans) in year)
        {
            foreach (var branch in Branches)
            {
                await app.RecordAsync(branch, new AssessmentQuarter(2026, quarter), plans.GetValueOrDefault(branch, QuarterPlan.Full));
            }
        }
    }

    /// <summary>Opens a quarter; every branch has the evidence for the full 60 points outside 三会一课 (total = 三会一课 + 60).</summary>
    private static async Task<int> OpenAsync(AppFactory app, HttpClient admin, int quarter)
    {
        var id = (await Created(await admin.PostAsJsonAsync("/api/v1/periods", new { year = 2026, quarter }))).GetProperty("id").GetInt32();
        foreach (var branch in Branches)
        {
            await app.RecordEvidenceAsync(branch, new AssessmentQuarter(2026, quarter), id);
        }

        return id;
    }

    private static async Task MoveAsync(HttpClient admin, int period, string to) =>
        Assert.Equal(to, (await Ok(await admin.PostAsJsonAsync($"/api/v1/periods/{period}/transitions", new { to, confirmMissingManualScores = true }))).GetProperty("state").GetString());

    private static async Task<Dictionary<string, JsonElement>> ScoresAsync(HttpClient client, int period) =>
        (await Ok(await client.GetAsync($"/api/v1/periods/{period}/scores"))).EnumerateArray().ToDictionary(s => s.GetProperty("branchCode").GetString()!);

    private static JsonElement Indicator(JsonElement branch, string code) =>
        branch.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == code);

    private static async Task<string?> StateAsync(HttpClient client, long item) =>
        (await Ok(await client.GetAsync($"/api/v1/rectification/{item}"))).GetProperty("state").GetString();

    private static Task<int> RemindAsync(AppFactory app, string chinaTime)
    {
        var now = app.MoveClockTo(chinaTime);
        return app.WithScopeAsync(services => services.GetRequiredService<RectificationReminders>().RunAsync(now));
    }

    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<JsonElement> Created(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}

public sealed class SqliteWholeYearTests() : WholeYearTests(DatabaseProvider.Sqlite);

public sealed class PostgresWholeYearTests() : WholeYearTests(DatabaseProvider.PostgreSql);
