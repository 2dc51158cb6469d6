using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Meetings;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Features.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>Issue 3's pages: the periods, the ranking per category and a branch's score card, within scope.</summary>
public sealed class ResultsPagesTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_leader_sees_the_ranking_of_the_subtree_and_no_card_outside_it(DatabaseProvider provider)
    {
        await using var app = new AppFactory(provider);
        await app.InitializeAsync();
        var periodId = await ResultsData.ScoredQuarterAsync(app);
        await app.AddUserAsync("rp-leader", Role.Leader, "RP-DW1");
        var leader = await app.SignedInClientAsync("rp-leader");

        var ranking = await leader.GetStringAsync($"/periods/{periodId}/ranking?category=community%2Frural");

        Assert.Contains("农村党支部", ranking);
        Assert.Contains("排名第一党支部", ranking);
        Assert.Contains("排名第二党支部", ranking);
        Assert.DoesNotContain("别处党支部", ranking);
        Assert.True(ranking.IndexOf("排名第一党支部", StringComparison.Ordinal) < ranking.IndexOf("排名第二党支部", StringComparison.Ordinal), "the better branch comes first");

        var card = await leader.GetStringAsync($"/periods/{periodId}/branches/RP-ZB2");
        Assert.Contains("失分项", card);
        Assert.Contains("支委会：7月、8月、9月均未开", card);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/periods/{periodId}/branches/RP-ZB9")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/periods/{periodId}/branches/NO-SUCH")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync("/periods/424242/ranking")).StatusCode);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task The_ranking_is_paged_and_its_counts_come_from_the_database(DatabaseProvider provider)
    {
        await using var app = new AppFactory(provider);
        await app.InitializeAsync();
        await app.WithDbAsync(db => Testing.GeneratedOrganization.AddAsync(db, 600));
        await app.AddUserAsync("rk-admin", Role.OrgAdmin, Organization.RootCode);
        var admin = await app.BearerClientAsync("rk-admin");
        var periodId = (await (await admin.PostAsJsonAsync("/api/v1/periods", new { year = 2026, quarter = 3 })).JsonAsync()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/periods/{periodId}/scoring?wait=true", null)).StatusCode);
        var (category, count) = await app.WithScopeAsync(async services =>
        {
            var largest = await services.GetRequiredService<AppraisalDbContext>().BranchResults
                .Where(r => r.PeriodId == periodId).GroupBy(r => r.CategoryCode)
                .Select(g => new { g.Key, Count = g.Count() }).OrderByDescending(g => g.Count).FirstAsync();
            return (largest.Key, largest.Count);
        });
        Assert.True(count > 50, $"{count} branches in the largest category");
        var reader = await app.SignedInClientAsync("rk-admin");

        var first = await reader.GetStringAsync($"/periods/{periodId}/ranking?category={Uri.EscapeDataString(category)}");
        var last = await reader.GetStringAsync($"/periods/{periodId}/ranking?category={Uri.EscapeDataString(category)}&page={(count + 49) / 50}");

        Assert.Equal(50, Regex.Count(first, $"href=\"/periods/{periodId}/branches/"));
        Assert.Equal(count - ((count - 1) / 50 * 50), Regex.Count(last, $"href=\"/periods/{periodId}/branches/"));
        Assert.Contains($"<span data-testid=\"total\">{count}</span>", first);
        Assert.Contains($"({count})", first);
    }

    /// <summary>
    /// Issue 11: the root reads the ranking without the join on the organization tree and, once the period is
    /// published, its category sizes from a per-node cache; a sub-tree reads both through the tree. Either way every
    /// branch of the category is on exactly one page, in rank order, and the score card's "rank / size" is right.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Every_branch_is_on_exactly_one_ranking_page_in_rank_order_for_the_root_and_a_subtree_before_and_after_publication(DatabaseProvider provider)
    {
        await using var app = new AppFactory(provider);
        await app.InitializeAsync();
        await app.WithDbAsync(db => Testing.GeneratedOrganization.AddAsync(db, 420));
        await app.AddUserAsync("rk-root", Role.OrgAdmin, Organization.RootCode);
        await app.AddUserAsync("rk-sub", Role.Leader, "GEN");
        var admin = await app.BearerClientAsync("rk-root");
        var periodId = (await (await admin.PostAsJsonAsync("/api/v1/periods", new { year = 2026, quarter = 3 })).JsonAsync()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/periods/{periodId}/scoring?wait=true", null)).StatusCode);
        var sizes = await app.WithScopeAsync(services => services.GetRequiredService<AppraisalDbContext>().BranchResults
            .Where(r => r.PeriodId == periodId).GroupBy(r => r.CategoryCode)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));
        var (category, count) = sizes.OrderByDescending(s => s.Value).Select(s => (s.Key, s.Value)).First();
        Assert.True(count > 50, $"{count} branches in the largest category");
        var root = await app.SignedInClientAsync("rk-root");
        var subtree = await app.SignedInClientAsync("rk-sub");

        foreach (var published in new[] { false, true })
        {
            if (published)
            {
                await app.WithDbAsync(async db =>
                {
                    var period = await db.Periods.SingleAsync(p => p.Id == periodId);
                    period.State = PeriodState.Published;
                    period.PublishedAt = DateTimeOffset.UtcNow;
                    period.AppealsCloseAt = DateTimeOffset.UtcNow.AddDays(8);
                    await db.SaveChangesAsync();
                });
            }

            foreach (var reader in new[] { root, subtree })
            {
                var seen = new List<(int Rank, string Code)>();
                for (var page = 1; page <= (count + 49) / 50; page++)
                {
                    var html = await reader.GetStringAsync($"/periods/{periodId}/ranking?category={Uri.EscapeDataString(category)}&page={page}");
                    foreach (var other in sizes)
                    {
                        Assert.Contains($"<span class=\"small\">({other.Value})</span>", html);
                    }

                    seen.AddRange(Regex.Matches(html, $"<td class=\"text-end\">(\\d+)</td>\\s*<td><a href=\"/periods/{periodId}/branches/([^\"]+)\"")
                        .Select(m => (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups[2].Value)));
                }

                Assert.Equal(count, seen.Count);
                Assert.Equal(count, seen.Select(s => s.Code).Distinct().Count());
                Assert.Equal(seen.Select(s => s.Rank).Order(), seen.Select(s => s.Rank));
                var last = seen[^1];
                var card = await reader.GetStringAsync($"/periods/{periodId}/branches/{last.Code}");
                Assert.Contains($"{last.Rank}<span class=\"fs-6 text-muted\"> / {count}</span>", card);
            }
        }
    }

    /// <summary>
    /// Issue 11: each node keeps the category sizes in memory, keyed by the period's results version. A re-score on one
    /// node, after a branch moved to another category, shows at once in the other node's tabs and score card, while
    /// the period is still in scoring.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_rescore_on_one_node_changes_the_category_sizes_the_other_node_shows(DatabaseProvider provider)
    {
        await using var first = new AppFactory(provider);
        await first.InitializeAsync();
        await using var second = new SecondNode(first.Database);
        var (admin, periodId) = await ScoredOrganizationAsync(first, 60, "cs-root");
        var reader = await second.SignedInClientAsync("cs-root");

        async Task<Dictionary<string, int>> StoredSizesAsync() => await first.WithScopeAsync(services => services.GetRequiredService<AppraisalDbContext>().BranchResults
            .Where(r => r.PeriodId == periodId).GroupBy(r => r.CategoryCode).ToDictionaryAsync(g => g.Key, g => g.Count()));
        async Task AssertShownAsync(Dictionary<string, int> sizes, string branchCode, string category)
        {
            var html = await reader.GetStringAsync($"/periods/{periodId}/ranking?category={Uri.EscapeDataString(category)}");
            foreach (var size in sizes)
            {
                Assert.Matches($"category={Regex.Escape(Uri.EscapeDataString(size.Key))}\">[^<]*<span class=\"small\">\\({size.Value}\\)</span>", html);
            }

            var card = await reader.GetStringAsync($"/periods/{periodId}/branches/{branchCode}");
            Assert.Contains($"<span class=\"fs-6 text-muted\"> / {sizes[category]}</span>", card);
        }

        var before = await StoredSizesAsync();
        var (from, to) = (before.Keys.Order(StringComparer.Ordinal).First(), before.Keys.Order(StringComparer.Ordinal).Last());
        var moved = await first.WithScopeAsync(services => services.GetRequiredService<AppraisalDbContext>().BranchResults
            .Where(r => r.PeriodId == periodId && r.CategoryCode == from).Select(r => r.Branch!.Code).FirstAsync());
        await AssertShownAsync(before, moved, from);

        await first.WithDbAsync(async db =>
        {
            var branch = await db.Organizations.SingleAsync(o => o.Code == moved);
            branch.CategoryCode = to;
            await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/periods/{periodId}/scoring?wait=true", null)).StatusCode);
        var after = await StoredSizesAsync();
        Assert.Equal(before[from] - 1, after[from]);
        Assert.Equal(before[to] + 1, after[to]);
        await AssertShownAsync(after, moved, to);
    }

    /// <summary>
    /// Issue 11: each node finds the branches of a root's ranking page once per results version (RankingPages) and
    /// reads their names and figures on every request. A rename shows at once; a re-score on one node that takes the
    /// best branch out of the category changes the other node's first page at once; every page still matches the
    /// stored order.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task The_roots_ranking_page_on_another_node_follows_a_rename_and_a_rescore_at_once(DatabaseProvider provider)
    {
        await using var first = new AppFactory(provider);
        await first.InitializeAsync();
        await using var second = new SecondNode(first.Database);
        var (admin, periodId) = await ScoredOrganizationAsync(first, 150, "rp-root");
        var reader = await second.SignedInClientAsync("rp-root");
        var category = await first.WithScopeAsync(services => services.GetRequiredService<AppraisalDbContext>().BranchResults
            .Where(r => r.PeriodId == periodId).GroupBy(r => r.CategoryCode).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync());

        async Task<List<string>> StoredPageAsync(int page) => await first.WithScopeAsync(services => services.GetRequiredService<AppraisalDbContext>().BranchResults
            .Where(r => r.PeriodId == periodId && r.CategoryCode == category).OrderBy(r => r.Rank).ThenBy(r => r.BranchId)
            .Skip((page - 1) * 50).Take(50).Select(r => r.Branch!.Code).ToListAsync());
        async Task<string> ShownAsync(int page) =>
            await reader.GetStringAsync($"/periods/{periodId}/ranking?category={Uri.EscapeDataString(category)}&page={page}");
        List<string> Codes(string html) => Regex.Matches(html, $"<td><a href=\"/periods/{periodId}/branches/([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

        var before = await StoredPageAsync(1);
        Assert.True(before.Count > 1, $"{before.Count} branches on the first page");
        Assert.Equal(before, Codes(await ShownAsync(1)));
        Assert.Equal(await StoredPageAsync(2), Codes(await ShownAsync(2)));

        var best = before[0];
        await first.WithDbAsync(async db =>
        {
            var branch = await db.Organizations.SingleAsync(o => o.Code == best);
            branch.Name = "改名后的第一党支部";
            await db.SaveChangesAsync();
        });
        var renamed = await ShownAsync(1);
        Assert.Contains("改名后的第一党支部", renamed);
        Assert.Equal(before, Codes(renamed));

        var other = await first.WithScopeAsync(services => services.GetRequiredService<AppraisalDbContext>().BranchResults
            .Where(r => r.PeriodId == periodId && r.CategoryCode != category).Select(r => r.CategoryCode).FirstAsync());
        await first.WithDbAsync(async db =>
        {
            var branch = await db.Organizations.SingleAsync(o => o.Code == best);
            branch.CategoryCode = other;
            await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/periods/{periodId}/scoring?wait=true", null)).StatusCode);
        var after = await StoredPageAsync(1);
        Assert.DoesNotContain(best, after);
        Assert.Equal(after, Codes(await ShownAsync(1)));
        Assert.Equal(await StoredPageAsync(2), Codes(await ShownAsync(2)));

        // Pages past the end are empty (nothing is found, nothing cached), up to the largest page number.
        foreach (var page in new[] { 1_000, int.MaxValue })
        {
            var response = await reader.GetAsync($"/periods/{periodId}/ranking?category={Uri.EscapeDataString(category)}&page={page}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Empty(Codes(await response.Content.ReadAsStringAsync()));
        }
    }

    /// <summary>
    /// Issue 11: the pages read the period's row on every request and its pinned pack versions once per node. A
    /// publication on one node shows on the other at once, and each period keeps its own versions: a period whose
    /// pinned version is not loaded shows its categories by code, beside a period that shows their names.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_publication_on_one_node_shows_on_the_other_and_each_period_keeps_its_pinned_versions(DatabaseProvider provider)
    {
        await using var first = new AppFactory(provider);
        await first.InitializeAsync();
        await using var second = new SecondNode(first.Database);
        await first.WithDbAsync(db => Testing.GeneratedOrganization.AddAsync(db, 30));
        await first.AddUserAsync("pp-root", Role.OrgAdmin, Organization.RootCode);
        var admin = await first.BearerClientAsync("pp-root");
        var periodIds = new List<int>();
        foreach (var quarter in new[] { 2, 3 })
        {
            var id = (await (await admin.PostAsJsonAsync("/api/v1/periods", new { year = 2026, quarter })).JsonAsync()).GetProperty("id").GetInt32();
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/periods/{id}/scoring?wait=true", null)).StatusCode);
            periodIds.Add(id);
        }

        var (pinned, unpinned) = (periodIds[0], periodIds[1]);
        await first.WithDbAsync(db => db.Set<PinnedPack>().Where(p => p.PeriodId == unpinned).ExecuteUpdateAsync(p => p.SetProperty(x => x.Version, "99.0.0")));
        var (category, branch) = await first.WithScopeAsync(async services =>
        {
            var result = await services.GetRequiredService<AppraisalDbContext>().BranchResults
                .Where(r => r.PeriodId == pinned).OrderBy(r => r.Id).Select(r => new { r.CategoryCode, r.Branch!.Code }).FirstAsync();
            return (result.CategoryCode, result.Code);
        });
        var name = first.Services.GetRequiredService<PackCatalog>().Packs.SelectMany(p => p.Manifest.Categories).First(c => c.Code == category).Name;
        var reader = await second.SignedInClientAsync("pp-root");
        string Tab(string label) => $"category={Uri.EscapeDataString(category)}\">{Regex.Escape(label)} <span";

        var before = await reader.GetStringAsync($"/periods/{pinned}/ranking?category={Uri.EscapeDataString(category)}");
        Assert.Contains(PeriodState.Scoring.DisplayName(), before);
        Assert.Matches(Tab(name), before);
        Assert.Matches(Tab(category), await reader.GetStringAsync($"/periods/{unpinned}/ranking?category={Uri.EscapeDataString(category)}"));
        Assert.Contains(name, await reader.GetStringAsync($"/periods/{pinned}/branches/{branch}"));

        await first.WithDbAsync(async db =>
        {
            var period = await db.Periods.SingleAsync(p => p.Id == pinned);
            period.State = PeriodState.Published;
            period.PublishedAt = DateTimeOffset.UtcNow;
            period.AppealsCloseAt = DateTimeOffset.UtcNow.AddDays(8);
            await db.SaveChangesAsync();
        });

        var after = await reader.GetStringAsync($"/periods/{pinned}/ranking?category={Uri.EscapeDataString(category)}");
        Assert.Contains(PeriodState.Published.DisplayName(), after);
        Assert.DoesNotContain(PeriodState.Scoring.DisplayName(), after);
        Assert.Matches(Tab(name), after);
        Assert.Matches(Tab(category), await reader.GetStringAsync($"/periods/{unpinned}/ranking?category={Uri.EscapeDataString(category)}"));
        Assert.DoesNotMatch(Tab(name), await reader.GetStringAsync($"/periods/{unpinned}/ranking?category={Uri.EscapeDataString(category)}"));
    }

    [Fact]
    public async Task A_secretary_is_led_to_the_own_card_and_cannot_open_a_sibling_card()
    {
        await using var app = new SqliteApp();
        await app.InitializeAsync();
        var periodId = await ResultsData.ScoredQuarterAsync(app);
        await app.AddUserAsync("rp-secretary", Role.Secretary, "RP-ZB1");
        var secretary = await app.SignedInClientAsync("rp-secretary");

        var periods = await secretary.GetStringAsync("/periods");
        Assert.Contains($"/periods/{periodId}/branches/RP-ZB1", periods);
        // Issue 12: the score card is one tap from the secretary's home page.
        var home = await secretary.GetStringAsync("/");
        Assert.Contains($"href=\"/periods/{periodId}/branches/RP-ZB1\"", home);

        var card = await secretary.GetStringAsync($"/periods/{periodId}/branches/RP-ZB1");
        Assert.Contains("排名第一党支部", card);
        Assert.Contains("支委会：7月、8月、9月均已开", card);
        Assert.Equal(HttpStatusCode.NotFound, (await secretary.GetAsync($"/periods/{periodId}/branches/RP-ZB2")).StatusCode);

        // A branch is a leaf: the secretary's ranking is the branch's own line, found by key, on page 1 only.
        var ranking = await secretary.GetStringAsync($"/periods/{periodId}/ranking");
        Assert.DoesNotContain("排名第二党支部", ranking);
        Assert.Contains("排名第一党支部", ranking);
        Assert.Contains("排名第一党支部", await secretary.GetStringAsync($"/periods/{periodId}/ranking?category=no-such-category"));
        Assert.DoesNotContain("排名第一党支部", await secretary.GetStringAsync($"/periods/{periodId}/ranking?page=2"));
        await app.AddOrganizationAsync("RP-ZBX", "未计分党支部", "RP-DW1", OrganizationKind.Branch, "community/rural", 5, 3);
        await app.AddUserAsync("rp-unscored", Role.Secretary, "RP-ZBX");
        var unscored = await (await app.SignedInClientAsync("rp-unscored")).GetAsync($"/periods/{periodId}/ranking");
        Assert.Equal(HttpStatusCode.OK, unscored.StatusCode);
        Assert.DoesNotContain("排名第一党支部", await unscored.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_auditor_is_denied_the_results_pages()
    {
        await using var app = new SqliteApp();
        await app.InitializeAsync();
        var periodId = await ResultsData.ScoredQuarterAsync(app);
        await app.AddUserAsync("rp-auditor", Role.Auditor, Organization.RootCode);
        var auditor = await app.SignedInClientAsync("rp-auditor");

        var response = await auditor.GetAsync($"/periods/{periodId}/ranking");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/denied", response.Headers.Location!.ToString());
    }

    /// <summary>A second node over the same database, with its own memory.</summary>
    /// <summary>
    /// A generated organization of <paramref name="branches"/> branches, a root org-admin <paramref name="login"/>, and
    /// 2026 Q3 opened and scored through the API on <paramref name="app"/>: the admin's bearer client and the period.
    /// </summary>
    private static async Task<(HttpClient Admin, int PeriodId)> ScoredOrganizationAsync(AppFactory app, int branches, string login)
    {
        await app.WithDbAsync(db => Testing.GeneratedOrganization.AddAsync(db, branches));
        await app.AddUserAsync(login, Role.OrgAdmin, Organization.RootCode);
        var admin = await app.BearerClientAsync(login);
        var periodId = (await (await admin.PostAsJsonAsync("/api/v1/periods", new { year = 2026, quarter = 3 })).JsonAsync()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/periods/{periodId}/scoring?wait=true", null)).StatusCode);
        return (admin, periodId);
    }

    private sealed class SecondNode(Testing.TestDatabase database) : AppFactory(database);
}

/// <summary>The ranking and the score card in Chromium: a leader on a desktop, a secretary on a phone.</summary>
public sealed class ResultsBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_leader_goes_from_the_periods_to_the_ranking_to_a_score_card()
    {
        await ResultsData.ScoredQuarterAsync(app);
        await app.AddUserAsync("rb-leader", Role.Leader, "RP-DW1");
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "rb-leader");

        await page.GetByRole(AriaRole.Link, new() { Name = "考核结果" }).First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("periods")).ToContainTextAsync("2026年第3季度");
        await page.GetByRole(AriaRole.Link, new() { Name = "查看排名" }).ClickAsync();
        var rows = page.GetByTestId("ranking").Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.First).ToContainTextAsync("排名第一党支部");
        await BrowserApp.ScreenshotAsync(page, "ranking");

        await page.GetByRole(AriaRole.Link, new() { Name = "排名第二党支部" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("排名第二党支部");
        await Assertions.Expect(page.GetByTestId("lost")).ToContainTextAsync("支委会：7月、8月、9月均未开");
        await Assertions.Expect(page.Locator("[data-indicator='shyk.assembly']")).ToContainTextAsync("10 / 10");
        await BrowserApp.ScreenshotAsync(page, "score-card");
    }

    [Fact]
    public async Task A_secretary_reads_the_score_card_on_a_phone_without_sideways_scrolling()
    {
        var periodId = await ResultsData.ScoredQuarterAsync(app);
        await app.AddUserAsync("rb-secretary", Role.Secretary, "RP-ZB2");
        var page = await app.NewPageAsync(phone: true);
        await app.SignInAsync(page, "rb-secretary");

        await page.GotoAsync($"/periods/{periodId}/branches/RP-ZB2");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("排名第二党支部");
        await Assertions.Expect(page.GetByTestId("lost")).ToContainTextAsync("失 12 分");
        await Assertions.Expect(page.Locator("[data-indicator='shyk.committee']")).ToContainTextAsync("0 / 12");
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the page is {width}px wide on a 390px screen: it should not scroll sideways");
        await BrowserApp.ScreenshotAsync(page, "score-card-phone");
    }
}

/// <summary>The 组织部 moves a period through the cycle from the periods page.</summary>
public sealed class PeriodPageBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_root_org_admin_opens_a_period_scores_and_publishes_it_from_the_page()
    {
        await ResultsData.ScoredQuarterAsync(app);
        await app.AddUserAsync("pp-admin", Role.OrgAdmin, Organization.RootCode);
        var page = await app.NewPageAsync(phone: true);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await app.SignInAsync(page, "pp-admin");
        await page.GotoAsync("/periods");

        await page.GetByLabel("年度").FillAsync("2026");
        await page.GetByLabel("季度").SelectOptionAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "开启考核期" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("period-message")).ToHaveTextAsync("已开启2026年第2季度考核期。");

        await page.GetByLabel("季度").SelectOptionAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "开启考核期" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("period-error")).ToContainTextAsync("已经开启，不能重复开启");

        var q2 = page.GetByTestId("periods").Locator(".list-group-item", new() { HasText = "2026年第2季度" });
        await q2.GetByRole(AriaRole.Button, new() { Name = "结束收集并计分" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("period-message")).ToContainTextAsync("评分中");
        await Assertions.Expect(q2).ToContainTextAsync("已计分党支部 3 个");

        // Issue 12: the 3 branches' manual indicators are unscored; publishing needs an explicit tick.
        await Assertions.Expect(q2.GetByTestId("manual-gaps")).ToContainTextAsync("还有 3 个党支部的 9 项人工评分指标未评分（应评 9 项）：农村党支部 3 个支部 9 项。");
        await q2.GetByRole(AriaRole.Button, new() { Name = "公示结果" }).ClickAsync();
        await Assertions.Expect(q2).ToContainTextAsync("评分中"); // the browser refuses the form without the tick
        await q2.GetByLabel("人工评分未完成，仍要公示").CheckAsync();
        await q2.GetByRole(AriaRole.Button, new() { Name = "公示结果" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("period-message")).ToContainTextAsync("公示中");

        // Final only after the appeal window: refused with the reason, nothing moved.
        await q2.GetByLabel("人工评分未完成，仍要定稿").CheckAsync();
        await q2.GetByRole(AriaRole.Button, new() { Name = "定稿", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("period-error")).ToBeVisibleAsync();
        await Assertions.Expect(q2).ToContainTextAsync("公示中");
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the page is {width}px wide on a 390px screen: it should not scroll sideways");

        // Issue 12: the appeal window can be ended early from the page, after ticking the confirmation.
        var early = q2.GetByTestId("close-appeals-early");
        await early.GetByRole(AriaRole.Button, new() { Name = "提前结束公示并定稿" }).ClickAsync();
        await Assertions.Expect(q2).ToContainTextAsync("公示中"); // the browser refuses the form without the tick
        await early.GetByLabel("确认提前结束公示期，不再受理申诉").CheckAsync();
        await early.GetByLabel("人工评分未完成，仍要提前定稿").CheckAsync();
        await early.GetByRole(AriaRole.Button, new() { Name = "提前结束公示并定稿" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("period-message")).ToContainTextAsync("定稿");
        await Assertions.Expect(q2).ToContainTextAsync("已定稿");
        width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the page is {width}px wide on a 390px screen: it should not scroll sideways");
        await BrowserApp.ScreenshotAsync(page, "periods-admin-phone");

        var audit = 0;
        await app.WithDbAsync(async db => audit = await db.AuditEntries.CountAsync(a => a.Action == "periods.transition" && a.Target == "2026Q2"));
        Assert.Equal(3, audit);
    }
}

internal static class ResultsData
{
    /// <summary>
    /// Two rural branches under RP-DW1 (one with every 三会一课 meeting, one with only an assembly) and one elsewhere;
    /// opens 2026 Q3 and scores it. Idempotent within one app, so browser tests can share a fixture.
    /// </summary>
    public static async Task<int> ScoredQuarterAsync(AppFactory app)
    {
        var existing = 0;
        await app.WithDbAsync(async db => existing = await db.Periods.Where(p => p.Year == 2026 && p.Quarter == 3).Select(p => p.Id).SingleOrDefaultAsync());
        if (existing != 0)
        {
            return existing;
        }

        await app.AddOrganizationAsync("RP-DW1", "排名党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync("RP-DW9", "别处党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync("RP-ZB1", "排名第一党支部", "RP-DW1", OrganizationKind.Branch, "community/rural", 10, 3);
        await app.AddOrganizationAsync("RP-ZB2", "排名第二党支部", "RP-DW1", OrganizationKind.Branch, "community/rural", 10, 3);
        await app.AddOrganizationAsync("RP-ZB9", "别处党支部", "RP-DW9", OrganizationKind.Branch, "community/rural", 10, 3);
        await app.WithDbAsync(async db =>
        {
            var branches = await db.Organizations.Where(o => o.Code.StartsWith("RP-ZB")).ToDictionaryAsync(o => o.Code, o => o.Id);
            db.MeetingRecords.Add(Meeting(branches["RP-ZB2"], MeetingType.Assembly, new DateOnly(2026, 8, 15), 10, 8));
            foreach (var code in new[] { "RP-ZB1", "RP-ZB9" })
            {
                db.MeetingRecords.Add(Meeting(branches[code], MeetingType.Assembly, new DateOnly(2026, 8, 15), 10, 8));
                db.MeetingRecords.Add(Meeting(branches[code], MeetingType.Lecture, new DateOnly(2026, 9, 20), 10, 8));
                foreach (var month in new[] { 7, 8, 9 })
                {
                    db.MeetingRecords.Add(Meeting(branches[code], MeetingType.Committee, new DateOnly(2026, month, 3), 3, 3));
                    db.MeetingRecords.Add(Meeting(branches[code], MeetingType.ThemeDay, new DateOnly(2026, month, 10), 10, 7));
                }
            }

            var catalog = app.Services.GetRequiredService<LivePackCatalog>().Current;
            db.Periods.Add(new Period
            {
                Year = 2026,
                Quarter = 3,
                OpenedAt = app.Clock.GetUtcNow(),
                OpenedBy = "test",
                Packs = catalog.Packs.Select(p => new PinnedPack { PackId = p.Manifest.Id, Version = p.Manifest.Version }).ToList(),
            });
            await db.SaveChangesAsync();
        });

        var periodId = 0;
        await app.WithDbAsync(async db => periodId = await db.Periods.Where(p => p.Year == 2026 && p.Quarter == 3).Select(p => p.Id).SingleAsync());
        var outcome = await app.WithScopeAsync(services => services.GetRequiredService<PeriodScoring>().RunAsync(periodId, "test", CancellationToken.None));
        Assert.Null(outcome.Error);
        return periodId;
    }

    private static MeetingRecord Meeting(int branchId, MeetingType type, DateOnly date, int expected, int present) => new()
    {
        BranchId = branchId,
        Type = type,
        Date = date,
        Expected = expected,
        Present = present,
        Topic = "学习党章",
        CreatedAt = DateTimeOffset.UnixEpoch,
    };
}
