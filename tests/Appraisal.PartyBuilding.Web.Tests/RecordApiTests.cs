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
/// <c>/api/v1/records</c> on both databases: entry by a secretary, the checks of a new record, closed quarters, review
/// (return → correct and resubmit → approve) with its history, nobody reviewing their own entry, scope, attachments
/// checked by content and served only within scope, and copied minutes flagged with the other record linked.
/// </summary>
public abstract class RecordApiTests(AppFactory app)
{
    private const string Minutes =
        "会议由支部书记主持，应到党员五人，实到四人。会议传达学习了上级关于迎峰度冬保供电工作的部署，" +
        "逐条研究了本支部承担的三项重点任务，明确由党员突击队负责十号主变检修，由支部委员分片包干走访重要客户，" +
        "会议决定本月底前完成全部隐患排查并将整改台账报公司党委。";

    /// <summary>Minutes used by the copy test only (the fixture's database is shared by the class's tests).</summary>
    private const string CopiedMinutes =
        "支部委员会专题研究了冬季安全生产工作，应到委员五人，实到四人。会议首先通报了上月发生的两起未遂事件，" +
        "分析了作业现场监护不到位、安全交底流于形式等问题，决定由组织委员牵头开展为期两周的反违章专项检查，" +
        "由宣传委员编写典型案例在班前会上逐一讲解，检查结果于下次支委会上通报并纳入党员积分管理。";

    private async Task SeedAsync()
    {
        if (await app.WithScopeAsync(s => s.GetRequiredService<AppraisalDbContext>().Users.AnyAsync(u => u.Login == "ra-secretary")))
        {
            return;
        }

        await app.AddOrganizationAsync("RA-DW", "记录测试党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync("RA-ZB1", "记录第一党支部", "RA-DW", OrganizationKind.Branch, "one-plus-n/operations", 18, 5, "一组", "二组");
        await app.AddOrganizationAsync("RA-ZB2", "记录第二党支部", "RA-DW", OrganizationKind.Branch, "community/rural", 6, 0);
        await app.AddOrganizationAsync("RA-DWX", "记录测试另一党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync("RA-ZBX", "另一党委第一党支部", "RA-DWX", OrganizationKind.Branch, "one-plus-n/operations", 9, 3);
        await app.AddUserAsync("ra-secretary", Role.Secretary, "RA-ZB1");
        await app.AddUserAsync("ra-secretary-x", Role.Secretary, "RA-ZBX");
        await app.AddUserAsync("ra-assessor", Role.Assessor, "RA-DW");
        await app.AddUserAsync("ra-admin", Role.OrgAdmin, "RA-DW");
        await app.AddUserAsync("ra-root", Role.OrgAdmin, Organization.RootCode);
        await app.AddUserAsync("ra-leader", Role.Leader, "RA-DW");
        await app.AddUserAsync("ra-outsider", Role.Assessor, "RA-DWX");
    }

    private async Task<HttpClient> ClientAsync(string login)
    {
        await SeedAsync();
        return await app.BearerClientAsync(login);
    }

    private static object Meeting(string date, string type = "committee", int expected = 5, int present = 4, string? group = null, string? minutes = null, string? branchCode = null) =>
        new { branchCode, type, date, expected, present, topic = "研究部署迎峰度冬保供电工作", group, minutes };

    private static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    private static long Id(JsonElement record) => record.GetProperty("id").GetInt64();

    private static List<string> History(JsonElement record) =>
        record.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString()!).ToList();

    [Fact]
    public async Task A_secretary_enters_a_meeting_for_their_branch_without_naming_it()
    {
        var client = await ClientAsync("ra-secretary");
        var audits = await app.CountAuditAsync("records.create");

        var response = await client.PostAsJsonAsync("/api/v1/records", Meeting("2026-11-03", minutes: Minutes));

        var record = await CreatedAsync(response);
        Assert.Equal($"/api/v1/records/{Id(record)}", response.Headers.Location!.OriginalString);
        Assert.Equal("RA-ZB1", record.GetProperty("branchCode").GetString());
        Assert.Equal("committee", record.GetProperty("type").GetString());
        Assert.Equal("submitted", record.GetProperty("status").GetString());
        Assert.True(record.GetProperty("counts").GetBoolean());
        Assert.Equal("ra-secretary", record.GetProperty("submittedBy").GetString());
        Assert.Equal(["Created"], History(record));
        Assert.Equal(audits + 1, await app.CountAuditAsync("records.create"));
    }

    [Theory]
    [InlineData("2026-11-22", "committee", 5, 4, null, null, "date", "晚于今天")]
    [InlineData("2026-11-03", "committee", 5, 6, null, null, "present", "不能大于")]
    [InlineData("2026-11-03", "group", 9, 9, null, null, "group", "党小组会须填写")]
    [InlineData("2026-11-03", "group", 9, 9, "三组", null, "group", "不是本支部的党小组")]
    [InlineData("2026-11-03", "开会", 9, 9, null, null, "type", "会议类型应为")]
    [InlineData("2026-11-03", "committee", 5, 4, null, "RA-ZBX", "branchCode", "不存在或不在您的管理范围内")]
    [InlineData("11月3日", "committee", 5, 4, null, null, "date", "应为日期")]
    public async Task A_bad_entry_is_400_with_the_field_and_a_Chinese_message_and_nothing_saved(string date, string type, int expected, int present, string? group, string? branch, string field, string message)
    {
        var client = await ClientAsync("ra-secretary");
        var before = await app.CountRecordsAsync();

        var response = await client.PostAsJsonAsync("/api/v1/records", Meeting(date, type, expected, present, group, branchCode: branch));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(TestSupport.ProblemJson, response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.Contains(message, errors.GetProperty(field)[0].GetString());
        Assert.Equal(before, await app.CountRecordsAsync());
    }

    [Fact]
    public async Task Every_bad_field_of_an_entry_is_reported_in_one_answer()
    {
        var client = await ClientAsync("ra-secretary");
        var before = await app.CountRecordsAsync();

        // Issue 12: 实到 missing used to hide the empty topic, the future date and the group given to a 支委会.
        var response = await client.PostAsJsonAsync("/api/v1/records", new { type = "committee", date = "2026-12-01", expected = 5, topic = " ", group = "一组" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.Equal(["date", "group", "present", "topic"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal("请填写实到人数（整数）", errors.GetProperty("present")[0].GetString());
        Assert.Equal("“主题”不能为空", errors.GetProperty("topic")[0].GetString());
        Assert.Contains("晚于今天", errors.GetProperty("date")[0].GetString());
        Assert.Contains("只有党小组会填写“党小组”", errors.GetProperty("group")[0].GetString());
        Assert.Equal(before, await app.CountRecordsAsync());
    }

    [Fact]
    public async Task The_same_meeting_cannot_be_entered_twice()
    {
        var client = await ClientAsync("ra-secretary");
        await CreatedAsync(await client.PostAsJsonAsync("/api/v1/records", Meeting("2026-10-14", "group", 9, 9, "二组")));
        var before = await app.CountRecordsAsync();

        var again = await client.PostAsJsonAsync("/api/v1/records", Meeting("2026-10-14", "group", 9, 8, "二组"));
        var otherGroup = await client.PostAsJsonAsync("/api/v1/records", Meeting("2026-10-14", "group", 9, 8, "一组"));

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("已录入", (await again.JsonAsync()).GetProperty("errors").GetProperty("date")[0].GetString());
        Assert.Equal(HttpStatusCode.Created, otherGroup.StatusCode);
        Assert.Equal(before + 1, await app.CountRecordsAsync());
    }

    [Fact]
    public async Task A_quarter_past_its_open_state_refuses_new_records_with_409()
    {
        var client = await ClientAsync("ra-secretary");
        await app.WithDbAsync(async db =>
        {
            if (!await db.Periods.AnyAsync(p => p.Year == 2026 && p.Quarter == 1))
            {
                db.Periods.Add(new Period { Year = 2026, Quarter = 1, State = PeriodState.Published, OpenedBy = "test", OpenedAt = DateTimeOffset.UnixEpoch });
                await db.SaveChangesAsync();
            }
        });
        var before = await app.CountRecordsAsync();

        var response = await client.PostAsJsonAsync("/api/v1/records", Meeting("2026-03-10"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("2026年第1季度的考核期处于“公示中”阶段，不再接收或修改该季度的会议记录", (await response.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(before, await app.CountRecordsAsync());
    }

    [Fact]
    public async Task A_returned_record_stops_counting_until_it_is_corrected_resubmitted_and_approved()
    {
        var secretary = await ClientAsync("ra-secretary");
        var assessor = await ClientAsync("ra-assessor");
        var record = await CreatedAsync(await secretary.PostAsJsonAsync("/api/v1/records", Meeting("2026-10-06", present: 2)));
        var id = Id(record);

        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.PostAsJsonAsync($"/api/v1/records/{id}/review", new { decision = "approve" })).StatusCode);
        var noOpinion = await assessor.PostAsJsonAsync($"/api/v1/records/{id}/review", new { decision = "return", opinion = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noOpinion.StatusCode);
        Assert.Contains("须填写退回意见", (await noOpinion.JsonAsync()).GetProperty("errors").GetProperty("opinion")[0].GetString());

        var returned = await assessor.PostAsJsonAsync($"/api/v1/records/{id}/review", new { decision = "return", opinion = "实到人数与签到表不符，请核对后更正。" });
        Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
        var afterReturn = await returned.JsonAsync();
        Assert.Equal("returned", afterReturn.GetProperty("status").GetString());
        Assert.False(afterReturn.GetProperty("counts").GetBoolean());
        Assert.Equal("已退回", afterReturn.GetProperty("notCountedReason").GetString());
        var october = await CommitteeCellAsync(secretary, 10);
        Assert.Equal("invalid", october.GetProperty("state").GetString());
        Assert.Contains("10月6日支委会已退回", october.GetProperty("reasons")[0].GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await assessor.PostAsJsonAsync($"/api/v1/records/{id}/review", new { decision = "approve" })).StatusCode);

        var corrected = await secretary.PutAsJsonAsync($"/api/v1/records/{id}", Meeting("2026-10-06", present: 4));
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var resubmitted = await corrected.JsonAsync();
        Assert.Equal("submitted", resubmitted.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, resubmitted.GetProperty("reviewOpinion").ValueKind);
        // Issue 12: waiting for review, it counts (SPEC: submitted and approved records count) but is shown as 待审核.
        var waiting = await CommitteeCellAsync(secretary, 10);
        Assert.Equal(("covered", true), (waiting.GetProperty("state").GetString(), waiting.GetProperty("pending").GetBoolean()));

        var approved = await assessor.PostAsJsonAsync($"/api/v1/records/{id}/review", new { decision = "approve", opinion = "已核对签到表" });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var final = await (await secretary.GetAsync($"/api/v1/records/{id}")).JsonAsync();
        Assert.Equal("approved", final.GetProperty("status").GetString());
        Assert.False((await CommitteeCellAsync(secretary, 10)).GetProperty("pending").GetBoolean());
        Assert.Equal(["Created", "Returned", "Resubmitted", "Approved"], History(final));
        var steps = final.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal("实到人数与签到表不符，请核对后更正。", steps[1].GetProperty("opinion").GetString());
        Assert.Equal("ra-assessor", steps[1].GetProperty("actor").GetString());
        Assert.Equal("returned", steps[1].GetProperty("status").GetString());
        Assert.Equal("实到人数：2 → 4", steps[2].GetProperty("changes").GetString());
        Assert.Equal("ra-secretary", steps[2].GetProperty("actor").GetString());

        Assert.Equal(HttpStatusCode.Conflict, (await secretary.PutAsJsonAsync($"/api/v1/records/{id}", Meeting("2026-10-06", present: 5))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await assessor.PostAsJsonAsync($"/api/v1/records/{id}/review", new { decision = "return", opinion = "再看看" })).StatusCode);
        Assert.True(await app.CountAuditAsync("records.return") >= 1);
        Assert.True(await app.CountAuditAsync("records.resubmit") >= 1);
        Assert.True(await app.CountAuditAsync("records.approve") >= 1);
    }

    private static async Task<JsonElement> CommitteeCellAsync(HttpClient client, int month)
    {
        var response = await client.GetAsync("/api/v1/records/completeness?year=2026&quarter=4");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var branch = Assert.Single((await response.JsonAsync()).EnumerateArray());
        var committee = branch.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("indicatorCode").GetString() == "shyk.committee");
        return committee.GetProperty("cells").EnumerateArray().Single(c => c.GetProperty("month").GetInt32() == month);
    }

    [Fact]
    public async Task Nobody_reviews_a_record_they_entered_themselves()
    {
        var assessor = await ClientAsync("ra-assessor");
        var admin = await ClientAsync("ra-admin");
        var record = await CreatedAsync(await assessor.PostAsJsonAsync("/api/v1/records", Meeting("2026-10-08", "theme-day", 6, 6, branchCode: "RA-ZB2")));

        var own = await assessor.PostAsJsonAsync($"/api/v1/records/{Id(record)}/review", new { decision = "approve" });
        var other = await admin.PostAsJsonAsync($"/api/v1/records/{Id(record)}/review", new { decision = "approve" });

        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Contains("不能审核自己录入的记录", (await own.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task A_record_outside_the_scope_is_404_like_a_missing_one()
    {
        var secretary = await ClientAsync("ra-secretary");
        var outsider = await ClientAsync("ra-outsider");
        var record = await CreatedAsync(await secretary.PostAsJsonAsync("/api/v1/records", Meeting("2026-10-09", "lecture", 18, 16)));
        var id = Id(record);

        foreach (var response in new[]
                 {
                     await outsider.GetAsync($"/api/v1/records/{id}"),
                     await outsider.PostAsJsonAsync($"/api/v1/records/{id}/review", new { decision = "approve" }),
                     await outsider.GetAsync("/api/v1/records/987654321"),
                 })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("会议记录不存在或不在您的管理范围内", (await response.JsonAsync()).GetProperty("detail").GetString());
        }

        var list = await (await outsider.GetAsync("/api/v1/records")).JsonAsync();
        Assert.DoesNotContain(list.EnumerateArray(), r => r.GetProperty("id").GetInt64() == id);
        var own = await (await secretary.GetAsync("/api/v1/records?year=2026&quarter=4")).JsonAsync();
        Assert.All(own.EnumerateArray(), r => Assert.Equal("RA-ZB1", r.GetProperty("branchCode").GetString()));
        Assert.Contains(own.EnumerateArray(), r => r.GetProperty("id").GetInt64() == id);
    }

    [Fact]
    public async Task A_leader_reads_records_but_neither_enters_nor_reviews()
    {
        var secretary = await ClientAsync("ra-secretary");
        var leader = await ClientAsync("ra-leader");
        var record = await CreatedAsync(await secretary.PostAsJsonAsync("/api/v1/records", Meeting("2026-10-10", "theme-day", 18, 17)));

        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync($"/api/v1/records/{Id(record)}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync("/api/v1/records/completeness")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsJsonAsync("/api/v1/records", Meeting("2026-10-11", branchCode: "RA-ZB1"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsJsonAsync($"/api/v1/records/{Id(record)}/review", new { decision = "approve" })).StatusCode);
    }

    [Fact]
    public async Task Attachments_are_typed_by_content_stored_under_generated_names_and_served_only_in_scope()
    {
        var secretary = await ClientAsync("ra-secretary");
        var assessor = await ClientAsync("ra-assessor");
        var outsider = await ClientAsync("ra-outsider");
        var record = await CreatedAsync(await secretary.PostAsJsonAsync("/api/v1/records", Meeting("2026-10-15", "lecture", 18, 18)));
        var id = Id(record);

        var upload = await secretary.PostAsync($"/api/v1/records/{id}/attachments", RecordTestSupport.Files(
            (RecordTestSupport.Png, "签到表.pdf", "application/pdf"),
            (RecordTestSupport.Pdf(), "../../会议纪要.pdf", "application/octet-stream")));

        Assert.True(upload.StatusCode == HttpStatusCode.OK, await upload.Content.ReadAsStringAsync());
        var attachments = (await upload.JsonAsync()).GetProperty("attachments").EnumerateArray().ToList();
        Assert.Equal(["image/png", "application/pdf"], attachments.Select(a => a.GetProperty("contentType").GetString()));
        Assert.Equal(["签到表.pdf", "会议纪要.pdf"], attachments.Select(a => a.GetProperty("fileName").GetString()));

        var stored = Directory.GetFiles(app.AttachmentsPath, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();
        Assert.Contains(stored, f => System.Text.RegularExpressions.Regex.IsMatch(f!, "^[0-9a-f]{32}\\.png$"));
        Assert.DoesNotContain(stored, f => f!.Contains("签到表") || f.Contains("纪要"));

        var url = attachments[0].GetProperty("url").GetString()!;
        var image = await assessor.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal(RecordTestSupport.Png, await image.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", image.Headers.GetValues("X-Content-Type-Options").Single());
        var pdf = await assessor.GetAsync(attachments[1].GetProperty("url").GetString());
        Assert.Equal("attachment", pdf.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await secretary.GetAsync($"/api/v1/records/{id}/attachments/999999")).StatusCode);

        var history = History(await (await secretary.GetAsync($"/api/v1/records/{id}")).JsonAsync());
        Assert.Equal(["Created", "AttachmentAdded"], history);
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_or_pdf_by_content_is_refused_whatever_its_name()
    {
        var secretary = await ClientAsync("ra-secretary");
        var record = await CreatedAsync(await secretary.PostAsJsonAsync("/api/v1/records", Meeting("2026-10-16", "theme-day", 18, 18)));
        var files = Directory.Exists(app.AttachmentsPath) ? Directory.GetFiles(app.AttachmentsPath, "*", SearchOption.AllDirectories).Length : 0;

        var response = await secretary.PostAsync($"/api/v1/records/{Id(record)}/attachments", RecordTestSupport.Files(
            (RecordTestSupport.Png, "ok.png", "image/png"),
            ("<html><script>alert(1)</script></html>"u8.ToArray(), "photo.jpg", "image/jpeg")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.JsonAsync()).GetProperty("errors").GetProperty("files")[0].GetString();
        Assert.Equal("附件“photo.jpg”不是JPEG、PNG图片或PDF文件（按文件内容判断），不能上传", message);
        Assert.Equal(files, Directory.Exists(app.AttachmentsPath) ? Directory.GetFiles(app.AttachmentsPath, "*", SearchOption.AllDirectories).Length : 0);
        Assert.Empty((await (await secretary.GetAsync($"/api/v1/records/{Id(record)}")).JsonAsync()).GetProperty("attachments").EnumerateArray());
    }

    [Fact]
    public async Task Copied_minutes_are_flagged_with_the_other_record_linked_and_short_boilerplate_is_not()
    {
        var first = await ClientAsync("ra-secretary");
        var second = await ClientAsync("ra-secretary-x");
        var root = await ClientAsync("ra-root");
        var original = await CreatedAsync(await first.PostAsJsonAsync("/api/v1/records", Meeting("2026-11-04", minutes: CopiedMinutes)));
        var copied = CopiedMinutes.Replace("五人", "三人").Replace("四人", "三人").Replace("两周", "一个月");

        var copy = await CreatedAsync(await second.PostAsJsonAsync("/api/v1/records", Meeting("2026-11-05", expected: 3, present: 3, minutes: copied)));
        var boilerplate = "会议由支部书记主持，学习上级文件精神，与会党员逐一发言并形成会议决定。";
        var shortOne = await CreatedAsync(await first.PostAsJsonAsync("/api/v1/records", Meeting("2026-11-06", "theme-day", 18, 18, minutes: boilerplate)));
        var shortTwo = await CreatedAsync(await second.PostAsJsonAsync("/api/v1/records", Meeting("2026-11-06", "theme-day", 9, 9, minutes: boilerplate)));

        var flag = Assert.Single(copy.GetProperty("copies").EnumerateArray());
        Assert.Equal(Id(original), flag.GetProperty("recordId").GetInt64());
        Assert.Equal("copyOf", flag.GetProperty("direction").GetString());
        Assert.InRange(flag.GetProperty("similarity").GetDecimal(), 0.6m, 1m);
        Assert.False(flag.GetProperty("visible").GetBoolean());
        Assert.Empty(shortOne.GetProperty("copies").EnumerateArray());
        Assert.Empty(shortTwo.GetProperty("copies").EnumerateArray());

        var seenByRoot = await (await root.GetAsync($"/api/v1/records/{Id(copy)}")).JsonAsync();
        var linked = Assert.Single(seenByRoot.GetProperty("copies").EnumerateArray());
        Assert.True(linked.GetProperty("visible").GetBoolean());
        Assert.Equal("记录第一党支部", linked.GetProperty("branchName").GetString());
        var originalByRoot = await (await root.GetAsync($"/api/v1/records/{Id(original)}")).JsonAsync();
        var back = Assert.Single(originalByRoot.GetProperty("copies").EnumerateArray());
        Assert.Equal((Id(copy), "copiedBy"), (back.GetProperty("recordId").GetInt64(), back.GetProperty("direction").GetString()));

        // Rewriting the minutes clears the flag.
        var rewritten = await second.PutAsJsonAsync($"/api/v1/records/{Id(copy)}", Meeting("2026-11-05", expected: 3, present: 3,
            minutes: "本次支委会专题研究发展党员工作，逐一听取了三名入党积极分子培养联系人的汇报，对照标准讨论了各自的现实表现和群众评价，" +
                     "同意将其中两名列为发展对象并报上级党委预审，另一名继续培养考察，会议还安排了下季度党课的主讲人和内容。"));
        Assert.Equal(HttpStatusCode.OK, rewritten.StatusCode);
        Assert.Empty((await rewritten.JsonAsync()).GetProperty("copies").EnumerateArray());
    }
}

public sealed class SqliteRecordApiTests(SqliteApp app) : RecordApiTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresRecordApiTests(PostgresApp app) : RecordApiTests(app), IClassFixture<PostgresApp>;
