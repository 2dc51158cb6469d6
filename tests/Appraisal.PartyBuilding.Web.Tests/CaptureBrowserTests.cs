using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Organizations;
using Microsoft.Playwright;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>The 自动采集 pages in headless Chromium: the root's 组织部 configures the declared 12345 source, pulls now, and sees a failure.</summary>
public sealed class CaptureBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_organization_department_configures_a_source_pulls_it_and_sees_its_failure()
    {
        await app.AddOrganizationAsync("SQ-CAP", "采集社区党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync("ZB-CAP", "采集社区党支部", "SQ-CAP", OrganizationKind.Branch, "community/urban", 20, 3);
        await app.AddUserAsync("browser-capture", Role.OrgAdmin, Organization.RootCode);
        await using var source = await FakeKpiSource.StartAsync();
        (source.Body, source.ContentType) = ("branchCode,responseHours\nZB-CAP,7.5\n", "text/csv");
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "browser-capture");

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "自动采集" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("unconfigured")).ToContainTextAsync("12345政务服务便民热线");
        await page.GetByTestId("configure-hotline-response-hours").ClickAsync();
        await page.GetByLabel("数据源地址").FillAsync(source.Url);
        await page.GetByLabel("格式").SelectOptionAsync("csv");
        await page.GetByLabel("采集计划").FillAsync("0 6 * * *");
        await page.GetByLabel("令牌请求头").FillAsync("X-Api-Key");
        await page.GetByLabel("令牌（").FillAsync("browser-secret-1");
        await page.GetByTestId("save").ClickAsync();

        await Assertions.Expect(page.GetByTestId("notice")).ToContainTextAsync("数据源配置已保存");
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync("尚未拉取");
        Assert.DoesNotContain("browser-secret-1", await page.ContentAsync());
        Assert.Equal("responseHours", await page.GetByLabel("指标值字段").InputValueAsync());

        await page.GetByTestId("pull-now").ClickAsync();

        await Assertions.Expect(page.GetByTestId("notice")).ToContainTextAsync("拉取成功：读取1行，新增1条");
        await Assertions.Expect(page.GetByTestId("last-success")).ToContainTextAsync("读取1行");
        Assert.Equal("browser-secret-1", source.LastKey);
        await BrowserApp.ScreenshotAsync(page, "capture-source");

        source.Body = "branchCode,responseHours\nZB-CAP,很快\n";
        await page.GetByTestId("pull-now").ClickAsync();

        await Assertions.Expect(page.GetByTestId("error")).ToContainTextAsync("第2行的字段“responseHours”的值“很快”不是数字");
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync("失败");
        await page.GotoAsync("/capture");
        var row = page.GetByTestId("source-hotline-response-hours");
        await Assertions.Expect(row.GetByTestId("status")).ToHaveTextAsync("失败");
        await Assertions.Expect(row).ToContainTextAsync("不是数字");
    }
}
