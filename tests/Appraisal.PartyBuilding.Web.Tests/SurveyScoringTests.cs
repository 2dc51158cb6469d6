using System.Net;
using Appraisal.PartyBuilding.Data;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// Issue 12 item 1 on both databases: answers given through survey links are rating evidence, so after scoring the
/// branch's rating indicator shows them exactly as ratings pushed through the API would.
/// </summary>
public sealed class SurveyScoringTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Survey_answers_feed_the_branch_rating_score(DatabaseProvider provider)
    {
        await using AppFactory app = provider == DatabaseProvider.Sqlite ? new SqliteApp() : new PostgresApp();
        await app.InitializeAsync();
        var periodId = await SurveyTestSupport.OrganizationsAndPeriodAsync(app);
        var assessor = await app.BearerClientAsync("sv-assessor");
        var surveyId = (await SurveyTestSupport.CreateAsync(assessor, periodId, "SV-ZB1")).GetProperty("id").GetInt32();
        var leaders = await SurveyTestSupport.IssueAsync(assessor, surveyId, "leader", 2);
        var peers = await SurveyTestSupport.IssueAsync(assessor, surveyId, "peer", 1);

        Assert.Equal(HttpStatusCode.OK, (await SurveyTestSupport.AnswerAsync(app, leaders[0], 100)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SurveyTestSupport.AnswerAsync(app, leaders[1], 80)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SurveyTestSupport.AnswerAsync(app, peers[0], 60)).StatusCode);

        var root = await app.BearerClientAsync("sv-root");
        Assert.Equal(HttpStatusCode.OK, (await root.PostAsync($"/api/v1/periods/{periodId}/scoring?wait=true", null)).StatusCode);
        var branch = (await (await root.GetAsync($"/api/v1/periods/{periodId}/scores")).JsonAsync()).EnumerateArray()
            .Single(b => b.GetProperty("branchCode").GetString() == "SV-ZB1");
        var indicator = branch.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "performance.leader-evaluation");

        // Leaders 90 on average (weight 60%), the peer 60 (40%): 78% of the indicator's 15 points.
        Assert.Equal(11.7m, indicator.GetProperty("score").GetDecimal());
        Assert.Equal("领导平均90分（2人，权重60%）、同级平均60分（1人，权重40%）；加权平均78分，得11.7分", indicator.GetProperty("explanation").GetString());

        var results = await (await assessor.GetAsync($"/api/v1/surveys/{surveyId}")).JsonAsync();
        var groups = results.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("raterGroup").GetString()!, g => g.GetProperty("answered").GetInt32());
        Assert.Equal(2, groups["leader"]);
        Assert.Equal(1, groups["peer"]);
    }
}
