using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// In real Chromium under the Content-Security-Policy (no inline script): enrolling the second factor from the secret
/// the page shows, the token page's confirm-and-revoke, the charts and the periods page's confirm dialog.
/// </summary>
public sealed class SecurityBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static List<string> WatchForViolations(IPage page)
    {
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Text.Contains("Refused to", StringComparison.Ordinal))
            {
                violations.Add(message.Text);
            }
        };
        page.PageError += (_, error) => violations.Add(error);
        return violations;
    }

    [Fact]
    public async Task A_sys_admin_enrols_the_second_factor_from_the_page_and_revokes_a_token()
    {
        await app.AddUserAsync("sb-sysadmin", Role.SysAdmin, Organization.RootCode);
        await app.AddUserAsync("sb-leader", Role.Leader, Organization.RootCode);
        var token = await app.CreateTokenAsync("sb-leader");
        var page = await app.NewPageAsync();
        var violations = WatchForViolations(page);

        await page.GotoAsync("/account/signin");
        await page.GetByLabel("账号").FillAsync("sb-sysadmin");
        await page.GetByLabel("密码").FillAsync(AppFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/two-factor"));
        var secret = (await page.GetByTestId("totp-secret").TextContentAsync())!.Trim();
        await Assertions.Expect(page.GetByTestId("totp-uri")).ToHaveAttributeAsync("href", new Regex("^otpauth://totp/.*secret=" + secret));
        await BrowserApp.ScreenshotAsync(page, "two-factor-enrolment");
        var code = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(secret)).ComputeTotp(app.Clock.GetUtcNow().UtcDateTime);
        await page.GetByLabel("动态验证码").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "验证" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("accounts")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "查看与吊销 API 令牌" }).ClickAsync();
        string? question = null;
        page.Dialog += async (_, dialog) =>
        {
            question = dialog.Message;
            await dialog.AcceptAsync();
        };
        await page.GetByTestId("tokens").Locator("tr", new() { HasText = "sb-leader" }).GetByRole(AriaRole.Button, new() { Name = "吊销" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已吊销");
        Assert.Contains("确认吊销 sb-leader", question);
        var bearer = new HttpClient { BaseAddress = app.ServerAddress };
        bearer.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/v1/organizations")).StatusCode);
        await BrowserApp.ScreenshotAsync(page, "tokens-revoked");
        Assert.Empty(violations);
    }

    [Fact]
    public async Task The_chart_and_the_confirm_dialog_of_the_periods_page_run_under_the_policy()
    {
        await app.AddOrganizationAsync("SB-DW", "安全浏览党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync("SB-ZB", "安全浏览党支部", "SB-DW", OrganizationKind.Branch, "one-plus-n/management", 9, 3);
        await app.AddUserAsync("sb-admin", Role.OrgAdmin, Organization.RootCode);
        var api = new HttpClient { BaseAddress = app.ServerAddress };
        api.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync("sb-admin"));
        var opened = await api.PostAsJsonAsync("/api/v1/periods", new { year = 2026, quarter = 2 });
        var id = (await opened.JsonAsync()).GetProperty("id").GetInt32();
        var page = await app.NewPageAsync();
        var violations = WatchForViolations(page);

        await app.SignInAsync(page, "sb-admin");
        await Assertions.Expect(page.Locator("#category-chart canvas")).ToBeVisibleAsync();

        await page.GotoAsync("/periods");
        string? question = null;
        page.Dialog += async (_, dialog) =>
        {
            question = dialog.Message;
            await dialog.AcceptAsync();
        };
        await page.GetByRole(AriaRole.Button, new() { Name = "结束收集并计分" }).First.ClickAsync();

        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("计分完成");
        Assert.Contains("确认将", question);
        await app.WithDbAsync(async db => Assert.Equal(PeriodState.Scoring, (await db.Periods.SingleAsync(p => p.Id == id)).State));
        Assert.Empty(violations);
    }
}
