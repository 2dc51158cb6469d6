using System.Diagnostics;
using System.Globalization;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// The browser app for the journeys: an empty database (only the root node <c>ROOT</c>, as a fresh install has) and an
/// empty packs folder, so that the 组织部 installs the pack through the page like on a new server.
/// </summary>
public abstract class JourneyApp(DatabaseProvider provider) : BrowserApp(provider)
{
    private readonly string packs = Directory.CreateTempSubdirectory("pb-journey-packs-").FullName;

    protected override string PacksPath => packs;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(packs, recursive: true);
        }
        catch (IOException)
        {
            // Only a leftover in the temp folder.
        }
    }
}

public sealed class SqliteJourneyApp() : JourneyApp(DatabaseProvider.Sqlite);

public sealed class PostgresJourneyApp() : JourneyApp(DatabaseProvider.PostgreSql);

/// <summary>
/// Issue 12 item 6: six journeys a new user walks, end to end in headless Chromium from an empty database, every step
/// through the pages. The only things done without a page are the accounts (<c>users add</c>'s service, because the app
/// has no page for accounts: the command line creates them) and the clock (the quarter passes). Each role works on the
/// viewport it would use — and the two databases swap desktop and phone, so every journey runs on both viewports.
/// Screenshots go to <c>artifacts/screenshots/journeys/</c>.
/// </summary>
public abstract class JourneyTests(JourneyApp app, ITestOutputHelper output)
{
    private const string Admin = "jy-admin";
    private const string Secretary = "jy-secretary";
    private const string WeakSecretary = "jy-secretary2";
    private const string Assessor = "jy-assessor";
    private const string Leader = "jy-leader";
    private const string Branch = "JY-ZB1";
    private const string WeakBranch = "JY-ZB2";
    private const string Quarter = "2026年第4季度";

    private static readonly float Slow = 60_000;

    /// <summary>Whether the office roles (组织部, 考核员) use a phone here; the branch roles use the other viewport. Raters always use a phone.</summary>
    protected abstract bool OfficeOnPhone { get; }

    private string Db => app.Provider == DatabaseProvider.Sqlite ? "sqlite" : "postgresql";

    private bool BranchOnPhone => !OfficeOnPhone;

    [Fact]
    public async Task Six_journeys_from_an_empty_database_through_the_pages()
    {
        await BootstrapAsync();
        await OrgAdminInstallsAPackAndOpensTheQuarterAsync();
        await app.AddUserAsync(Secretary, Role.Secretary, Branch);
        await app.AddUserAsync(WeakSecretary, Role.Secretary, WeakBranch);
        await app.AddUserAsync(Assessor, Role.Assessor, "JY-DW");
        await app.AddUserAsync(Leader, Role.Leader, "JY-DW");

        await SecretaryRecordsTheQuartersMeetingsAsync();
        await RaterAnswersASurveyFromItsLinkAsync();
        await OrgAdminScoresTheQuarterAsync();
        await SecretaryReadsTheScoreCardAsync();
        await AssessorScoresTheManualItemsAsync();
        await QuarterIsPublishedAndFinalizedAsync();
        await LeaderSignsOffARectificationListAsync();
    }

    /// <summary>
    /// A fresh install holds only the root node and no accounts; the first 组织部 account comes from the command line
    /// (<c>users add --role org-admin --org ROOT</c>), here through the same service.
    /// </summary>
    private async Task BootstrapAsync()
    {
        await app.WithDbAsync(async db =>
        {
            Assert.Equal([Organization.RootCode], await db.Organizations.Select(o => o.Code).ToListAsync());
            Assert.False(await db.Users.AnyAsync());
            Assert.False(await db.InstalledPacks.AnyAsync());
            Assert.False(await db.Periods.AnyAsync());
        });
        await app.AddUserAsync(Admin, Role.OrgAdmin, Organization.RootCode);
    }

    /// <summary>Journey 1: the 组织部 uploads the signed community pack, imports the organization tree and opens the quarter.</summary>
    private async Task OrgAdminInstallsAPackAndOpensTheQuarterAsync()
    {
        var page = await app.NewPageAsync(phone: OfficeOnPhone);
        await app.SignInAsync(page, Admin);
        await page.GotoAsync("/packs");
        await page.GetByRole(AriaRole.Link, new() { Name = "管理指标包与版本" }).ClickAsync();
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "community.zip",
            MimeType = PackZips.ZipContentType,
            Buffer = PackZips.Folder(Path.Combine(TestPaths.Packs, "Appraisal.PartyBuilding.Packs.Community")),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "上传安装" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("pack-message")).ToContainTextAsync("（community 1.0.0），已生效。");
        await ShotAsync(page, "1-packs", OfficeOnPhone);

        await page.GotoAsync("/organizations/import");
        await page.GetByLabel("导入文件").SetInputFilesAsync(new FilePayload
        {
            Name = "组织.xlsx",
            MimeType = TestSupport.XlsxContentType,
            Buffer = TestSupport.OrganizationFile(
                ["JY-ZB2", "和平村党支部", "JY-DW", "党支部", "community/rural", 6, 0, null],
                ["JY-ZB1", "幸福村党支部", "JY-DW", "党支部", "农村党支部", 12, 5, "第一党小组"],
                ["JY-DW", "幸福镇党委", Organization.RootCode, "党委", null, null, null, null]),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "导入", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-result")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("alert-success"));

        await page.GotoAsync("/periods");
        await page.GetByLabel("年度").FillAsync("2026");
        await page.GetByLabel("季度").SelectOptionAsync("4");
        await page.GetByRole(AriaRole.Button, new() { Name = "开启考核期" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("period-message")).ToHaveTextAsync($"已开启{Quarter}考核期。");
        await AssertFitsAsync(page, OfficeOnPhone);
        await ShotAsync(page, "1-period-opened", OfficeOnPhone);
    }

    /// <summary>
    /// Journey 2 (first half): at the end of the quarter the secretary records its meetings on the form. The first one
    /// is timed from the home page to the saved record and its taps are counted (issue 12's closing note).
    /// </summary>
    private async Task SecretaryRecordsTheQuartersMeetingsAsync()
    {
        app.MoveClockTo("2026-12-28 19:00");
        var page = await app.NewPageAsync(phone: BranchOnPhone);
        await app.SignInAsync(page, Secretary);
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "录入会议" })).ToBeVisibleAsync();

        // One meeting, as a secretary does it: the form proposes December's 支委会 today with the committee's 5 as 应到.
        var taps = 0;
        var clock = Stopwatch.StartNew();
        await page.GetByRole(AriaRole.Link, new() { Name = "录入会议" }).ClickAsync();
        taps++;
        await Assertions.Expect(page.GetByLabel("会议类型")).ToHaveValueAsync("committee");
        await Assertions.Expect(page.GetByLabel("日期")).ToHaveValueAsync("2026-12-28");
        await Assertions.Expect(page.GetByLabel("应到人数")).ToHaveValueAsync("5");
        await page.GetByLabel("实到人数").FillAsync("4");
        taps++;
        await page.GetByLabel("主题").FillAsync("研究部署冬季防火和年终走访困难群众");
        taps++;
        await page.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        taps++;
        await Assertions.Expect(page.GetByTestId("saved")).ToHaveTextAsync("已提交，等待审核。");
        clock.Stop();
        var line = $"{Db}: the secretary recorded one meeting in {taps} taps (1 to open the form from the home page, 2 fields typed, 1 submit) and {clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s from the home page to the saved record (headless Chromium, {(BranchOnPhone ? "phone" : "desktop")}; a person's typing time not included)";
        output.WriteLine(line);
        Directory.CreateDirectory(ShotFolder);
        await File.WriteAllTextAsync(Path.Combine(ShotFolder, $"{Db}-secretary-one-meeting.txt"), line + Environment.NewLine);
        await ShotAsync(page, "2-meeting-saved", BranchOnPhone);

        // The rest of the quarter, each through the same form.
        (string Type, string Date, int Present, string Topic, string? Group)[] meetings =
        [
            ("committee", "2026-10-09", 5, "研究第四季度党建重点工作", null),
            ("committee", "2026-11-06", 5, "研究发展党员和村集体经济项目", null),
            ("theme-day", "2026-10-12", 10, "重温入党誓词，清理河道垃圾", null),
            ("theme-day", "2026-11-12", 11, "学习党的二十届三中全会精神", null),
            ("theme-day", "2026-12-12", 10, "走访慰问困难党员和群众", null),
            ("group", "2026-10-15", 6, "交流秋收互助安排", "第一党小组"),
            ("group", "2026-11-15", 6, "学习村规民约修订草案", "第一党小组"),
            ("group", "2026-12-15", 5, "开展批评与自我批评", "第一党小组"),
            ("assembly", "2026-11-20", 10, "讨论村集体经济年度分红方案", null),
            ("lecture", "2026-12-20", 11, "书记讲党课：以党建引领乡村振兴", null),
        ];
        foreach (var meeting in meetings)
        {
            await page.GotoAsync("/records/new");
            await page.GetByLabel("会议类型").SelectOptionAsync(meeting.Type);
            await page.GetByLabel("日期").FillAsync(meeting.Date);
            if (meeting.Group is { } group)
            {
                await page.GetByLabel("党小组").SelectOptionAsync(group);
            }

            await page.GetByLabel("实到人数").FillAsync(meeting.Present.ToString(CultureInfo.InvariantCulture));
            await page.GetByLabel("主题").FillAsync(meeting.Topic);
            await page.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("saved")).ToHaveTextAsync("已提交，等待审核。");
        }

        // Every required meeting is there, waiting for review (issue 12: counted, but shown as 待审核, not 已开).
        await page.GotoAsync("/records/completeness?year=2026&quarter=4");
        var calendar = page.GetByTestId("calendar");
        await Assertions.Expect(calendar.Locator("tr[data-type='committee'] td[data-month='12']")).ToHaveAttributeAsync("data-state", "covered");
        await Assertions.Expect(calendar.Locator("tr[data-type='committee'] td[data-month='12'] strong")).ToHaveTextAsync("待审核");
        foreach (var type in new[] { "assembly", "committee", "group", "lecture", "theme-day" })
        {
            await Assertions.Expect(calendar.Locator($"tr[data-type='{type}'] td[data-state='missing']")).ToHaveCountAsync(0);
        }

        await AssertFitsAsync(page, BranchOnPhone);
        await ShotAsync(page, "2-completeness", BranchOnPhone);
    }

    /// <summary>Journey 4: the assessor issues survey invitations (link and QR code); a villager answers on a phone without an account.</summary>
    private async Task RaterAnswersASurveyFromItsLinkAsync()
    {
        app.MoveClockTo("2026-12-29 10:00");
        var assessor = await app.NewPageAsync(phone: OfficeOnPhone);
        await app.SignInAsync(assessor, Assessor);
        await assessor.GotoAsync("/surveys");
        await assessor.GetByLabel("支部或科室").SelectOptionAsync(Branch);
        await assessor.GetByRole(AriaRole.Button, new() { Name = "创建问卷" }).ClickAsync();
        await Assertions.Expect(assessor.GetByTestId("survey-state")).ToHaveTextAsync("进行中");
        await assessor.GetByLabel("评价组").SelectOptionAsync("service-recipient");
        await assessor.GetByLabel("份数").FillAsync("2");
        await assessor.GetByRole(AriaRole.Button, new() { Name = "发放并打印" }).ClickAsync();
        await Assertions.Expect(assessor.GetByTestId("invitation-link")).ToHaveCountAsync(2);
        await Assertions.Expect(assessor.Locator(".survey-qr svg")).ToHaveCountAsync(2);
        await ShotAsync(assessor, "4-invitations", OfficeOnPhone);

        // What the QR code encodes is the link printed beside it: the rater's phone opens /s/{token}.
        foreach (var (link, answer) in new[] { (0, "非常满意"), (1, "满意") })
        {
            var href = await assessor.GetByTestId("invitation-link").Nth(link).GetAttributeAsync("href");
            var path = new Uri(href!).AbsolutePath;
            Assert.StartsWith("/s/", path, StringComparison.Ordinal);
            var phone = await app.NewPageAsync(phone: true);
            await phone.GotoAsync(path);
            await Assertions.Expect(phone.GetByTestId("survey-title")).ToContainTextAsync("幸福村党支部");
            var questions = phone.Locator("fieldset");
            var count = await questions.CountAsync();
            Assert.True(count > 0, "the survey asks at least one question");
            for (var n = 0; n < count; n++)
            {
                await questions.Nth(n).GetByText(answer, new() { Exact = true }).ClickAsync();
            }

            await AssertFitsAsync(phone, phone: true);
            if (link == 0)
            {
                await ShotAsync(phone, "4-survey-answer", phone: true);
            }

            await phone.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
            await Assertions.Expect(phone.GetByTestId("answer-thanks")).ToContainTextAsync("提交成功");
            await phone.Context.CloseAsync();
        }

        await assessor.ReloadAsync();
        await assessor.GotoAsync("/surveys");
        await assessor.GetByTestId("surveys").GetByText("幸福村党支部").First.ClickAsync();
        await Assertions.Expect(assessor.GetByTestId("survey-groups")).ToContainTextAsync("服务对象");
    }

    /// <summary>After the quarter the 组织部 ends collection: the scoring job runs and the page comes back with its message.</summary>
    private async Task OrgAdminScoresTheQuarterAsync()
    {
        app.MoveClockTo("2027-01-05 09:00");
        var page = await app.NewPageAsync(phone: OfficeOnPhone);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await app.SignInAsync(page, Admin);
        await page.GotoAsync("/periods");
        var quarter = page.GetByTestId("periods").Locator(".list-group-item", new() { HasText = Quarter });
        await quarter.GetByRole(AriaRole.Button, new() { Name = "结束收集并计分" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("period-message")).ToContainTextAsync("评分中", new() { Timeout = Slow });
        await Assertions.Expect(quarter).ToContainTextAsync("已计分党支部 2 个");
    }

    /// <summary>Journey 2 (second half): the secretary opens the score card from the home page and reads the reasons.</summary>
    private async Task SecretaryReadsTheScoreCardAsync()
    {
        var page = await app.NewPageAsync(phone: BranchOnPhone);
        await app.SignInAsync(page, Secretary);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "考核得分" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("total")).ToBeVisibleAsync();
        // The quarter's 三会一课 are complete: 40 of 40, and the card says what is still missing elsewhere.
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("支部委员会");
        await Assertions.Expect(page.GetByTestId("lost").First).ToBeVisibleAsync();
        await AssertFitsAsync(page, BranchOnPhone);
        await ShotAsync(page, "2-score-card", BranchOnPhone);
    }

    /// <summary>Journey 3: the assessor scores the three manual indicators of one branch (the other is left for later).</summary>
    private async Task AssessorScoresTheManualItemsAsync()
    {
        app.MoveClockTo("2027-01-06 10:00");
        var page = await app.NewPageAsync(phone: OfficeOnPhone);
        await app.SignInAsync(page, Assessor);
        await page.GotoAsync("/evidence/manual-scores");
        await page.Locator($"[data-code='{Branch}']").ClickAsync();
        var total = page.GetByTestId("branch-total");
        var before = decimal.Parse(await total.InnerTextAsync(), CultureInfo.InvariantCulture);
        foreach (var (indicator, score, evidence) in new[]
                 {
                     ("revitalization.industry", 7m, "实地查看村集体草莓合作社，带动农户32户"),
                     ("revitalization.living-environment", 5m, "对照镇季度人居环境检查通报"),
                     ("governance.openness", 3m, "查看村务公开栏和线上公开记录"),
                 })
        {
            var row = page.Locator($"[data-indicator='{indicator}']");
            await row.GetByLabel("分数").FillAsync(score.ToString(CultureInfo.InvariantCulture));
            await row.GetByLabel("评分依据").FillAsync(evidence);
            await row.GetByLabel("评语").FillAsync("按标准评分");
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "保存评分" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("saved")).ToContainTextAsync("已保存 3 项评分");
        await Assertions.Expect(total).ToHaveTextAsync((before + 15m).ToString("0.##", CultureInfo.InvariantCulture));
        await AssertFitsAsync(page, OfficeOnPhone);
        await ShotAsync(page, "3-manual-scores", OfficeOnPhone);
    }

    /// <summary>
    /// Journey 5: the 组织部 publishes and finalizes on the periods page. The other branch's manual indicators are still
    /// unscored: the page says how many and each step needs its tick (issue 12), then the appeal window is ended early.
    /// </summary>
    private async Task QuarterIsPublishedAndFinalizedAsync()
    {
        app.MoveClockTo("2027-01-07 09:00");
        var page = await app.NewPageAsync(phone: OfficeOnPhone);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await app.SignInAsync(page, Admin);
        await page.GotoAsync("/periods");
        var quarter = page.GetByTestId("periods").Locator(".list-group-item", new() { HasText = Quarter });
        await Assertions.Expect(quarter.GetByTestId("manual-gaps")).ToContainTextAsync("还有 1 个党支部的 3 项人工评分指标未评分（应评 6 项）");
        await quarter.GetByLabel("人工评分未完成，仍要公示").CheckAsync();
        await quarter.GetByRole(AriaRole.Button, new() { Name = "公示结果" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("period-message")).ToContainTextAsync("公示中");
        await ShotAsync(page, "5-published", OfficeOnPhone);

        var early = quarter.GetByTestId("close-appeals-early");
        await early.GetByLabel("确认提前结束公示期，不再受理申诉").CheckAsync();
        await early.GetByLabel("人工评分未完成，仍要提前定稿").CheckAsync();
        await early.GetByRole(AriaRole.Button, new() { Name = "提前结束公示并定稿" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("period-message")).ToContainTextAsync("定稿");
        await Assertions.Expect(quarter).ToContainTextAsync("已定稿");
        await AssertFitsAsync(page, OfficeOnPhone);
        await ShotAsync(page, "5-final", OfficeOnPhone);
    }

    /// <summary>
    /// Journey 6: the weak branch (nothing recorded) got a rectification list; its secretary reports each item done and
    /// asks for sign-off, and the 党委 leader signs the list off item by item.
    /// </summary>
    private async Task LeaderSignsOffARectificationListAsync()
    {
        app.MoveClockTo("2027-01-20 15:00");
        var secretary = await app.NewPageAsync(phone: BranchOnPhone);
        await app.SignInAsync(secretary, WeakSecretary);
        await secretary.GotoAsync("/rectification");
        var rows = secretary.GetByTestId("items").Locator("li[data-item]");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        var items = new List<string>();
        foreach (var row in await rows.AllAsync())
        {
            items.Add((await row.GetAttributeAsync("data-item"))!);
        }

        // Nothing was recorded, so 三会一课 items are listed; the manual indicators nobody scored are not (issue 12).
        Assert.InRange(items.Count, 2, 20);
        await Assertions.Expect(secretary.GetByTestId("items")).ToContainTextAsync("党课");
        await Assertions.Expect(secretary.GetByTestId("items")).Not.ToContainTextAsync("人居环境整治");
        await ShotAsync(secretary, "6-rectification-list", BranchOnPhone);
        foreach (var item in items)
        {
            await secretary.GotoAsync($"/rectification/{item}");
            await secretary.GetByLabel("整改进展").FillAsync("已制定整改计划并落实，1月召开支委会和党员大会补学补议");
            await secretary.GetByLabel("整改已完成，申请销号").CheckAsync();
            await secretary.GetByRole(AriaRole.Button, new() { Name = "提交进展" }).ClickAsync();
            await Assertions.Expect(secretary.GetByTestId("item-state")).ToHaveTextAsync("待审核");
        }

        var leader = await app.NewPageAsync(phone: !BranchOnPhone);
        await app.SignInAsync(leader, Leader);
        await leader.GotoAsync("/rectification");
        await Assertions.Expect(leader.GetByTestId("review-count")).ToHaveTextAsync(items.Count.ToString(CultureInfo.InvariantCulture));
        await ShotAsync(leader, "6-leader-list", !BranchOnPhone);
        foreach (var item in items)
        {
            await leader.GetByTestId("items").Locator($"li[data-item='{item}']").GetByRole(AriaRole.Link).ClickAsync();
            await Assertions.Expect(leader.GetByTestId("item-state")).ToHaveTextAsync("待审核");
            await leader.GetByLabel("审核意见（退回时必填）").FillAsync("材料齐全，同意销号，下季度复查");
            await leader.GetByRole(AriaRole.Button, new() { Name = "审核通过（销号）" }).ClickAsync();
            await Assertions.Expect(leader.GetByTestId("item-state")).ToHaveTextAsync("已销号待复查");
            await leader.GotoAsync("/rectification");
        }

        await Assertions.Expect(leader.GetByTestId("review-count")).ToHaveTextAsync("0");
        await AssertFitsAsync(leader, !BranchOnPhone);
        await ShotAsync(leader, "6-signed-off", !BranchOnPhone);
    }

    private static string ShotFolder => Path.Combine(TestPaths.Screenshots, "journeys");

    private async Task ShotAsync(IPage page, string name, bool phone)
    {
        Directory.CreateDirectory(ShotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(ShotFolder, $"{Db}-{name}-{(phone ? "phone" : "desktop")}.png"),
            FullPage = true,
            Scale = ScreenshotScale.Css, // one image pixel per CSS pixel: small enough to keep a few in the repository
        });
    }

    private static async Task AssertFitsAsync(IPage page, bool phone)
    {
        if (!phone)
        {
            return;
        }

        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"{page.Url} is {width}px wide on a 390px screen: it should not scroll sideways");
    }
}

public sealed class SqliteJourneyTests(SqliteJourneyApp app, ITestOutputHelper output) : JourneyTests(app, output), IClassFixture<SqliteJourneyApp>
{
    protected override bool OfficeOnPhone => false;
}

public sealed class PostgresJourneyTests(PostgresJourneyApp app, ITestOutputHelper output) : JourneyTests(app, output), IClassFixture<PostgresJourneyApp>
{
    protected override bool OfficeOnPhone => true;
}
