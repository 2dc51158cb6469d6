using System.Net;
using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// The health board's satisfaction signal reads only the rating indicators of a branch's latest published result
/// (issue 11: it once loaded every indicator of every result): a low answered rating is a reason, an unanswered one
/// ("暂无评价") and the other indicators are not.
/// </summary>
public abstract class HealthSatisfactionTests(DatabaseProvider provider)
{
    [Fact]
    public async Task A_low_answered_rating_of_the_latest_published_result_is_a_reason_and_an_unanswered_one_is_not()
    {
        await using var owned = await OwnedApp.StartAsync(provider);
        var app = owned.App;
        await app.AddOrganizationAsync("HS-DW", "满意度测试党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync("HS-ZB1", "满意度测试第一党支部", "HS-DW", OrganizationKind.Branch, "one-plus-n/operations", 18, 5, "一组");
        await app.AddOrganizationAsync("HS-ZB2", "满意度测试第二党支部", "HS-DW", OrganizationKind.Branch, "one-plus-n/operations", 18, 5, "一组");
        await app.AddUserAsync("hs-admin", Role.OrgAdmin, Organization.RootCode);
        app.MoveClockTo("2026-10-08 09:00");
        var periodId = await app.WithScopeAsync(async services =>
            (await services.GetRequiredService<Features.Periods.PeriodOpening>().OpenAsync(new AssessmentQuarter(2026, 2), "test", null, CancellationToken.None))!.Id);
        await app.WithDbAsync(async db =>
        {
            var period = await db.Periods.SingleAsync(p => p.Id == periodId);
            period.State = PeriodState.Published;
            foreach (var (code, stance) in new[] { ("HS-ZB1", "评价得分2分"), ("HS-ZB2", "暂无评价，本项不计") })
            {
                var branch = await db.Organizations.SingleAsync(o => o.Code == code);
                db.BranchResults.Add(new BranchResult
                {
                    PeriodId = periodId,
                    BranchId = branch.Id,
                    CategoryCode = "one-plus-n/operations",
                    Total = 60,
                    MaxPoints = 70,
                    Grade = "良好",
                    GradeExplanation = "测试数据",
                    Rank = 1,
                    Percentile = 100,
                    ComputedAt = DateTimeOffset.UnixEpoch,
                    Indicators =
                    [
                        new BranchIndicatorScore { PeriodId = periodId, Code = "political.stance", DimensionCode = "political", Score = 2, MaxScore = 8, Explanation = stance },
                        new BranchIndicatorScore { PeriodId = periodId, Code = "political.study", DimensionCode = "political", Score = 0, MaxScore = 10, Explanation = "测试数据" },
                    ],
                });
            }

            await db.SaveChangesAsync();
        });

        var admin = await app.BearerClientAsync("hs-admin");
        var response = await admin.GetAsync("/api/v1/health-warnings?organization=HS-DW");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reasons = (await response.JsonAsync()).EnumerateArray().ToDictionary(
            b => b.GetProperty("branchCode").GetString()!,
            b => b.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("text").GetString()!).ToList());

        Assert.Contains(reasons["HS-ZB1"], r => r.StartsWith("满意度评价得分率25%", StringComparison.Ordinal));
        Assert.DoesNotContain(reasons["HS-ZB2"], r => r.Contains("满意度", StringComparison.Ordinal));
    }
}

public sealed class SqliteHealthSatisfactionTests() : HealthSatisfactionTests(DatabaseProvider.Sqlite);

public sealed class PostgresHealthSatisfactionTests() : HealthSatisfactionTests(DatabaseProvider.PostgreSql);
