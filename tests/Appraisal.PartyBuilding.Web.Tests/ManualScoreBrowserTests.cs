using System.Globalization;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Features.Scoring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>The 人工评分 page in a real headless Chromium on a phone screen: an assessor scores an indicator and sees the total change.</summary>
public sealed class ManualScoreBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task An_assessor_on_a_phone_enters_a_score_with_evidence_and_sees_the_total_change()
    {
        await app.AddOrganizationAsync("DW-MS", "人工评分党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync("ZB-MS", "人工评分测试党支部", "DW-MS", OrganizationKind.Branch, "one-plus-n/operations", 15, 3);
        await app.AddUserAsync("browser-assessor", Role.Assessor, "DW-MS");
        await app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<Data.AppraisalDbContext>();
            var period = new Period
            {
                Year = 2026,
                Quarter = 4,
                OpenedBy = "test",
                Packs = services.GetRequiredService<PackCatalog>().Packs.Select(p => new PinnedPack { PackId = p.Manifest.Id, Version = p.Manifest.Version }).ToList(),
            };
            db.Periods.Add(period);
            await db.SaveChangesAsync();
            var outcome = await services.GetRequiredService<PeriodScoring>().RunAsync(period.Id, "test", CancellationToken.None);
            Assert.Null(outcome.Error);
            return period.Id;
        });
        var page = await app.NewPageAsync(phone: true);
        await app.SignInAsync(page, "browser-assessor");

        await page.GotoAsync("/evidence/manual-scores");
        await page.Locator("[data-code='ZB-MS']").ClickAsync();
        var total = page.GetByTestId("branch-total");
        var before = decimal.Parse(await total.InnerTextAsync(), CultureInfo.InvariantCulture);
        var study = page.Locator("[data-indicator='political.study']");
        await Assertions.Expect(study).ToContainTextAsync("尚未评分");
        await study.GetByLabel("分数").FillAsync("8.5");
        await study.GetByLabel("评分依据").FillAsync("查阅10—11月学习记录和签到表");
        await study.GetByLabel("评语").FillAsync("学习计划落实，缺少11月专题研讨");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存评分" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("saved")).ToContainTextAsync("已保存 1 项评分");
        await Assertions.Expect(total).ToHaveTextAsync((before + 8.5m).ToString("0.##", CultureInfo.InvariantCulture));
        await Assertions.Expect(study.GetByTestId("current")).ToContainTextAsync("当前 8.5 分 · browser-assessor");
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the page is {width}px wide on a 390px screen: it should not scroll sideways");
        await BrowserApp.ScreenshotAsync(page, "manual-scores-phone");

        await study.GetByLabel("分数").FillAsync("9");
        await study.GetByLabel("评语").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存评分" }).ClickAsync();

        await Assertions.Expect(study.GetByTestId("field-error")).ToHaveTextAsync("“评语”不能为空");
        await Assertions.Expect(study.GetByLabel("分数")).ToHaveValueAsync("9");
        await Assertions.Expect(total).ToHaveTextAsync((before + 8.5m).ToString("0.##", CultureInfo.InvariantCulture));
    }
}
