using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.AssessmentEvidence;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Plugins;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>Issue 11: the 人工评分 branch list is paged, its total and "fully scored" counter counted by the database.</summary>
public sealed class ManualScoresPageTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task The_branch_list_is_paged_and_its_counters_cover_every_branch_in_scope(DatabaseProvider provider)
    {
        await using var app = new AppFactory(provider);
        await app.InitializeAsync();
        await app.AddOrganizationAsync("MP-DW", "人工评分分页党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        for (var i = 1; i <= 55; i++)
        {
            await app.AddOrganizationAsync($"MP-ZB{i:00}", $"人工评分第{i}党支部", "MP-DW", OrganizationKind.Branch, "one-plus-n/operations", 12, 3);
        }

        await app.AddOrganizationAsync("MP-OUT", "范围外党支部", Organization.RootCode, OrganizationKind.Branch, "one-plus-n/operations", 12, 3);
        await app.AddUserAsync("mp-admin", Role.OrgAdmin, Organization.RootCode);
        await app.AddUserAsync("mp-assessor", Role.Assessor, "MP-DW");
        var admin = await app.BearerClientAsync("mp-admin");
        var opened = await admin.PostAsJsonAsync("/api/v1/periods", new { year = 2026, quarter = 3 });
        var period = (await opened.JsonAsync()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/periods/{period}/scoring?wait=true", null)).StatusCode);

        // Every manual indicator scored for MP-ZB53 and MP-ZB54 (both on page 2), one of them for MP-ZB55.
        await app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AppraisalDbContext>();
            var indicators = CategoryEvidence.Of(services.GetRequiredService<PackCatalog>().FindCategory("one-plus-n/operations")!).ManualIndicators;
            Assert.True(indicators.Count > 1);
            var branches = await db.Organizations.Where(o => o.Code == "MP-ZB53" || o.Code == "MP-ZB54" || o.Code == "MP-ZB55").ToDictionaryAsync(o => o.Code);
            foreach (var (code, scored) in new[] { ("MP-ZB53", indicators.Count), ("MP-ZB54", indicators.Count), ("MP-ZB55", 1) })
            {
                db.ManualScores.AddRange(indicators.Take(scored).Select(i => new BranchManualScore
                {
                    PeriodId = period, BranchId = branches[code].Id, IndicatorCode = i.Code, Score = 0, Evidence = "测试", Comment = "测试", Assessor = "mp-assessor",
                }));
            }

            await db.SaveChangesAsync();
            return 0;
        });
        var assessor = await app.SignedInClientAsync("mp-assessor");

        var first = await assessor.GetStringAsync($"/evidence/manual-scores?period={period}");
        var second = await assessor.GetStringAsync($"/evidence/manual-scores?period={period}&page=2");

        var codes = (string html) => Regex.Matches(html, "data-code=\"(MP-[^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(Enumerable.Range(1, 50).Select(i => $"MP-ZB{i:00}"), codes(first));
        Assert.Equal(Enumerable.Range(51, 5).Select(i => $"MP-ZB{i:00}"), codes(second));
        Assert.Contains("共 55 个党支部，已全部评完 2 个", first);
        Assert.Contains("<span data-testid=\"total\">55</span>", second);
        Assert.Contains("第 2 / 2 页", second);
    }
}
