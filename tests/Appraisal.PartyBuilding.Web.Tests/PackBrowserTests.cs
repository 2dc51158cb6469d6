using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Organizations;
using Microsoft.Playwright;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>The browser app on a packs folder of its own, so that an upload never writes into the build's packs.</summary>
public sealed class PacksBrowserApp : BrowserApp
{
    private readonly TestPacksFolder packs = new();

    protected override string PacksPath => packs.Path;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        packs.Dispose();
    }
}

/// <summary>Pack management in a real headless Chromium on a phone screen.</summary>
public sealed class PackBrowserTests(PacksBrowserApp app) : IClassFixture<PacksBrowserApp>
{
    [Fact]
    public async Task An_org_admin_uploads_a_new_signed_version_on_a_phone_and_it_is_active_at_once()
    {
        await app.AddUserAsync("browser-pack-admin", Role.OrgAdmin, Organization.RootCode);
        var page = await app.NewPageAsync(phone: true);
        await app.SignInAsync(page, "browser-pack-admin");

        await page.GotoAsync("/packs");
        await page.GetByRole(AriaRole.Link, new() { Name = "管理指标包与版本" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-pack='good'][data-version='1.0.0']").GetByTestId("pack-state")).ToHaveTextAsync("使用中");
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "GoodPackV2.zip",
            MimeType = PackZips.ZipContentType,
            Buffer = PackZips.Fixture("GoodPackV2"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "上传安装" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("pack-message")).ToHaveTextAsync("已安装指标包“测试用指标包（第二版）”（good 2.0.0），已生效。");
        var installed = page.Locator("[data-pack='good'][data-version='2.0.0']");
        await Assertions.Expect(installed.GetByTestId("pack-state")).ToHaveTextAsync("使用中");
        await Assertions.Expect(installed).ToContainTextAsync("上传安装 · browser-pack-admin");
        await Assertions.Expect(page.Locator("[data-pack='good'][data-version='1.0.0']").GetByTestId("pack-state")).ToHaveTextAsync("已启用");
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the page is {width}px wide on a 390px screen: it should not scroll sideways");
        await BrowserApp.ScreenshotAsync(page, "packs-manage-phone");

        // A bad file is refused on the same page with its reason.
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "notes.zip", MimeType = PackZips.ZipContentType, Buffer = "不是压缩包"u8.ToArray() });
        await page.GetByRole(AriaRole.Button, new() { Name = "上传安装" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("pack-message")).ToHaveTextAsync("上传的文件不是 zip 压缩包：请把指标包目录压缩成 .zip 后上传。");
    }
}
