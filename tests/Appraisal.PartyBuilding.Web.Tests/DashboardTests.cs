using System.Net;
using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Rectification;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Features.Dashboards;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// Issue 12 items 2 and 3: the leader dashboard's aggregates and the branch dashboard's improvement push, with exact
/// numbers on <see cref="DashboardData"/>, and who may open which dashboard of which node.
/// </summary>
public abstract class DashboardTests(DatabaseProvider provider)
{
    private static Task<OrganizationDashboardModel> OrganizationAsync(AppFactory app, string code, string role, int? period = null) =>
        app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AppraisalDbContext>();
            var node = await db.Organizations.AsNoTracking().SingleAsync(o => o.Code == code);
            return await services.GetRequiredService<OrganizationDashboard>().BuildAsync(node, [node], role, period, null, CancellationToken.None);
        });

    private static Task<BranchDashboardModel> BranchAsync(AppFactory app, string code, string role, int? period = null) =>
        app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AppraisalDbContext>();
            var branch = await db.Organizations.AsNoTracking().Include(o => o.Groups).SingleAsync(o => o.Code == code);
            return await services.GetRequiredService<BranchDashboard>().BuildAsync(branch, role, period, CancellationToken.None);
        });

    private static string Percentiles(CategoryFigures c) => string.Join(",", c.Percentiles.Select(p => $"P{p.P}={p.Total:0.##}"));

    [Fact]
    public async Task The_leader_dashboard_of_the_root_counts_grades_percentiles_trend_health_rectification_and_uniform_indicators()
    {
        await using var owned = await OwnedApp.StartAsync(provider);
        var app = owned.App;
        var (q2, q3) = await DashboardData.SeedAsync(app);

        var model = await OrganizationAsync(app, Organization.RootCode, Role.Leader);

        Assert.Equal(q3, model.Period!.Id);
        Assert.Equal([q3, q2], model.Periods.Select(p => p.Id));
        var rural = model.Categories.Single(c => c.Code == ReportData.Rural);
        var urban = model.Categories.Single(c => c.Code == ReportData.Urban);
        Assert.Equal((6, 29.67m, 40m, 12m, 74.2m), (rural.Branches, rural.Average, rural.Highest, rural.Lowest, rural.Percent));
        Assert.Equal("P25=26,P50=30,P75=36", Percentiles(rural));
        Assert.Equal((2, 26m, 65.0m), (urban.Branches, urban.Average, urban.Percent));
        Assert.Equal("P25=12,P50=12,P75=40", Percentiles(urban));

        var grades = model.Grades.Where(g => g.Count > 0).Select(g => $"{g.CategoryCode}:{g.Grade}={g.Count}").Order(StringComparer.Ordinal);
        Assert.Equal(
            [$"{ReportData.Rural}:一般=1", $"{ReportData.Rural}:优秀=2", $"{ReportData.Rural}:良好=1", $"{ReportData.Rural}:较差=2", $"{ReportData.Urban}:优秀=1", $"{ReportData.Urban}:较差=1"],
            grades);
        Assert.Equal(["R1", "R2", "R6", "R4", "R3"], model.Top.Single(t => t.Category.Code == ReportData.Rural).Lines.Select(l => l.BranchCode));

        Assert.Equal(
            ["2026Q2 rural 5 73.0", "2026Q2 urban 2 65.0", "2026Q3 rural 6 74.2", "2026Q3 urban 2 65.0"],
            model.Trend.Select(t => $"{t.Quarter.Year}Q{t.Quarter.Number} {t.CategoryCode.Split('/')[1]} {t.Branches} {t.Percent:0.0}"));

        // Every branch missed October's 支委会 and 主题党日 (yellow); R3 and R5 fell by 20 and 30 points (red).
        Assert.Equal(new HealthCounts(2, 6, 0), model.Health);
        Assert.Equal(["QR-DW", "QR-DW2"], model.ChildLines.Select(c => c.Node.Code));
        var dw = model.ChildLines[0];
        Assert.Equal((7, new HealthCounts(2, 5, 0)), (dw.Branches, dw.Health));
        Assert.Equal(new ChildResults(7, 70.0m, 48.57m), dw.Results);
        Assert.Equal(new ChildResults(1, 85.0m, 60m), model.ChildLines[1].Results);

        Assert.Equal(1, model.Rectification.Overdue);
        Assert.Equal(3, model.Rectification.Total);
        Assert.Equal(1, model.Rectification.ByState.Single(s => s.State == RectificationState.Submitted).Count);

        Assert.Equal(["shyk.group 8/8", "shyk.theme-day 8/8"], model.Uniform.Select(u => $"{u.Code} {u.FullMarks}/{u.Branches}"));
    }

    [Fact]
    public async Task A_sub_committee_dashboard_counts_only_its_subtree_and_reads_an_older_quarter_on_request()
    {
        await using var owned = await OwnedApp.StartAsync(provider);
        var app = owned.App;
        var (q2, _) = await DashboardData.SeedAsync(app);

        var model = await OrganizationAsync(app, "QR-DW", Role.Leader);
        var rural = model.Categories.Single(c => c.Code == ReportData.Rural);
        Assert.Equal((5, 28.8m), (rural.Branches, rural.Average));
        Assert.Equal("P25=26,P50=30,P75=36", Percentiles(rural));
        Assert.Equal(new HealthCounts(2, 5, 0), model.Health);
        Assert.Equal(["R1", "R2", "R3", "R4", "R5", "U1", "U2"], model.ChildLines.Select(c => c.Node.Code));
        Assert.Contains(model.ChildLines.Single(c => c.Node.Code == "R5").Reasons, r => r.Contains("逾期", StringComparison.Ordinal) || r.Contains("整改", StringComparison.Ordinal));
        // Seven branches: 支部党员大会 at full marks in 4 of them is no flag; 党小组会 and 主题党日 in all 7 are.
        // (The root counts the whole period's rows without the join to its subtree; a sub-committee counts only its own.)
        Assert.Equal(["shyk.group 7/7", "shyk.theme-day 7/7"], model.Uniform.Select(u => $"{u.Code} {u.FullMarks}/{u.Branches}"));

        var older = await OrganizationAsync(app, "QR-DW", Role.Leader, q2);
        Assert.Equal((5, 29.2m), (older.Categories.Single(c => c.Code == ReportData.Rural).Branches, older.Categories.Single(c => c.Code == ReportData.Rural).Average));
    }

    /// <summary>
    /// An organization's health counts assess every branch under it (about 10 s at the root of a province), so a node
    /// keeps them for ten minutes and the page says when they were assessed; the branches listed on a page are
    /// assessed on every view.
    /// </summary>
    [Fact]
    public async Task An_organizations_health_counts_are_kept_ten_minutes_and_the_page_says_when_they_were_assessed()
    {
        await using var owned = await OwnedApp.StartAsync(provider);
        var app = owned.App;
        await DashboardData.SeedAsync(app);
        var assessedAt = app.Clock.GetUtcNow();
        var first = await OrganizationAsync(app, Organization.RootCode, Role.Leader);
        Assert.Equal((8, assessedAt), (first.Health.Total, first.HealthAt));

        // A new branch under QR-DW: QR-DW's own page lists and assesses it at once; the root keeps QR-DW's counts.
        await app.AddOrganizationAsync("QR-NEW", "新建党支部", "QR-DW", OrganizationKind.Branch, ReportData.Rural, 10, 3);
        app.Clock.Advance(TimeSpan.FromMinutes(9));
        var kept = await OrganizationAsync(app, Organization.RootCode, Role.Leader);
        Assert.Equal((first.Health, assessedAt), (kept.Health, kept.HealthAt));
        var dw = await OrganizationAsync(app, "QR-DW", Role.Leader);
        Assert.Equal((8, app.Clock.GetUtcNow()), (dw.Health.Total, dw.HealthAt));

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var fresh = await OrganizationAsync(app, Organization.RootCode, Role.Leader);
        Assert.Equal((9, app.Clock.GetUtcNow()), (fresh.Health.Total, fresh.HealthAt));
        Assert.Equal(9, fresh.ChildLines.Single(c => c.Node.Code == "QR-DW").Health.Total + fresh.ChildLines.Single(c => c.Node.Code == "QR-DW2").Health.Total);

        await app.AddUserAsync("dash-fresh-leader", Role.Leader, Organization.RootCode);
        var page = await (await app.SignedInClientAsync("dash-fresh-leader")).GetStringAsync("/dashboard");
        Assert.Contains($"统计于 {Core.ChinaTime.Format(fresh.HealthAt)}，每10分钟更新", page);
    }

    [Fact]
    public async Task The_children_of_a_node_come_one_level_and_one_page_of_fifty_at_a_time_and_the_node_counts_all_of_them()
    {
        await using var owned = await OwnedApp.StartAsync(provider);
        var app = owned.App;
        await app.AddOrganizationAsync("PG-DW", "分页测试党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync("PG-ZZ", "分页测试党总支", "PG-DW", OrganizationKind.GeneralBranch);
        await app.AddOrganizationAsync("PG-ZZ-1", "党总支下的支部", "PG-ZZ", OrganizationKind.Branch, ReportData.Rural, 10, 3);
        await app.WithDbAsync(async db =>
        {
            var parent = await db.Organizations.SingleAsync(o => o.Code == "PG-DW");
            for (var i = 1; i <= 51; i++)
            {
                var code = $"PG-{i:00}";
                db.Organizations.Add(new Organization { Code = code, Name = $"分页支部{i:00}", Kind = OrganizationKind.Branch, ParentId = parent.Id, Path = Organization.PathOf(parent.Path, code), CategoryCode = ReportData.Rural, MemberCount = 10, CommitteeSize = 3 });
            }

            await db.SaveChangesAsync();
        });

        var first = await app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AppraisalDbContext>();
            var node = await db.Organizations.AsNoTracking().SingleAsync(o => o.Code == "PG-DW");
            return await services.GetRequiredService<OrganizationDashboard>().BuildAsync(node, [node], Role.Leader, null, 1, CancellationToken.None);
        });
        var second = await app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AppraisalDbContext>();
            var node = await db.Organizations.AsNoTracking().SingleAsync(o => o.Code == "PG-DW");
            return await services.GetRequiredService<OrganizationDashboard>().BuildAsync(node, [node], Role.Leader, null, 2, CancellationToken.None);
        });

        // The 党总支 first (organizations before branches), its own branch not among the children; 52 children in all.
        Assert.Equal((52, 2, 50), (first.Children.Total, first.Children.PageCount, first.ChildLines.Count));
        Assert.Equal(("PG-ZZ", 1), (first.ChildLines[0].Node.Code, first.ChildLines[0].Branches));
        Assert.Equal(["PG-50", "PG-51"], second.ChildLines.Select(c => c.Node.Code));
        // No records at all: every one of the 52 branches missed October's meetings (yellow), counted past the page.
        Assert.Equal(new HealthCounts(0, 52, 0), first.Health);
        Assert.Null(first.Period);
    }

    [Fact]
    public async Task The_branch_dashboard_pushes_what_higher_scoring_branches_of_the_category_recorded_without_naming_them()
    {
        await using var owned = await OwnedApp.StartAsync(provider);
        var app = owned.App;
        var (_, q3) = await DashboardData.SeedAsync(app);

        var model = await BranchAsync(app, "R5", Role.Secretary);

        Assert.Equal(q3, model.Period!.Id);
        Assert.Equal((12m, 6, 6), (model.Card!.Result.Total, model.Card.Result.Rank, model.Card.CategorySize));
        Assert.Equal(new AssessmentQuarter(2026, 4), model.Quarter);
        Assert.Equal(["11月缺支部委员会、主题党日"], model.MonthMissing);
        Assert.Equal(["shyk.committee", "shyk.assembly", "shyk.lecture"], model.Hints.Select(h => h.Line.Code));

        var committee = model.Hints[0];
        Assert.Equal((5, 9.6m), (committee.Peers, committee.PeerAverage));
        // R1 3 + R2 2 + R6 3 + R4 1 = 9 records over 5 branches; R3's is returned, U1 is urban.
        Assert.Equal(new MeetingFrequency(Contracts.MeetingType.Committee, 4, 1.8m), committee.Meetings);
        Assert.Equal([$"{DashboardData.SharedTopic} 3 4", $"{DashboardData.SecondTopic} 2 2"], committee.Topics.Select(t => $"{t.Topic} {t.Branches} {t.Records}"));
        Assert.Equal((8m, 3.6m), (model.Hints[1].PeerAverage!.Value, model.Hints[2].PeerAverage!.Value));

        Assert.Equal(["shyk.committee 支部委员会"], model.OpenAppeals.Select(a => $"{a.IndicatorCode} {a.IndicatorName}"));
        Assert.Equal([new DateOnly(2026, 11, 1)], model.Rectification.Select(r => r.Deadline));
        Assert.Equal(["2026Q2 60.0 73.0", "2026Q3 30.0 74.2"], model.Trend.Select(t => $"{t.Quarter.Year}Q{t.Quarter.Number} {t.Percent:0.0} {t.CategoryPercent:0.0}"));
    }

    [Fact]
    public async Task The_best_branch_sees_no_comparison_with_fewer_than_three_higher_scoring_branches()
    {
        await using var owned = await OwnedApp.StartAsync(provider);
        var app = owned.App;
        await DashboardData.SeedAsync(app);

        var r6 = await BranchAsync(app, "R6", Role.Secretary);

        // R6 (34) is beaten by R1 and R2 only.
        Assert.All(r6.Hints, h => Assert.Equal((2, false, (decimal?)null), (h.Peers, h.Shown, h.PeerAverage)));
        Assert.All(r6.Hints, h => Assert.Empty(h.Topics));
    }

    [Fact]
    public async Task Each_role_opens_the_dashboards_of_its_own_subtree_only()
    {
        await using var owned = await OwnedApp.StartAsync(provider);
        var app = owned.App;
        await DashboardData.SeedAsync(app);
        await app.AddUserAsync("dash-leader-root", Role.Leader, Organization.RootCode);
        await app.AddUserAsync("dash-leader", Role.Leader, "QR-DW");
        await app.AddUserAsync("dash-admin", Role.OrgAdmin, "QR-DW");
        await app.AddUserAsync("dash-assessor", Role.Assessor, "QR-DW");
        await app.AddUserAsync("dash-secretary", Role.Secretary, "R5");
        await app.AddUserAsync("dash-auditor", Role.Auditor, Organization.RootCode);
        await app.AddUserAsync("dash-sysadmin", Role.SysAdmin, Organization.RootCode);

        async Task Expect(string? login, string path, HttpStatusCode status, string? location = null)
        {
            var client = login is null
                ? app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
                : await app.SignedInClientAsync(login);
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == status, $"{login ?? "anonymous"} {path}: {response.StatusCode}, expected {status}");
            if (location is not null)
            {
                var target = response.Headers.Location!;
                Assert.Equal(location, target.IsAbsoluteUri ? target.AbsolutePath : target.OriginalString.Split('?')[0]);
            }
        }

        // The leader dashboard: own node and below; a sibling or the parent is 404 like a missing node.
        await Expect("dash-leader-root", "/dashboard", HttpStatusCode.OK);
        await Expect("dash-leader-root", "/dashboard?org=QR-DW2", HttpStatusCode.OK);
        await Expect("dash-leader", "/dashboard", HttpStatusCode.OK);
        await Expect("dash-leader", "/dashboard?org=QR-DW", HttpStatusCode.OK);
        await Expect("dash-leader", "/dashboard?org=QR-DW2", HttpStatusCode.NotFound);
        await Expect("dash-leader", "/dashboard?org=ROOT", HttpStatusCode.NotFound);
        await Expect("dash-leader", "/dashboard?org=NOPE", HttpStatusCode.NotFound);
        await Expect("dash-leader", "/dashboard?org=R5", HttpStatusCode.Redirect, "/dashboard/branches/R5");
        await Expect("dash-admin", "/dashboard", HttpStatusCode.OK);
        await Expect("dash-admin", "/dashboard?org=QR-DW2", HttpStatusCode.NotFound);
        foreach (var refused in new[] { "dash-assessor", "dash-secretary", "dash-auditor", "dash-sysadmin" })
        {
            await Expect(refused, "/dashboard", HttpStatusCode.Redirect, "/account/denied");
        }

        await Expect(null, "/dashboard", HttpStatusCode.Redirect, "/account/signin");

        // The branch dashboard: the secretary's own branch; everyone above it within scope.
        await Expect("dash-secretary", "/dashboard/branches/R5", HttpStatusCode.OK);
        await Expect("dash-secretary", "/dashboard/branches/R1", HttpStatusCode.NotFound);
        await Expect("dash-secretary", "/dashboard/branches/QR-DW", HttpStatusCode.NotFound);
        foreach (var reader in new[] { "dash-leader", "dash-admin", "dash-assessor", "dash-leader-root" })
        {
            await Expect(reader, "/dashboard/branches/R5", HttpStatusCode.OK);
        }

        foreach (var outsider in new[] { "dash-leader", "dash-admin", "dash-assessor" })
        {
            await Expect(outsider, "/dashboard/branches/R6", HttpStatusCode.NotFound);
        }

        await Expect("dash-leader-root", "/dashboard/branches/QR-DW", HttpStatusCode.NotFound);
        foreach (var refused in new[] { "dash-auditor", "dash-sysadmin" })
        {
            await Expect(refused, "/dashboard/branches/R5", HttpStatusCode.Redirect, "/account/denied");
        }

        await Expect(null, "/dashboard/branches/R5", HttpStatusCode.Redirect, "/account/signin");
    }

    [Fact]
    public async Task The_pages_show_the_charts_the_drill_down_and_no_other_branch_name_to_a_secretary()
    {
        await using var owned = await OwnedApp.StartAsync(provider);
        var app = owned.App;
        var (_, q3) = await DashboardData.SeedAsync(app);
        await app.AddUserAsync("dash-page-leader", Role.Leader, Organization.RootCode);
        await app.AddUserAsync("dash-page-secretary", Role.Secretary, "R5");

        var leader = await (await app.SignedInClientAsync("dash-page-leader")).GetStringAsync("/dashboard");
        foreach (var chart in new[] { "grade-chart", "trend-chart", "percentile-chart", "health-chart", "rectification-chart" })
        {
            Assert.Contains($"id=\"{chart}\"", leader);
        }

        Assert.Contains($"href=\"/dashboard?org=QR-DW&amp;period={q3}\"", leader);
        Assert.Contains($"href=\"/dashboard/branches/R1?period={q3}\"", leader);

        var secretary = await app.SignedInClientAsync("dash-page-secretary");
        var home = await secretary.GetStringAsync("/");
        Assert.Contains("href=\"/dashboard/branches/R5\"", home);
        var page = await secretary.GetStringAsync("/dashboard/branches/R5");
        Assert.Contains("id=\"branch-trend-chart\"", page);
        Assert.Contains(DashboardData.SharedTopic, page);
        Assert.DoesNotContain(DashboardData.LoneTopic, page);
        foreach (var other in new[] { "R1", "R2", "R3", "R4", "R6", "U1", "U2" })
        {
            Assert.DoesNotContain($"{other}党支部", page);
        }
    }
}

public sealed class SqliteDashboardTests() : DashboardTests(DatabaseProvider.Sqlite);

public sealed class PostgresDashboardTests() : DashboardTests(DatabaseProvider.PostgreSql);
