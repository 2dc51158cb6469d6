using Appraisal.PartyBuilding.Core.Accounts;
using Microsoft.Playwright;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>Issue 12 item 1 in headless Chromium: an assessor issues invitations; a rater answers on a 390 px phone from the link.</summary>
public sealed class SurveyBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_rater_answers_a_survey_on_a_phone_from_its_link()
    {
        var periodId = await SurveyTestSupport.OrganizationsAndPeriodAsync(app);
        var assessor = await app.NewPageAsync();
        await app.SignInAsync(assessor, "sv-assessor");
        await assessor.GotoAsync("/surveys");
        await assessor.GetByLabel("支部或科室").SelectOptionAsync("SV-KS1");
        await assessor.GetByRole(AriaRole.Button, new() { Name = "创建问卷" }).ClickAsync();
        await Assertions.Expect(assessor.GetByTestId("survey-state")).ToHaveTextAsync("进行中");
        await assessor.GetByLabel("评价组").SelectOptionAsync("service-recipient");
        await assessor.GetByLabel("份数").FillAsync("2");
        await assessor.GetByRole(AriaRole.Button, new() { Name = "发放并打印" }).ClickAsync();
        var links = assessor.GetByTestId("invitation-link");
        await Assertions.Expect(links).ToHaveCountAsync(2);
        await Assertions.Expect(assessor.Locator(".survey-qr svg")).ToHaveCountAsync(2);
        await BrowserApp.ScreenshotAsync(assessor, "survey-invitations");
        var link = await links.First.GetAttributeAsync("href");

        var phone = await app.NewPageAsync(phone: true);
        await phone.GotoAsync(new Uri(link!).AbsolutePath);
        await Assertions.Expect(phone.GetByTestId("survey-title")).ToContainTextAsync("办公室科室");
        var width = await phone.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the answer page is {width}px wide on a 390px screen: it should not scroll sideways");
        var questions = phone.Locator("fieldset");
        var count = await questions.CountAsync();
        Assert.True(count > 0);
        for (var n = 0; n < count; n++)
        {
            await questions.Nth(n).GetByText("满意", new() { Exact = true }).ClickAsync();
        }

        await BrowserApp.ScreenshotAsync(phone, "survey-answer-phone");
        await phone.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        await Assertions.Expect(phone.GetByTestId("answer-thanks")).ToContainTextAsync("提交成功");

        await phone.GotoAsync(new Uri(link!).AbsolutePath);
        await Assertions.Expect(phone.GetByTestId("answer-refused")).ToContainTextAsync("这份邀请已经提交过答卷");

        await assessor.GotoAsync("/surveys");
        await assessor.GetByTestId("surveys").GetByText("办公室科室").First.ClickAsync();
        var groups = assessor.GetByTestId("survey-groups");
        await Assertions.Expect(groups).ToContainTextAsync("服务对象");
        await Assertions.Expect(groups.GetByTestId("thin-sample").First).ToBeVisibleAsync();
    }
}
