using System.Net.Http.Json;
using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Meetings;
using Appraisal.PartyBuilding.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// Issue 4 in a real headless Chromium: a secretary records a meeting with a photo on a 390 px phone screen; a review
/// goes return → correct and resubmit → approve with the copy flag in the queue; the completeness calendar and table;
/// the import page's error table. The test clock says 2026-11-21 (China time).
/// </summary>
public sealed class RecordBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static async Task AssertNoSidewaysScrollAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"{page.Url} is {width}px wide on a 390px screen: it should not scroll sideways");
    }

    [Fact]
    public async Task A_secretary_on_a_phone_records_a_meeting_with_a_photo()
    {
        await app.AddOrganizationAsync("ZB-REC", "手机录入党支部", Organization.RootCode, OrganizationKind.Branch, "one-plus-n/operations", 15, 3, "第一党小组", "第二党小组");
        await app.AddUserAsync("rec-secretary", Role.Secretary, "ZB-REC");
        var page = await app.NewPageAsync(phone: true);
        await app.SignInAsync(page, "rec-secretary");

        await BrowserApp.OpenMenuAsync(page);
        await BrowserApp.FollowAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "会议记录" }));
        await page.GetByTestId("records-nav").GetByRole(AriaRole.Link, new() { Name = "录入" }).ClickAsync();

        // The defaults: today, the committee size for a 支委会, the branch's groups once 党小组会 is chosen.
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("录入会议");
        await Assertions.Expect(page.GetByLabel("日期")).ToHaveValueAsync("2026-11-21");
        await Assertions.Expect(page.GetByLabel("会议类型")).ToHaveValueAsync("committee");
        await Assertions.Expect(page.GetByLabel("应到人数")).ToHaveValueAsync("3");
        await Assertions.Expect(page.GetByLabel("党小组")).ToBeHiddenAsync();
        await AssertNoSidewaysScrollAsync(page);

        await page.GetByLabel("会议类型").SelectOptionAsync("group");
        await Assertions.Expect(page.GetByLabel("应到人数")).ToHaveValueAsync("15");
        await page.GetByLabel("党小组").SelectOptionAsync("第二党小组");
        await page.GetByLabel("应到人数").FillAsync("8");
        await page.GetByLabel("实到人数").FillAsync("7");
        await page.GetByLabel("主题").FillAsync("学习《中国共产党支部工作条例（试行）》");
        await page.GetByLabel("会议记录").FillAsync("组长主持，逐条学习条例第三章，七名党员结合岗位谈了体会。");
        await page.GetByLabel("照片或PDF附件").SetInputFilesAsync(new FilePayload { Name = "签到表.png", MimeType = "image/png", Buffer = RecordTestSupport.Png });
        await BrowserApp.ScreenshotAsync(page, "record-entry-phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("saved")).ToHaveTextAsync("已提交，等待审核。");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("2026年11月21日 党小组会（第二党小组）");
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync("待审核");
        await Assertions.Expect(page.GetByTestId("counts")).ToHaveTextAsync("计入");
        var photo = page.GetByTestId("attachments").Locator("img[alt='签到表.png']");
        await Assertions.Expect(photo).ToBeVisibleAsync();
        // Visible is not loaded: on a busy machine the image was still loading (naturalWidth 0) when first checked.
        await photo.EvaluateAsync("img => img.complete ? null : new Promise(done => { img.onload = img.onerror = done; })");
        Assert.True(await photo.EvaluateAsync<int>("img => img.naturalWidth") > 0, "the photo is served back to the page");
        await Assertions.Expect(page.GetByTestId("history")).ToContainTextAsync("录入 · rec-secretary");
        await Assertions.Expect(page.GetByTestId("history")).ToContainTextAsync("上传附件");
        await AssertNoSidewaysScrollAsync(page);
        await BrowserApp.ScreenshotAsync(page, "record-detail-phone");

        var stored = await StoredAsync("ZB-REC");
        var record = Assert.Single(stored);
        Assert.Equal((MeetingType.Group, new DateOnly(2026, 11, 21), 8, 7, "第二党小组"), (record.Type, record.Date, record.Expected, record.Present, record.GroupName));
    }

    [Fact]
    public async Task The_entry_form_proposes_a_meeting_not_yet_recorded_warns_of_a_duplicate_and_shows_every_error_at_once()
    {
        await app.AddOrganizationAsync("ZB-FORM", "表单党支部", Organization.RootCode, OrganizationKind.Branch, "one-plus-n/operations", 12, 5, "第一党小组");
        await app.AddUserAsync("form-secretary", Role.Secretary, "ZB-FORM");
        await app.WithDbAsync(async db =>
        {
            var branch = await db.Organizations.SingleAsync(o => o.Code == "ZB-FORM");
            db.MeetingRecords.Add(Record(branch.Id, MeetingType.Committee, new DateOnly(2026, 11, 21), 5, 5));
            await db.SaveChangesAsync();
        });
        var page = await app.NewPageAsync(phone: true);
        await app.SignInAsync(page, "form-secretary");
        await page.GotoAsync("/records/new");

        // Today's 支委会 is stored: the form proposes this month's 主题党日 instead of colliding with it.
        await Assertions.Expect(page.GetByLabel("会议类型")).ToHaveValueAsync("theme-day");
        await Assertions.Expect(page.GetByLabel("日期")).ToHaveValueAsync("2026-11-21");
        await Assertions.Expect(page.GetByTestId("duplicate-warning")).ToBeHiddenAsync();
        await page.GetByLabel("会议类型").SelectOptionAsync("committee");
        await Assertions.Expect(page.GetByTestId("duplicate-warning")).ToHaveTextAsync("本支部2026-11-21的支部委员会已录入，同一次会议不能重复录入：请改会议类型或日期。");
        await page.GetByLabel("日期").FillAsync("2026-11-20");
        await Assertions.Expect(page.GetByTestId("duplicate-warning")).ToBeHiddenAsync();

        // Nothing but the type and date: every missing field is marked at once, next to the field.
        await page.GetByLabel("应到人数").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("form-errors")).ToHaveTextAsync("请修改标出的3处内容后重新提交。");
        await Assertions.Expect(page.Locator("#expected + .invalid-feedback")).ToHaveTextAsync("请填写应到人数（整数）");
        await Assertions.Expect(page.Locator("#present + .invalid-feedback")).ToHaveTextAsync("请填写实到人数（整数）");
        await Assertions.Expect(page.Locator("#topic + .invalid-feedback")).ToHaveTextAsync("“主题”不能为空");
        await AssertNoSidewaysScrollAsync(page);
        Assert.Single(await StoredAsync("ZB-FORM"));
    }

    [Fact]
    public async Task A_returned_record_is_corrected_on_the_phone_resubmitted_and_approved_with_the_copy_flag_shown()
    {
        await app.AddOrganizationAsync("DW-REV", "审核党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync("ZB-REV1", "审核第一党支部", "DW-REV", OrganizationKind.Branch, "community/urban", 10, 3);
        await app.AddOrganizationAsync("ZB-REV2", "审核第二党支部", "DW-REV", OrganizationKind.Branch, "community/urban", 9, 3);
        await app.AddUserAsync("rev-secretary", Role.Secretary, "ZB-REV1");
        await app.AddUserAsync("rev-secretary2", Role.Secretary, "ZB-REV2");
        await app.AddUserAsync("rev-assessor", Role.Assessor, "DW-REV");
        const string minutes = "支部书记主持会议，通报了社区网格员走访情况，研究了老旧小区加装电梯的群众意见收集办法，" +
                               "决定由两名支委分别联系三个网格，每周收集一次居民诉求，月底前形成办理清单报街道党工委，并在下次会议上逐项销号。";
        var first = await (await (await ApiAsync("rev-secretary")).PostAsJsonAsync("/api/v1/records",
            new { type = "committee", date = "2026-11-02", expected = 3, present = 1, topic = "研究网格走访工作", minutes })).JsonAsync();
        var copy = await (await (await ApiAsync("rev-secretary2")).PostAsJsonAsync("/api/v1/records",
            new { type = "committee", date = "2026-11-03", expected = 3, present = 3, topic = "研究网格走访工作", minutes = minutes.Replace("两名支委", "三名支委") })).JsonAsync();
        var id = first.GetProperty("id").GetInt64();

        var assessor = await app.NewPageAsync();
        await app.SignInAsync(assessor, "rev-assessor");
        await assessor.GotoAsync("/records/review");
        var queued = assessor.GetByTestId("review-queue").Locator($"[data-record-id='{id}']");
        await Assertions.Expect(queued).ToContainTextAsync("审核第一党支部");
        var second = assessor.GetByTestId("review-queue").Locator($"[data-record-id='{copy.GetProperty("id").GetInt64()}']");
        await Assertions.Expect(second.GetByTestId("copy-flag")).ToContainTextAsync($"审核第一党支部 11月2日支部委员会（编号{id}）");
        await BrowserApp.ScreenshotAsync(assessor, "record-review-queue");
        await queued.GetByRole(AriaRole.Link).First.ClickAsync();
        await assessor.GetByLabel("审核意见（退回时必填）").FillAsync("实到1人，未达到支委人数的半数，请核对签到表。");
        await assessor.GetByRole(AriaRole.Button, new() { Name = "退回" }).ClickAsync();
        await Assertions.Expect(assessor.GetByTestId("status")).ToHaveTextAsync("已退回");

        var secretary = await app.NewPageAsync(phone: true);
        await app.SignInAsync(secretary, "rev-secretary");
        await secretary.GotoAsync("/records");
        var listed = secretary.GetByTestId("record-list").Locator($"[data-record-id='{id}']");
        await Assertions.Expect(listed.GetByTestId("record-status")).ToHaveTextAsync("已退回");
        await Assertions.Expect(listed).ToContainTextAsync("退回意见：实到1人");
        await AssertNoSidewaysScrollAsync(secretary);
        await listed.ClickAsync();
        await secretary.GetByTestId("edit").ClickAsync();
        await Assertions.Expect(secretary.Locator("h1")).ToHaveTextAsync("更正并重新提交");
        await secretary.GetByLabel("实到人数").FillAsync("3");
        await secretary.GetByRole(AriaRole.Button, new() { Name = "重新提交" }).ClickAsync();
        await Assertions.Expect(secretary.GetByTestId("status")).ToHaveTextAsync("待审核");
        await Assertions.Expect(secretary.GetByTestId("history")).ToContainTextAsync("实到人数：1 → 3");

        await assessor.GotoAsync($"/records/{id}");
        await assessor.GetByRole(AriaRole.Button, new() { Name = "通过" }).ClickAsync();
        await Assertions.Expect(assessor.GetByTestId("status")).ToHaveTextAsync("已通过");
        var steps = await assessor.GetByTestId("history").Locator("li").AllInnerTextsAsync();
        Assert.Equal(["录入", "退回", "更正后重新提交", "审核通过"], steps.Select(s => s.Split(" · ")[0].Trim()));
        await BrowserApp.ScreenshotAsync(assessor, "record-history");
    }

    [Fact]
    public async Task The_secretary_sees_a_calendar_and_the_parent_organization_a_table_of_the_quarter()
    {
        await app.AddOrganizationAsync("DW-CAL", "日历党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync("ZB-CAL", "日历党支部", "DW-CAL", OrganizationKind.Branch, "one-plus-n/marketing", 16, 5, "一组", "二组");
        await app.AddOrganizationAsync("ZB-CAL2", "日历第二党支部", "DW-CAL", OrganizationKind.Branch, "community/rural", 5, 0);
        await app.AddUserAsync("cal-secretary", Role.Secretary, "ZB-CAL");
        await app.AddUserAsync("cal-admin", Role.OrgAdmin, "DW-CAL");
        await app.WithDbAsync(async db =>
        {
            var branch = await db.Organizations.SingleAsync(o => o.Code == "ZB-CAL");
            db.MeetingRecords.AddRange(
                Record(branch.Id, MeetingType.Committee, new DateOnly(2026, 10, 8), 5, 5),
                Record(branch.Id, MeetingType.Committee, new DateOnly(2026, 11, 5), 5, 2),
                Record(branch.Id, MeetingType.Group, new DateOnly(2026, 10, 12), 8, 8, "一组"));
            await db.SaveChangesAsync();
        });

        var secretary = await app.NewPageAsync(phone: true);
        await app.SignInAsync(secretary, "cal-secretary");
        await secretary.GotoAsync("/records/completeness");
        var calendar = secretary.GetByTestId("calendar");
        var committee = calendar.Locator("tr[data-type='committee']");
        await Assertions.Expect(committee.Locator("td[data-month='10']")).ToHaveAttributeAsync("data-state", "covered");
        // Issue 12: the October 支委会 counts but nobody has reviewed it yet: 待审核, not 已开.
        await Assertions.Expect(committee.Locator("td[data-month='10']")).ToHaveAttributeAsync("data-pending", "true");
        await Assertions.Expect(committee.Locator("td[data-month='10'] strong")).ToHaveTextAsync("待审核");
        await Assertions.Expect(committee.Locator("td[data-month='11']")).ToHaveAttributeAsync("data-state", "invalid");
        await Assertions.Expect(committee.Locator("td[data-month='11']")).ToContainTextAsync("11月5日支委会实到2人，未超过支委人数5人的半数");
        await Assertions.Expect(committee.Locator("td[data-month='12']")).ToHaveAttributeAsync("data-state", "missing");
        await Assertions.Expect(committee).ToContainTextAsync("4/12分");
        await Assertions.Expect(calendar.Locator("tr[data-type='group'][data-group='一组'] td[data-month='10']")).ToHaveAttributeAsync("data-state", "covered");
        await Assertions.Expect(calendar.Locator("tr[data-type='group'][data-group='二组'] td[data-month='10']")).ToHaveAttributeAsync("data-state", "missing");
        await Assertions.Expect(calendar.Locator("tr[data-type='life-meeting'] td")).ToHaveAttributeAsync("data-state", "missing");
        await AssertNoSidewaysScrollAsync(secretary);
        await BrowserApp.ScreenshotAsync(secretary, "record-calendar-phone");

        var admin = await app.NewPageAsync(phone: true);
        await app.SignInAsync(admin, "cal-admin");
        await admin.GotoAsync("/records/completeness");
        var row = admin.GetByTestId("completeness-table").Locator("tr[data-branch='ZB-CAL']");
        await Assertions.Expect(row.Locator("td[data-month='11']")).ToHaveTextAsync("缺3 不计1");
        await Assertions.Expect(row.Locator("td[data-month='10']")).ToHaveTextAsync("缺2");
        await Assertions.Expect(admin.GetByTestId("completeness-table").Locator("tr[data-branch='ZB-CAL2'] td[data-month='10']")).ToHaveTextAsync("缺1");
        await AssertNoSidewaysScrollAsync(admin);
        await BrowserApp.ScreenshotAsync(admin, "record-completeness-table-phone");
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(admin.Locator("h1")).ToHaveTextAsync("日历党支部");
    }

    [Fact]
    public async Task The_import_page_lists_every_bad_row_and_saves_nothing()
    {
        await app.AddOrganizationAsync("ZB-IMP", "导入页面党支部", Organization.RootCode, OrganizationKind.Branch, "one-plus-n/support", 12, 3, "一组");
        await app.AddUserAsync("imp-secretary", Role.Secretary, "ZB-IMP");
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "imp-secretary");
        await page.GotoAsync("/records/import");

        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "会议记录.xlsx",
            MimeType = TestSupport.XlsxContentType,
            Buffer = RecordTestSupport.RecordFile(
                ["ZB-IMP", "支部委员会", "2026-10-09", 3, 3, "研究工作", null],
                ["ZB-IMP", "党小组会", "2026-10-10", 6, 7, "学习", null],
                ["ZB-OTHER", "黨課", "2026-10-11", 12, 10, "党课", null]),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "导入", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("import-result")).ToContainTextAsync("导入失败，未保存任何数据");
        var rows = await page.GetByTestId("import-errors").Locator("tbody tr").AllInnerTextsAsync();
        Assert.Equal(["3\tE", "3\tG", "4\tA"], rows.Select(r => string.Join("\t", r.Split('\t').Take(2))));
        Assert.Empty(await StoredAsync("ZB-IMP"));
        await BrowserApp.ScreenshotAsync(page, "record-import-errors");
    }

    /// <summary>An API client of the Kestrel server the browser uses.</summary>
    private async Task<HttpClient> ApiAsync(string login)
    {
        var client = await app.BearerClientAsync(login);
        client.BaseAddress = app.ServerAddress;
        return client;
    }

    private async Task<List<MeetingRecord>> StoredAsync(string branchCode)
    {
        var list = new List<MeetingRecord>();
        await app.WithDbAsync(async db => list = await db.MeetingRecords.AsNoTracking().Where(r => r.Branch!.Code == branchCode).ToListAsync());
        return list;
    }

    private static MeetingRecord Record(int branchId, MeetingType type, DateOnly date, int expected, int present, string? group = null) => new()
    {
        BranchId = branchId,
        Type = type,
        Date = date,
        Expected = expected,
        Present = present,
        GroupName = group,
        Topic = "学习《中国共产党支部工作条例（试行）》",
        CreatedAt = DateTimeOffset.UnixEpoch,
    };
}
