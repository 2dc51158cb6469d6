using System.Text.RegularExpressions;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// The leader and branch dashboards in a real headless Chromium, on a desktop and a phone: the charts are drawn
/// (ECharts' canvas), the drill-down goes organization → branch → indicator (score card) → evidence (the records
/// calendar), and screenshots are kept for the README.
/// </summary>
public sealed class DashboardBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private async Task SeedOnceAsync()
    {
        var seeded = false;
        await app.WithDbAsync(async db => seeded = await db.Organizations.AnyAsync(o => o.Code == "QR-DW"));
        if (!seeded)
        {
            await DashboardData.SeedAsync(app);
        }
    }

    private static async Task ExpectNoSidewaysScrollAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the page is {width}px wide on a 390px screen: it should not scroll sideways");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_leader_opens_the_dashboard_and_drills_down_to_a_branch_an_indicator_and_its_records(bool phone)
    {
        await SeedOnceAsync();
        var login = "browser-dashboard-leader-" + (phone ? "phone" : "desktop");
        await app.AddUserAsync(login, Role.Leader, Organization.RootCode);
        var page = await app.NewPageAsync(phone);
        await app.SignInAsync(page, login);

        if (phone)
        {
            await BrowserApp.OpenMenuAsync(page);
        }

        await BrowserApp.FollowAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "考核看板" }));
        await Assertions.Expect(page.GetByTestId("dashboard-title")).ToHaveTextAsync("根组织 · 考核看板");
        foreach (var chart in new[] { "grade-chart", "trend-chart", "percentile-chart", "health-chart", "rectification-chart" })
        {
            await Assertions.Expect(page.Locator($"#{chart} canvas")).ToBeVisibleAsync();
        }

        await Assertions.Expect(page.GetByTestId("assessed")).ToHaveTextAsync("8");
        await Assertions.Expect(page.GetByTestId("uniform")).ToContainTextAsync("主题党日");
        if (phone)
        {
            await ExpectNoSidewaysScrollAsync(page);
        }

        await BrowserApp.ScreenshotAsync(page, phone ? "leader-dashboard-phone" : "leader-dashboard");

        // Organization → its child organization (one level down) → a branch.
        await page.GetByTestId("children").GetByRole(AriaRole.Link, new() { Name = "通报测试党委", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("dashboard-title")).ToHaveTextAsync("通报测试党委 · 考核看板");
        await Assertions.Expect(page.GetByTestId("trail")).ToContainTextAsync("根组织");
        await Assertions.Expect(page.GetByTestId("children").Locator("li")).ToHaveCountAsync(7);
        await page.GetByTestId("children").GetByRole(AriaRole.Link, new() { Name = "R5党支部" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("dashboard-title")).ToHaveTextAsync("R5党支部 · 支部看板");
        await Assertions.Expect(page.Locator("#branch-trend-chart canvas")).ToBeVisibleAsync();
        var branchDashboard = page.Url;

        // Branch → its weakest indicator on the score card → the records behind it.
        await page.GetByTestId("weak-indicator").First.ClickAsync();
        await Assertions.Expect(page.Locator("[id='indicator-shyk.committee']")).ToBeVisibleAsync();
        Assert.Contains("/periods/", page.Url, StringComparison.Ordinal);

        // Not page.GoBackAsync(): a page restored from Chromium's back-forward cache fires no load event,
        // and Playwright's waits for one then time out (seen once in CI).
        await page.GotoAsync(branchDashboard);
        await page.GetByTestId("improvement").GetByRole(AriaRole.Link, new() { Name = "查看本支部的会议记录" }).First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/records/completeness\\?branch=R5"));
        await Assertions.Expect(page.Locator("h1").First).ToContainTextAsync("R5党支部");
    }

    [Fact]
    public async Task A_secretary_on_a_phone_reaches_the_branch_dashboard_in_one_tap_and_sees_the_improvement_push()
    {
        await SeedOnceAsync();
        await app.AddUserAsync("browser-dashboard-secretary", Role.Secretary, "R5");
        var page = await app.NewPageAsync(phone: true);
        await app.SignInAsync(page, "browser-dashboard-secretary");

        await ExpectNoSidewaysScrollAsync(page); // home, with its row of buttons
        await page.GetByTestId("branch-dashboard").ClickAsync();

        await Assertions.Expect(page.GetByTestId("dashboard-title")).ToHaveTextAsync("R5党支部 · 支部看板");
        await Assertions.Expect(page.Locator("#branch-trend-chart canvas")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("month-missing")).ToContainTextAsync("11月缺支部委员会、主题党日");
        await Assertions.Expect(page.GetByTestId("rank")).ToContainTextAsync("6");
        var committee = page.Locator("[data-testid=improvement] [data-indicator='shyk.committee']");
        await Assertions.Expect(committee.GetByTestId("per-branch")).ToHaveTextAsync("1.8");
        await Assertions.Expect(committee.GetByTestId("topics")).ToContainTextAsync(DashboardData.SharedTopic);
        await Assertions.Expect(page.GetByTestId("appeals")).ToContainTextAsync("支部委员会");
        await Assertions.Expect(page.GetByTestId("rectification")).ToContainTextAsync("2026-11-01 已逾期");
        await ExpectNoSidewaysScrollAsync(page);
        await BrowserApp.ScreenshotAsync(page, "branch-dashboard-phone");
    }
}
