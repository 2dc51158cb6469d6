using System.Net;
using System.Net.Http.Json;
using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// Separation of duties on both databases: nobody who set a score (a manual scorer, including one whose value was
/// later replaced) decides the appeal against it, and nobody who wrote any part of a meeting record reviews it.
/// </summary>
public abstract class SeparationOfDutiesTests(DatabaseProvider provider)
{
    [Fact]
    public async Task Nobody_who_set_a_manual_score_decides_the_appeal_against_it()
    {
        await using var owned = await OwnedApp.StartAsync(provider);
        var app = owned.App;
        await app.AddOrganizationAsync("SD-DW", "分权党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddBranchAsync("SD-ZB1", "分权第一党支部", "SD-DW");
        var quarter = new AssessmentQuarter(2026, 3);
        await app.RecordAsync("SD-ZB1", quarter, QuarterPlan.Full);
        await app.AddUserAsync("sd-admin", Role.OrgAdmin, Organization.RootCode);
        await app.AddUserAsync("sd-first", Role.Assessor, "SD-DW");
        await app.AddUserAsync("sd-second", Role.Assessor, Organization.RootCode);
        await app.AddUserAsync("sd-third", Role.Assessor, "SD-DW");
        await app.AddUserAsync("sd-sec", Role.Secretary, "SD-ZB1");
        var admin = await app.BearerClientAsync("sd-admin");
        var first = await app.BearerClientAsync("sd-first");
        var second = await app.BearerClientAsync("sd-second");
        var third = await app.BearerClientAsync("sd-third");
        app.MoveClockTo("2026-10-08 09:00");
        var period = (await (await admin.PostAsJsonAsync("/api/v1/periods", new { year = 2026, quarter = 3 })).JsonAsync()).GetProperty("id").GetInt32();
        await app.RecordEvidenceAsync("SD-ZB1", quarter, period);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/periods/{period}/transitions", new { to = "scoring" })).StatusCode);

        // Two assessors set the same manual score in turn; the second value stands.
        foreach (var (client, score) in new[] { (first, 5m), (second, 6m) })
        {
            var saved = await client.PutAsJsonAsync($"/api/v1/periods/{period}/manual-scores", new
            {
                branchCode = "SD-ZB1",
                scores = new[] { new { indicatorCode = "revitalization.industry", score, evidence = "实地查看产业项目", comment = "项目推进偏慢" } },
            });
            Assert.True(saved.StatusCode == HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/periods/{period}/transitions", new { to = "published", confirmMissingManualScores = true })).StatusCode);
        var secretary = await app.BearerClientAsync("sd-sec");
        var filed = await secretary.PostAsJsonAsync($"/api/v1/periods/{period}/appeals", new { indicatorCode = "revitalization.industry", reason = "产业项目已按期完工", evidence = "验收单见附件" });
        Assert.True(filed.StatusCode == HttpStatusCode.Created, await filed.Content.ReadAsStringAsync());
        var appeal = await filed.JsonAsync();
        var id = appeal.GetProperty("id").GetInt64();
        Assert.Equal("sd-second", appeal.GetProperty("originalScorer").GetString());

        var decision = new { upheld = true, newScore = 8, opinion = "核实已完工" };
        foreach (var scorer in new[] { first, second })
        {
            var refused = await scorer.PostAsJsonAsync($"/api/v1/appeals/{id}/decision", decision);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("原评分人", (await refused.JsonAsync()).GetProperty("detail").GetString());
        }

        var decided = await third.PostAsJsonAsync($"/api/v1/appeals/{id}/decision", decision);
        Assert.True(decided.StatusCode == HttpStatusCode.OK, await decided.Content.ReadAsStringAsync());

        // The decider of the upheld appeal set the new value: a later appeal against it goes to someone else again.
        var scorers = await app.WithScopeAsync(async s =>
        {
            var branch = await s.GetRequiredService<AppraisalDbContext>().Organizations.SingleAsync(o => o.Code == "SD-ZB1");
            return await s.GetRequiredService<Web.Features.Appeals.IIndicatorScorers>().ScorersOfAsync(period, branch.Id, "revitalization.industry", CancellationToken.None);
        });
        Assert.Equal(["sd-first", "sd-second", "sd-third"], scorers);
    }

    [Fact]
    public async Task A_reviewer_who_rewrote_a_record_does_not_approve_it()
    {
        await using var owned = await OwnedApp.StartAsync(provider);
        var app = owned.App;
        await app.AddOrganizationAsync("SR-DW", "审核分权党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync("SR-ZB1", "审核分权党支部", "SR-DW", OrganizationKind.Branch, "one-plus-n/operations", 18, 5);
        await app.AddUserAsync("sr-sec", Role.Secretary, "SR-ZB1");
        await app.AddUserAsync("sr-assessor", Role.Assessor, "SR-DW");
        await app.AddUserAsync("sr-other", Role.Assessor, "SR-DW");
        var secretary = await app.BearerClientAsync("sr-sec");
        var assessor = await app.BearerClientAsync("sr-assessor");
        var other = await app.BearerClientAsync("sr-other");
        var created = await secretary.PostAsJsonAsync("/api/v1/records", new { type = "committee", date = "2026-11-03", expected = 5, present = 3, topic = "研究十一月工作" });
        var id = (await created.JsonAsync()).GetProperty("id").GetInt64();

        var rewritten = await assessor.PutAsJsonAsync($"/api/v1/records/{id}", new { type = "committee", date = "2026-11-03", expected = 5, present = 5, topic = "研究十一月工作" });
        Assert.Equal(HttpStatusCode.OK, rewritten.StatusCode);

        var own = await assessor.PostAsJsonAsync($"/api/v1/records/{id}/review", new { decision = "approve", opinion = "同意" });
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Contains("修改过", (await own.JsonAsync()).GetProperty("detail").GetString());

        var approved = await other.PostAsJsonAsync($"/api/v1/records/{id}/review", new { decision = "approve", opinion = "同意" });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
    }
}

public sealed class SqliteSeparationOfDutiesTests() : SeparationOfDutiesTests(DatabaseProvider.Sqlite);

public sealed class PostgresSeparationOfDutiesTests() : SeparationOfDutiesTests(DatabaseProvider.PostgreSql);
