using System.Net.Http.Json;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Organizations;
using Microsoft.Playwright;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>The auditor's pages and the import's confirmation step in a real headless Chromium.</summary>
public sealed class AuditBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>An API client of the Kestrel server the browser talks to (the in-memory test client has no server here).</summary>
    private async Task<HttpClient> KestrelClientAsync(string login)
    {
        var client = new HttpClient { BaseAddress = app.ServerAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await app.CreateTokenAsync(login));
        return client;
    }

    [Fact]
    public async Task An_auditor_pages_the_scoped_log_and_checks_the_chain()
    {
        await app.AddOrganizationAsync("AB-DW", "审计浏览党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync("AB-ZB", "审计浏览党支部", "AB-DW", OrganizationKind.Branch, "one-plus-n/operations", 18, 5);
        await app.AddUserAsync("ab-auditor", Role.Auditor, "AB-DW");
        await app.AddUserAsync("ab-sec", Role.Secretary, "AB-ZB");
        var secretary = await KestrelClientAsync("ab-sec");
        var created = await secretary.PostAsJsonAsync("/api/v1/records", new { type = "committee", date = "2026-11-02", expected = 5, present = 5, topic = "浏览器审计测试" });
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);

        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "ab-auditor");
        await page.GotoAsync("/audit");

        var log = page.GetByTestId("audit-log");
        await Assertions.Expect(log).ToContainTextAsync("records.create");
        await Assertions.Expect(log).ToContainTextAsync("AB-ZB#");
        await Assertions.Expect(page.GetByTestId("audit-total")).ToContainTextAsync("共 1 条，第 1 / 1 页");
        await BrowserApp.ScreenshotAsync(page, "audit-log-scoped");

        await page.GetByRole(AriaRole.Link, new() { Name = "校验日志完整性" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("audit-verify")).ToHaveAttributeAsync("data-intact", "true");
        await Assertions.Expect(page.GetByTestId("audit-verify")).ToContainTextAsync("日志完整");
    }

    [Fact]
    public async Task An_import_that_turns_a_live_branch_into_a_general_branch_asks_for_confirmation_first()
    {
        await app.AddOrganizationAsync("AC-DW", "确认浏览党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync("AC-ZB", "确认浏览党支部", "AC-DW", OrganizationKind.Branch, "one-plus-n/operations", 18, 5);
        await app.AddUserAsync("ac-admin", Role.OrgAdmin, Organization.RootCode);
        await app.AddUserAsync("ac-sec", Role.Secretary, "AC-ZB");
        var secretary = await KestrelClientAsync("ac-sec");
        Assert.Equal(System.Net.HttpStatusCode.Created, (await secretary.PostAsJsonAsync("/api/v1/records", new { type = "committee", date = "2026-11-02", expected = 5, present = 5, topic = "确认测试" })).StatusCode);
        var file = new FilePayload
        {
            Name = "组织.xlsx",
            MimeType = TestSupport.XlsxContentType,
            Buffer = TestSupport.OrganizationFile(["AC-ZB", "确认浏览党总支", "AC-DW", "党总支", null, null, null, null]),
        };

        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "ac-admin");
        await page.GotoAsync("/organizations/import");
        await page.Locator("input[type=file]").First.SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "导入", Exact = true }).ClickAsync();

        var result = page.GetByTestId("import-result");
        await Assertions.Expect(result).ToContainTextAsync("导入需要确认");
        await Assertions.Expect(result).ToContainTextAsync("会议记录1条");
        await BrowserApp.ScreenshotAsync(page, "organizations-import-confirm");

        await result.GetByRole(AriaRole.Checkbox).CheckAsync();
        await result.Locator("input[type=file]").SetInputFilesAsync(file);
        await result.GetByRole(AriaRole.Button, new() { Name = "确认并重新导入" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-result")).ToContainTextAsync("导入成功");
    }
}
