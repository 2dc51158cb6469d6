using System.Net;
using System.Net.Http.Json;
using Appraisal.PartyBuilding.Core.AssessmentEvidence;
using Appraisal.PartyBuilding.Web.Features.Surveys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// Issue 12 item 1 on SQLite: surveys made from a pack's rating rules, invitations answered once without an account,
/// refusals in Chinese with nothing saved, scope by subtree for every role, audit, and the thin-sample flag.
/// The test clock says 2026-11-21 10:00 China time.
/// </summary>
public sealed class SurveyApiTests : IAsyncLifetime
{
    private readonly SqliteApp app = new();
    private int periodId;

    public async Task InitializeAsync()
    {
        await app.InitializeAsync();
        periodId = await SurveyTestSupport.OrganizationsAndPeriodAsync(app);
    }

    public async Task DisposeAsync() => await ((IAsyncLifetime)app).DisposeAsync();

    private Task<int> RatingCountAsync() =>
        app.WithScopeAsync(sp => sp.GetRequiredService<Data.AppraisalDbContext>().RatingAnswers.CountAsync());

    [Fact]
    public async Task A_survey_asks_the_rating_questions_of_the_branch_category_and_an_answer_is_stored_once_as_ratings()
    {
        var assessor = await app.BearerClientAsync("sv-assessor");
        var survey = await SurveyTestSupport.CreateAsync(assessor, periodId, "SV-ZB1");
        var id = survey.GetProperty("id").GetInt32();
        var questions = survey.GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("code").GetString()).ToList();
        Assert.Equal(["political-stance", "conduct-satisfaction", "operations-leader-evaluation"], questions);
        Assert.Equal("进行中", survey.GetProperty("state").GetString());

        var links = await SurveyTestSupport.IssueAsync(assessor, id, "leader", 2);
        Assert.Equal(2, links.Count);
        Assert.All(links, l => Assert.Matches("^http://localhost/s/[A-Za-z0-9_-]{43}$", l));

        var answered = await SurveyTestSupport.AnswerAsync(app, links[0], 80);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Contains("提交成功", await answered.Content.ReadAsStringAsync());

        // The leader answers the questions that weigh leaders: all three here.
        var ratings = await app.WithScopeAsync(sp => sp.GetRequiredService<Data.AppraisalDbContext>().RatingAnswers.AsNoTracking().ToListAsync());
        Assert.Equal(3, ratings.Count);
        Assert.All(ratings, r =>
        {
            Assert.Equal(EvidenceSource.Survey, r.Source);
            Assert.Equal(Contracts.RaterGroup.Leader, r.RaterGroup);
            Assert.Equal((2026, 4, 80m), (r.Year, r.Quarter, r.Score));
            Assert.StartsWith($"survey-{id}-", r.RaterReference);
        });

        // The same link again: a clear message, 409, nothing more saved.
        var again = await app.CreateClient().GetAsync(SurveyTestSupport.PathOf(links[0]));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("这份邀请已经提交过答卷", await again.Content.ReadAsStringAsync());
        Assert.Equal(3, await RatingCountAsync());

        var results = await (await assessor.GetAsync($"/api/v1/surveys/{id}")).JsonAsync();
        var groups = results.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("raterGroup").GetString()!);
        Assert.Equal((2, 1, true), (groups["leader"].GetProperty("issued").GetInt32(), groups["leader"].GetProperty("answered").GetInt32(), groups["leader"].GetProperty("thinSample").GetBoolean()));
        Assert.Equal(0, groups["service-recipient"].GetProperty("answered").GetInt32());
        Assert.Equal(5, results.GetProperty("minResponses").GetInt32());
        Assert.Contains(results.GetProperty("averages").EnumerateArray(), a => a.GetProperty("question").GetString() == "political-stance" && a.GetProperty("average").GetDecimal() == 80m);
    }

    [Fact]
    public async Task Bad_early_expired_and_closed_tokens_are_refused_in_Chinese_and_nothing_is_saved()
    {
        var admin = await app.BearerClientAsync("sv-admin");
        var id = (await SurveyTestSupport.CreateAsync(admin, periodId, "SV-ZB1", "2026-11-22", "2026-11-25")).GetProperty("id").GetInt32();
        var links = await SurveyTestSupport.IssueAsync(admin, id, "peer", 3);
        var anonymous = app.CreateClient();

        var unknown = await anonymous.GetAsync("/s/" + new string('A', 43));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("链接无效", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/s/short")).StatusCode);

        var early = await anonymous.GetAsync(SurveyTestSupport.PathOf(links[0]));
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("问卷尚未开始，请于2026年11月22日起作答", await early.Content.ReadAsStringAsync());

        app.Clock.Advance(TimeSpan.FromDays(1));
        var incomplete = await anonymous.PostAsync(SurveyTestSupport.PathOf(links[0]), new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode); // antiforgery or the missing answers: nothing saved either way

        Assert.Equal(HttpStatusCode.OK, (await SurveyTestSupport.AnswerAsync(app, links[0], 60)).StatusCode);
        var invalid = await SurveyTestSupport.AnswerAsync(app, links[1], 55);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("答案无效，请从给出的选项中选择", await invalid.Content.ReadAsStringAsync());
        var stored = await RatingCountAsync();

        app.Clock.Advance(TimeSpan.FromDays(4)); // 2026-11-26: past the last day
        var late = await anonymous.GetAsync(SurveyTestSupport.PathOf(links[1]));
        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
        Assert.Contains("问卷已于2026年11月25日截止", await late.Content.ReadAsStringAsync());

        app.Clock.Advance(TimeSpan.FromDays(-4));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/surveys/{id}/close", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/v1/surveys/{id}/close", null)).StatusCode);
        var closed = await anonymous.GetAsync(SurveyTestSupport.PathOf(links[2]));
        Assert.Equal(HttpStatusCode.Gone, closed.StatusCode);
        Assert.Contains("问卷已由组织者关闭", await closed.Content.ReadAsStringAsync());
        Assert.Equal(stored, await RatingCountAsync());

        Assert.Equal(1, await app.CountAuditAsync("survey.create"));
        Assert.Equal(1, await app.CountAuditAsync("survey.invitations"));
        Assert.Equal(1, await app.CountAuditAsync("survey.close"));
    }

    [Fact]
    public async Task Two_concurrent_answers_with_one_token_store_one()
    {
        var admin = await app.BearerClientAsync("sv-admin");
        var id = (await SurveyTestSupport.CreateAsync(admin, periodId, "SV-KS1")).GetProperty("id").GetInt32();
        var token = SurveyTestSupport.PathOf((await SurveyTestSupport.IssueAsync(admin, id, "service-recipient", 1))[0])[3..];

        // Two raters (two requests) open the sheet with the same token, then both submit at once.
        await using var first = app.Services.CreateAsyncScope();
        await using var second = app.Services.CreateAsyncScope();
        var raters = new[] { first, second }.Select(s => s.ServiceProvider.GetRequiredService<SurveyAnswering>()).ToList();
        var sheets = new List<AnswerSheet>();
        foreach (var rater in raters)
        {
            var (sheet, refusal) = await rater.OpenAsync(token, CancellationToken.None);
            Assert.Null(refusal);
            sheets.Add(sheet!);
        }

        var outcomes = await Task.WhenAll(raters.Select((rater, n) => Task.Run(() =>
            rater.AnswerAsync(sheets[n], sheets[n].Questions.ToDictionary(q => q.Code, _ => (int?)100), CancellationToken.None))));

        Assert.Single(outcomes, o => o is null);
        Assert.Single(outcomes, o => o is { Status: 409 });
        var questions = (await (await admin.GetAsync($"/api/v1/surveys/{id}")).JsonAsync()).GetProperty("questions").EnumerateArray()
            .Count(q => q.GetProperty("raterGroups").EnumerateArray().Any(g => g.GetString() == "service-recipient"));
        Assert.True(questions > 0);
        Assert.Equal(questions, await RatingCountAsync());
    }

    [Fact]
    public async Task Creation_is_checked_field_by_field_in_Chinese()
    {
        var admin = await app.BearerClientAsync("sv-admin");

        var response = await admin.PostAsJsonAsync("/api/v1/surveys", new { periodId, branchCode = "SV-ZB1", opensOn = "2026-11-25", closesOn = "2026-11-22" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("截止日期2026-11-22早于开始日期2026-11-25", (await response.JsonAsync()).GetProperty("detail").GetString());

        response = await admin.PostAsJsonAsync("/api/v1/surveys", new { periodId, branchCode = "SV-DW1", opensOn = "2026-11-21", closesOn = "2026-11-22" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("问卷只能评价党支部或科室", (await response.JsonAsync()).GetProperty("detail").GetString());

        response = await admin.PostAsJsonAsync("/api/v1/surveys", new { periodId = 999, branchCode = "SV-ZB1", opensOn = "2026-11-21", closesOn = "2026-11-22" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("考核期999不存在", (await response.JsonAsync()).GetProperty("detail").GetString());

        var id = (await SurveyTestSupport.CreateAsync(admin, periodId, "SV-ZB1")).GetProperty("id").GetInt32();
        var issue = await admin.PostAsJsonAsync($"/api/v1/surveys/{id}/invitations", new { raterGroup = "leader", count = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, issue.StatusCode);
        Assert.Contains("邀请份数须为1到200之间的整数", (await issue.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(0, await app.CountAuditAsync("survey.invitations"));
    }

    [Fact]
    public async Task Creators_see_and_create_only_within_their_subtree_and_other_roles_are_denied()
    {
        var root = await app.BearerClientAsync("sv-root");
        var rootSurvey = (await SurveyTestSupport.CreateAsync(root, periodId, "SV-ZB2")).GetProperty("id").GetInt32();
        var ownSurvey = (await SurveyTestSupport.CreateAsync(await app.BearerClientAsync("sv-admin"), periodId, "SV-ZB1")).GetProperty("id").GetInt32();

        foreach (var login in new[] { "sv-admin", "sv-assessor" })
        {
            var client = await app.BearerClientAsync(login);
            // Own subtree: create, read, issue.
            var created = await client.PostAsJsonAsync("/api/v1/surveys", new { periodId, branchCode = "SV-KS1", opensOn = "2026-11-21", closesOn = "2026-11-30" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/surveys/{ownSurvey}")).StatusCode);
            // Another subtree (SV-DW2, created by the root above): reads as missing, cannot be created.
            var other = await client.PostAsJsonAsync("/api/v1/surveys", new { periodId, branchCode = "SV-ZB2", opensOn = "2026-11-21", closesOn = "2026-11-30" });
            Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
            Assert.Contains("支部“SV-ZB2”不存在", (await other.JsonAsync()).GetProperty("detail").GetString());
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/surveys/{rootSurvey}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/v1/surveys/{rootSurvey}/invitations", new { raterGroup = "leader", count = 1 })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/v1/surveys/{rootSurvey}/close", null)).StatusCode);
            var list = (await (await client.GetAsync("/api/v1/surveys")).JsonAsync()).EnumerateArray().Select(s => s.GetProperty("branchCode").GetString()).ToList();
            Assert.DoesNotContain("SV-ZB2", list);
            Assert.Contains("SV-ZB1", list);
        }

        // The parent (root) sees the child subtree's survey.
        Assert.Equal(HttpStatusCode.OK, (await root.GetAsync($"/api/v1/surveys/{ownSurvey}")).StatusCode);
        // The org-admin of SV-DW2 sees its own, not SV-DW1's.
        var admin2 = await app.BearerClientAsync("sv-admin2");
        Assert.Equal(HttpStatusCode.OK, (await admin2.GetAsync($"/api/v1/surveys/{rootSurvey}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin2.GetAsync($"/api/v1/surveys/{ownSurvey}")).StatusCode);

        foreach (var login in new[] { "sv-secretary", "sv-leader", "sv-auditor", "sv-sysadmin" })
        {
            var client = await app.BearerClientAsync(login);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/surveys")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/surveys/{ownSurvey}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/v1/surveys", new { periodId, branchCode = "SV-ZB1", opensOn = "2026-11-21", closesOn = "2026-11-30" })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/v1/surveys/{ownSurvey}/invitations", new { raterGroup = "leader", count = 1 })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"/api/v1/surveys/{ownSurvey}/close", null)).StatusCode);
            var page = await (await app.SignedInClientAsync(login)).GetAsync($"/surveys/{ownSurvey}");
            Assert.Equal(HttpStatusCode.Found, page.StatusCode);
            Assert.Equal("/account/denied", page.Headers.Location!.AbsolutePath);
        }

        var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/surveys")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"/api/v1/surveys/{ownSurvey}/invitations", new { raterGroup = "leader", count = 1 })).StatusCode);
    }

    [Fact]
    public async Task The_answer_pages_are_rate_limited_per_address()
    {
        await using var limited = app.WithWebHostBuilder(b => b.UseSetting("Surveys:AnswerRequestsPerMinute", "3"));
        var client = limited.CreateClient();
        for (var n = 0; n < 3; n++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/s/" + new string('B', 43))).StatusCode);
        }

        var refused = await client.GetAsync("/s/" + new string('B', 43));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("请求过于频繁", await refused.Content.ReadAsStringAsync());
        // Signed-in pages are not limited by it.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }
}
