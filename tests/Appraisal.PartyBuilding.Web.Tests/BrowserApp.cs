using System.Text.RegularExpressions;
using Appraisal.PartyBuilding.Data;
using Microsoft.Playwright;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// The app on Kestrel (a real port) and Debian's Chromium driven by Playwright. The browser is never downloaded:
/// <c>tests/run.sh</c> installs the distribution's chromium and this launches it by path.
/// </summary>
public class BrowserApp : AppFactory
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public BrowserApp()
        : this(DatabaseProvider.Sqlite)
    {
    }

    protected BrowserApp(DatabaseProvider provider)
        : base(provider)
    {
        UseKestrel(0);
        JobWorkers = true; // the import and scoring pages run their work as jobs
    }

    public IBrowser Browser { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        StartServer();
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: run the tests with tests/run.sh, which installs Debian's chromium.");
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async Task<IPage> NewPageAsync(bool phone = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = ServerAddress.ToString(),
            Locale = "zh-CN",
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            IsMobile = phone,
            HasTouch = phone,
            DeviceScaleFactor = phone ? 2 : 1,
        });
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the form; for org-admin, auditor and sys-admin also types the authenticator's code (from the stored secret).</summary>
    public async Task SignInAsync(IPage page, string login, string password = Password)
    {
        await page.GotoAsync("/account/signin");
        await page.GetByLabel("账号").FillAsync(login);
        await page.GetByLabel("密码").FillAsync(password);
        var answer = page.WaitForResponseAsync(r => r.Request.Method == "POST" && r.Url.Contains("/account/signin", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        var location = (await answer).Headers.GetValueOrDefault("location") ?? "";
        if (location.Contains("/account/two-factor", StringComparison.Ordinal))
        {
            await Assertions.Expect(page).ToHaveURLAsync(TwoFactorPage);
            await page.GetByLabel("动态验证码").FillAsync(await TotpCodeAsync(login));
            answer = page.WaitForResponseAsync(r => r.Request.Method == "POST" && r.Url.Contains("/account/two-factor", StringComparison.Ordinal));
            await page.GetByRole(AriaRole.Button, new() { Name = "验证" }).ClickAsync();
            location = (await answer).Headers.GetValueOrDefault("location") ?? "";
        }

        if (location.Length > 0)
        {
            await Assertions.Expect(page).ToHaveURLAsync(OutsideAccountPages);
        }

        await PageReadyAsync(page);
    }

    /// <summary>
    /// Waits until the page's document has loaded, polled inside the page. The tests never use WaitForURLAsync or
    /// WaitForLoadStateAsync: under load, Playwright's .NET client sometimes misses the "load" event and waits out its
    /// whole timeout on a page that loaded long before (seen in CI and reproduced here, one run in three).
    /// </summary>
    public static async Task PageReadyAsync(IPage page)
    {
        // Not WaitForFunctionAsync either: it evaluates a string, which the pages' Content-Security-Policy forbids.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                if (await page.EvaluateAsync<string>("document.readyState") == "complete")
                {
                    return;
                }
            }
            catch (PlaywrightException) when (DateTime.UtcNow < deadline)
            {
                // The document was replaced while we asked (a navigation still under way): ask the new one.
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"{page.Url} did not finish loading within 30 s");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Opens the phone layout's menu and waits until it has finished opening, so a click lands on a link that stays put.</summary>
    public static async Task OpenMenuAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "菜单" }).ClickAsync();
        await Assertions.Expect(page.Locator("#main-nav")).ToHaveClassAsync(new Regex("(^|\\s)show(\\s|$)"));
    }

    /// <summary>Clicks a link and waits until the browser shows the page it leads to.</summary>
    public static async Task FollowAsync(IPage page, ILocator link)
    {
        var href = await link.GetAttributeAsync("href") ?? throw new InvalidOperationException("the link has no href");
        await link.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(href) + "([?#].*)?$"));
        await PageReadyAsync(page);
    }

    private static readonly Regex TwoFactorPage = new("/account/two-factor");
    private static readonly Regex OutsideAccountPages = new("^(?!.*/account/)");

    /// <summary>Saves a full-page screenshot under artifacts/screenshots/ for people to look at.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(TestPaths.Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Screenshots, name + ".png"), FullPage = true });
    }

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        await base.DisposeAsync();
    }
}
