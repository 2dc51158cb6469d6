using System.Text.RegularExpressions;
using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Meetings;
using Appraisal.PartyBuilding.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OfficeOpenXml;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>Sign-in, organization import and the home pages in a real headless Chromium, on a desktop and a phone screen.</summary>
public sealed class BrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly string[] Header = ["组织编码", "组织名称", "上级组织编码", "组织类型", "支部类别", "党员人数", "支委人数", "党小组"];

    [Fact]
    public async Task An_org_admin_signs_in_and_imports_the_organization_tree()
    {
        await app.AddUserAsync("browser-admin", Role.OrgAdmin, Organization.RootCode);
        var page = await app.NewPageAsync();

        await page.GotoAsync("/organizations/import");
        Assert.Contains("/account/signin", page.Url);
        await app.SignInAsync(page, "browser-admin");
        await page.GotoAsync("/organizations/import");
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "组织.xlsx",
            MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = Xlsx(
                ["ZB-B1", "浏览器测试第一党支部", "DW-B", "党支部", "生产运行型", "12", "3", "第一党小组；第二党小组"],
                ["DW-B", "浏览器测试党委", "ROOT", "党委", "", "", "", ""],
                ["ZB-B2", "浏览器测试第二党支部", "DW-B", "黨支部", "one-plus-n/marketing", "5", "0", ""]),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "导入", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("import-result")).ToContainTextAsync("导入成功：共 3 行，新增 3 个");
        await page.GetByRole(AriaRole.Link, new() { Name = "查看组织架构" }).ClickAsync();
        var tree = page.GetByTestId("org-tree");
        await Assertions.Expect(tree).ToContainTextAsync("浏览器测试党委");
        // One level at a time (issue 11): the branches are under the 党委's link.
        await tree.Locator("li[data-code='DW-B']").GetByTestId("open-node").ClickAsync();
        await Assertions.Expect(page.GetByTestId("org-breadcrumb")).ToContainTextAsync("浏览器测试党委");
        await Assertions.Expect(tree.Locator("li[data-code='ZB-B1']")).ToContainTextAsync("党小组：第一党小组、第二党小组");
        await Assertions.Expect(tree.Locator("li[data-code='ZB-B2']")).ToContainTextAsync("未设支委会");
        await BrowserApp.ScreenshotAsync(page, "organizations-tree");
    }

    [Fact]
    public async Task A_bad_file_lists_every_error_by_row_and_column_and_saves_nothing()
    {
        await app.AddUserAsync("browser-admin2", Role.OrgAdmin, Organization.RootCode);
        var before = await CountOrganizationsAsync();
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "browser-admin2");

        await page.GotoAsync("/organizations/import");
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "坏文件.xlsx",
            MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = Xlsx(
                ["ZB-X1", "错误支部一", "NO-SUCH", "党支部", "生产运行型", "12", "3", ""],
                ["ZB-X2", "错误支部二", "ROOT", "党支部", "不存在的类别", "-4", "", ""]),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "导入", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("import-result")).ToContainTextAsync("导入失败，未保存任何数据");
        var rows = page.GetByTestId("import-errors").Locator("tbody tr");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        var texts = await rows.AllInnerTextsAsync();
        Assert.Contains(texts, t => t.StartsWith("2\tC", StringComparison.Ordinal) && t.Contains("“NO-SUCH”不存在"));
        Assert.Contains(texts, t => t.StartsWith("3\tF", StringComparison.Ordinal) && t.Contains("负数"));
        Assert.Equal(before, await CountOrganizationsAsync());
        await BrowserApp.ScreenshotAsync(page, "organizations-import-errors");
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message_in_Chinese()
    {
        await app.AddUserAsync("browser-leader", Role.Leader, Organization.RootCode);
        var page = await app.NewPageAsync();

        await app.SignInAsync(page, "browser-leader", "not-the-password");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("账号或密码错误");
        Assert.Contains("/account/signin", page.Url);
    }

    [Fact]
    public async Task A_secretary_on_a_phone_sees_what_the_branch_recorded_and_what_is_missing()
    {
        await app.AddOrganizationAsync("ZB-PHONE", "手机测试党支部", Organization.RootCode, OrganizationKind.Branch, "one-plus-n/operations", 15, 3, "第一党小组");
        await app.AddUserAsync("phone-secretary", Role.Secretary, "ZB-PHONE");
        await app.WithDbAsync(async db =>
        {
            var branch = await db.Organizations.SingleAsync(o => o.Code == "ZB-PHONE");
            db.MeetingRecords.AddRange(
                Record(branch.Id, MeetingType.Committee, new DateOnly(2026, 10, 9), 3, 3),
                Record(branch.Id, MeetingType.Committee, new DateOnly(2026, 11, 6), 3, 1),
                Record(branch.Id, MeetingType.Assembly, new DateOnly(2026, 10, 20), 15, 12));
            await db.SaveChangesAsync();
        });
        var page = await app.NewPageAsync(phone: true);

        await app.SignInAsync(page, "phone-secretary");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("手机测试党支部");
        await Assertions.Expect(page.GetByTestId("quarter")).ToHaveTextAsync("2026年第4季度");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("支委会：10月已开，11月、12月缺");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("11月6日支委会不计");
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the page is {width}px wide on a 390px screen: it should not scroll sideways");
        await BrowserApp.OpenMenuAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "组织架构" })).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "secretary-home-phone");
    }

    [Fact]
    public async Task A_leader_sees_every_branch_of_the_scope_by_category_with_a_chart()
    {
        await app.AddOrganizationAsync("DW-L", "领导视图党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync("ZB-L1", "领导视图第一党支部", "DW-L", OrganizationKind.Branch, "one-plus-n/management", 9, 3);
        await app.AddOrganizationAsync("ZB-L2", "领导视图第二党支部", "DW-L", OrganizationKind.Branch, "community/urban", 6, 0);
        await app.AddUserAsync("browser-party-leader", Role.Leader, "DW-L");
        var page = await app.NewPageAsync();

        await app.SignInAsync(page, "browser-party-leader");

        await Assertions.Expect(page.GetByTestId("branch-count")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("领导视图第一党支部");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("城市社区党支部");
        await Assertions.Expect(page.Locator("#category-chart canvas")).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "leader-overview");
    }

    private static MeetingRecord Record(int branchId, MeetingType type, DateOnly date, int expected, int present) => new()
    {
        BranchId = branchId,
        Type = type,
        Date = date,
        Expected = expected,
        Present = present,
        Topic = "学习《中国共产党支部工作条例（试行）》",
        CreatedAt = DateTimeOffset.UnixEpoch,
    };

    private async Task<int> CountOrganizationsAsync()
    {
        var count = 0;
        await app.WithDbAsync(async db => count = await db.Organizations.CountAsync());
        return count;
    }

    private static byte[] Xlsx(params string[][] rows)
    {
        using var package = new ExcelPackage();
        var sheet = package.Workbook.Worksheets.Add("组织");
        for (var c = 0; c < Header.Length; c++)
        {
            sheet.Cells[1, c + 1].Value = Header[c];
        }

        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                sheet.Cells[r + 2, c + 1].Value = rows[r][c].Length == 0 ? null : rows[r][c];
            }
        }

        return package.GetAsByteArray();
    }
}
