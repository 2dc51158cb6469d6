using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Organizations;
using Microsoft.Playwright;
using OfficeOpenXml;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>The quarterly report page in a real headless Chromium on a phone screen: chart, ranking and the Excel download.</summary>
public sealed class ReportBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_leader_on_a_phone_opens_the_quarterly_report_with_its_chart_and_downloads_the_workbook()
    {
        var (_, q3) = await ReportData.SeedAsync(app);
        await app.AddUserAsync("browser-report-leader", Role.Leader, Organization.RootCode);
        var page = await app.NewPageAsync(phone: true);
        await app.SignInAsync(page, "browser-report-leader");

        await page.GotoAsync("/");
        await BrowserApp.OpenMenuAsync(page);
        await BrowserApp.FollowAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "季度通报" }));
        await page.GetByTestId("report-periods").GetByText("2026年第3季度").ClickAsync();

        await Assertions.Expect(page.GetByTestId("report-title")).ToHaveTextAsync("根组织2026年第3季度党支部考核通报");
        await Assertions.Expect(page.GetByTestId("report-branches")).ToHaveTextAsync("8");
        await Assertions.Expect(page.Locator("#grade-chart canvas")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=ranking][data-category='community/rural'] tbody tr")).ToHaveCountAsync(6);
        await Assertions.Expect(page.GetByTestId("climbers")).ToContainTextAsync("R1党支部");
        await Assertions.Expect(page.GetByTestId("uniform-indicators")).ToContainTextAsync("主题党日");
        await Assertions.Expect(page.GetByTestId("weak-indicators")).ToContainTextAsync("党课");
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the page is {width}px wide on a 390px screen: it should not scroll sideways");
        await BrowserApp.ScreenshotAsync(page, "quarterly-report-phone");

        Assert.Equal($"/reports/{q3}", new Uri(page.Url).AbsolutePath);
        // The workbook is built as a job: its page shows the progress, then the file.
        await page.GetByTestId("report-download").ClickAsync();
        var file = page.GetByTestId("job-file");
        await Assertions.Expect(file).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var download = await page.Context.APIRequest.GetAsync(await file.GetAttributeAsync("href") ?? "");
        Assert.Equal(200, download.Status);
        using var workbook = new ExcelPackage(new MemoryStream(await download.BodyAsync()));
        Assert.Equal("根组织2026年第3季度党支部考核通报", workbook.Workbook.Worksheets["概况"].Cells[1, 1].Text);
    }
}
