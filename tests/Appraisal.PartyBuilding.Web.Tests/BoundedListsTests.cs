using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Appeals;
using Appraisal.PartyBuilding.Core.Meetings;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Core.Rectification;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Excel.Incentives;
using Appraisal.PartyBuilding.Plugins;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OfficeOpenXml;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// Issue 11 goal 3 for the health board, the incentives and the completeness table: more branches than one page, the
/// second page shows the rest, counters count every branch, filters are applied by the server, and every role sees
/// its own subtree only. 73 branches: BL-A holds 70 (BL-A001..BL-A020 held October's meetings, so they are green),
/// BL-B holds 3; a final 2026 Q3 with one result per branch, ranked in code order.
/// </summary>
public abstract class BoundedListsTests(AppFactory app)
{
    private const int Green = 20;
    private const int InA = 70;
    private const int InB = 3;
    private const int All = InA + InB;

    [Fact]
    public async Task The_health_warnings_api_pages_counts_filters_and_keeps_to_the_scope()
    {
        await BoundedListsData.SeedAsync(app);
        var admin = await app.BearerClientAsync("bl-root");

        var first = await admin.GetAsync("/api/v1/health-warnings?pageSize=50");
        var second = await admin.GetAsync("/api/v1/health-warnings?pageSize=50&page=2");
        var green = await admin.GetAsync("/api/v1/health-warnings?colour=green");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(All.ToString(), Header(first, "X-Total-Count"));
        Assert.Equal("2", Header(first, "X-Page-Count"));
        Assert.Equal((All - Green).ToString(), Header(second, "X-Yellow-Count"));
        Assert.Equal(Green.ToString(), Header(second, "X-Green-Count"));
        Assert.Equal("0", Header(second, "X-Red-Count"));
        var page1 = Codes(await first.JsonAsync());
        var page2 = Codes(await second.JsonAsync());
        Assert.Equal(50, page1.Count);
        Assert.Equal(All - 50, page2.Count);
        Assert.Empty(page1.Intersect(page2));
        Assert.Equal("BL-A021", page1[0]);
        Assert.Equal(["BL-B1", "BL-B2", "BL-B3", "BL-A001"], page2.Take(4));
        var greens = (await green.JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(Green.ToString(), Header(green, "X-Total-Count"));
        Assert.Equal(Green, greens.Count);
        Assert.All(greens, g => Assert.Equal("green", g.GetProperty("colour").GetString()));

        var bad = await admin.GetAsync("/api/v1/health-warnings?colour=purple");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("未知的颜色“purple”", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/health-warnings?organization=NO-SUCH")).StatusCode);
        var inA = await admin.GetAsync("/api/v1/health-warnings?organization=BL-A");
        Assert.Equal(InA.ToString(), Header(inA, "X-Total-Count"));

        await ExpectScopeAsync("bl-b-admin", InB, "BL-B", "BL-A");
        await ExpectScopeAsync("bl-a-leader", InA, "BL-A", "BL-B");
        await ExpectScopeAsync("bl-a-assessor", InA, "BL-A", "BL-B");
        await ExpectScopeAsync("bl-a001-secretary", 1, "BL-A001", "BL-A");
        foreach (var denied in new[] { "bl-auditor", "bl-sysadmin" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await (await app.BearerClientAsync(denied)).GetAsync("/api/v1/health-warnings")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous().GetAsync("/api/v1/health-warnings")).StatusCode);

        async Task ExpectScopeAsync(string login, int total, string prefix, string outside)
        {
            var client = await app.BearerClientAsync(login);
            var response = await client.GetAsync("/api/v1/health-warnings");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(total.ToString(), Header(response, "X-Total-Count"));
            Assert.All(Codes(await response.JsonAsync()), c => Assert.StartsWith(prefix, c));
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/health-warnings?organization={outside}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/health-warnings?organization=ROOT")).StatusCode);
        }
    }

    [Fact]
    public async Task The_health_board_page_shows_the_rest_on_page_two_with_counters_of_every_branch()
    {
        await BoundedListsData.SeedAsync(app);
        var admin = await app.SignedInClientAsync("bl-root");

        var first = await admin.GetStringAsync("/warnings");
        var second = await admin.GetStringAsync("/warnings?page=2");
        var green = await admin.GetStringAsync("/warnings?colour=green");

        Assert.Equal(50, Regex.Count(first, "data-branch=\""));
        Assert.Equal(All - 50, Regex.Count(second, "data-branch=\""));
        Assert.Contains($"<span data-testid=\"total\">{All}</span>", first);
        Assert.Contains($"data-testid=\"yellow-count\">{All - Green}<", second);
        Assert.Contains($"data-testid=\"green-count\">{Green}<", second);
        Assert.Contains("data-branch=\"BL-B1\"", second);
        Assert.DoesNotContain("data-branch=\"BL-B1\"", first);
        Assert.Equal(Green, Regex.Count(green, "data-branch=\"BL-A0"));
        Assert.Equal(Green, Regex.Count(green, "data-branch=\""));

        var sub = await app.SignedInClientAsync("bl-b-admin");
        var own = await sub.GetStringAsync("/warnings");
        Assert.Equal(InB, Regex.Count(own, "data-branch=\""));
        Assert.Equal(HttpStatusCode.NotFound, (await sub.GetAsync("/warnings?organization=BL-A")).StatusCode);
        var auditor = await app.SignedInClientAsync("bl-auditor");
        Assert.Equal("/account/denied", (await auditor.GetAsync("/warnings")).Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task The_incentives_api_page_and_export_are_bounded_and_scoped()
    {
        var period = await BoundedListsData.SeedAsync(app);
        var admin = await app.BearerClientAsync("bl-root");

        var first = await admin.GetAsync($"/api/v1/periods/{period}/incentives?pageSize=50");
        var second = await admin.GetAsync($"/api/v1/periods/{period}/incentives?pageSize=50&page=2");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(All.ToString(), Header(first, "X-Total-Count"));
        var ranks = (await first.JsonAsync()).EnumerateArray().Concat((await second.JsonAsync()).EnumerateArray()).Select(l => l.GetProperty("rank").GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(1, All), ranks);
        Assert.All((await second.JsonAsync()).EnumerateArray(), l => Assert.Equal(All, l.GetProperty("categorySize").GetInt32()));

        var sub = await app.BearerClientAsync("bl-b-admin");
        var subLines = await sub.GetAsync($"/api/v1/periods/{period}/incentives");
        Assert.Equal(InB.ToString(), Header(subLines, "X-Total-Count"));
        Assert.Equal(["BL-B1", "BL-B2", "BL-B3"], Codes(await subLines.JsonAsync()));
        var leader = await app.BearerClientAsync("bl-a-leader");
        Assert.Equal(InA.ToString(), Header(await leader.GetAsync($"/api/v1/periods/{period}/incentives"), "X-Total-Count"));
        foreach (var denied in new[] { "bl-a-assessor", "bl-a001-secretary", "bl-auditor", "bl-sysadmin" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await (await app.BearerClientAsync(denied)).GetAsync($"/api/v1/periods/{period}/incentives")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous().GetAsync($"/api/v1/periods/{period}/incentives")).StatusCode);

        // The export is a file, unpaged: every branch in scope, in rank order.
        Assert.Equal(Enumerable.Range(1, All).Select(r => r.ToString()), await ExportRanksAsync(admin));
        Assert.Equal(["71", "72", "73"], await ExportRanksAsync(sub));
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync($"/api/v1/periods/{period}/incentives.xlsx")).StatusCode);

        var page = await app.SignedInClientAsync("bl-root");
        var html1 = await page.GetStringAsync($"/incentives?periodId={period}");
        var html2 = await page.GetStringAsync($"/incentives?periodId={period}&page=2");
        Assert.Contains($"<span data-testid=\"total\">{All}</span>", html1);
        Assert.Equal(50, Regex.Count(html1, ">BL-A第"));
        Assert.Equal(InA - 50, Regex.Count(html2, ">BL-A第"));
        Assert.Equal(InB, Regex.Count(html2, ">BL-B第"));

        async Task<List<string>> ExportRanksAsync(HttpClient client)
        {
            var response = await client.GetAsync($"/api/v1/periods/{period}/incentives.xlsx");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var package = new ExcelPackage(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
            var sheet = package.Workbook.Worksheets[IncentiveWorkbook.SheetName];
            return Enumerable.Range(2, sheet.Dimension.End.Row - 1).Select(r => sheet.Cells[r, 8].Text).ToList();
        }
    }

    [Fact]
    public async Task The_completeness_api_and_table_page_by_the_database_and_count_every_branch()
    {
        await BoundedListsData.SeedAsync(app);
        var admin = await app.BearerClientAsync("bl-root");

        var first = await admin.GetAsync("/api/v1/records/completeness?year=2026&quarter=4&pageSize=50");
        var second = await admin.GetAsync("/api/v1/records/completeness?year=2026&quarter=4&pageSize=50&page=2");

        Assert.Equal(All.ToString(), Header(first, "X-Total-Count"));
        var grids = (await first.JsonAsync()).EnumerateArray().Concat((await second.JsonAsync()).EnumerateArray()).ToList();
        var codes = grids.Select(g => g.GetProperty("branchCode").GetString()!).ToList();
        Assert.Equal(All, codes.Distinct().Count());
        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
        var behind = grids.Count(g => g.GetProperty("rows").EnumerateArray().SelectMany(r => r.GetProperty("cells").EnumerateArray())
            .Any(c => c.GetProperty("state").GetString() is "missing" or "invalid"));
        Assert.Single((await (await admin.GetAsync("/api/v1/records/completeness?year=2026&quarter=4&branchCode=bl-b2")).JsonAsync()).EnumerateArray());

        var sub = await app.BearerClientAsync("bl-b-admin");
        Assert.Equal(InB.ToString(), Header(await sub.GetAsync("/api/v1/records/completeness"), "X-Total-Count"));
        Assert.Equal(HttpStatusCode.NotFound, (await sub.GetAsync("/api/v1/records/completeness?branchCode=BL-A001")).StatusCode);
        Assert.Equal(InA.ToString(), Header(await (await app.BearerClientAsync("bl-a-leader")).GetAsync("/api/v1/records/completeness"), "X-Total-Count"));
        Assert.Equal(InA.ToString(), Header(await (await app.BearerClientAsync("bl-a-assessor")).GetAsync("/api/v1/records/completeness"), "X-Total-Count"));
        Assert.Equal("1", Header(await (await app.BearerClientAsync("bl-a001-secretary")).GetAsync("/api/v1/records/completeness"), "X-Total-Count"));
        foreach (var denied in new[] { "bl-auditor", "bl-sysadmin" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await (await app.BearerClientAsync(denied)).GetAsync("/api/v1/records/completeness")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous().GetAsync("/api/v1/records/completeness")).StatusCode);

        var page = await app.SignedInClientAsync("bl-root");
        var html1 = await page.GetStringAsync("/records/completeness?year=2026&quarter=4");
        var html2 = await page.GetStringAsync("/records/completeness?year=2026&quarter=4&page=2");
        Assert.Equal(50, Regex.Count(html1, "<tr data-branch=\""));
        Assert.Equal(All - 50, Regex.Count(html2, "<tr data-branch=\""));
        Assert.Contains($"data-testid=\"branch-total\">{All}<", html2);
        Assert.Contains($"data-testid=\"behind-count\">{behind}<", html2);
        // October's meetings held: fewer missing, so listed last.
        Assert.Contains("<tr data-branch=\"BL-A020\"", html2);
        Assert.DoesNotContain("<tr data-branch=\"BL-A001\"", html1);
        var subPage = await (await app.SignedInClientAsync("bl-b-admin")).GetStringAsync("/records/completeness?year=2026&quarter=4");
        Assert.Equal(InB, Regex.Count(subPage, "<tr data-branch=\""));
    }

    [Theory]
    [InlineData("/api/v1/periods/{0}/appeals")]
    [InlineData("/api/v1/rectification?periodId={0}")]
    public async Task The_appeals_and_rectification_apis_page_by_the_database_within_scope(string path)
    {
        var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, path, await BoundedListsData.SeedAsync(app));
        var join = url.Contains('?') ? "&" : "?";
        var admin = await app.BearerClientAsync("bl-root");

        var first = await admin.GetAsync($"{url}{join}pageSize=50");
        var second = await admin.GetAsync($"{url}{join}pageSize=50&page=2");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(All.ToString(), Header(first, "X-Total-Count"));
        Assert.Equal("2", Header(second, "X-Page-Count"));
        var page1 = Codes(await first.JsonAsync());
        var page2 = Codes(await second.JsonAsync());
        Assert.Equal(50, page1.Count);
        Assert.Equal(All - 50, page2.Count);
        Assert.Equal(All, page1.Concat(page2).Distinct().Count());
        Assert.Equal(All.ToString(), Header(await admin.GetAsync(url), "X-Total-Count"));

        foreach (var (login, total, prefix) in new[] { ("bl-b-admin", InB, "BL-B"), ("bl-a-leader", InA, "BL-A"), ("bl-a-assessor", InA, "BL-A"), ("bl-a001-secretary", 1, "BL-A001") })
        {
            var response = await (await app.BearerClientAsync(login)).GetAsync(url);
            Assert.Equal(total.ToString(), Header(response, "X-Total-Count"));
            Assert.All(Codes(await response.JsonAsync()), c => Assert.StartsWith(prefix, c));
        }

        foreach (var denied in new[] { "bl-auditor", "bl-sysadmin" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await (await app.BearerClientAsync(denied)).GetAsync(url)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous().GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task The_system_administrator_home_pages_the_accounts_with_a_total_from_the_database()
    {
        await BoundedListsData.SeedAsync(app);
        for (var i = 0; i < 50; i++)
        {
            await app.AddUserAsync($"bl-member-{i:D2}", Role.Secretary, "BL-B1");
        }

        var total = 0;
        await app.WithDbAsync(async db => total = await db.Users.CountAsync());
        var admin = await app.SignedInClientAsync("bl-sysadmin");

        var first = await admin.GetStringAsync("/");
        var second = await admin.GetStringAsync("/?page=2");

        Assert.Contains($"<span data-testid=\"total\">{total}</span>", first);
        Assert.Equal(50, Rows(first));
        Assert.Equal(total - 50, Rows(second));
        Assert.Contains("<td>bl-sysadmin</td>", first + second);

        static int Rows(string html) => Regex.Count(html[html.IndexOf("data-testid=\"accounts\"", StringComparison.Ordinal)..], "<tr>") - 1;
    }

    private HttpClient Anonymous() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static List<string> Codes(JsonElement array) =>
        array.EnumerateArray().Select(e => e.GetProperty("branchCode").GetString()!).ToList();

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;
}

public sealed class SqliteBoundedListsTests(SqliteApp app) : BoundedListsTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresBoundedListsTests(PostgresApp app) : BoundedListsTests(app), IClassFixture<PostgresApp>;

/// <summary>With <c>BranchLists:MaxComputed</c> at 60 the 73 branches are too many to assess at once: the reader chooses an organization.</summary>
public sealed class BoundedSubtreeTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_subtree_above_the_limit_lists_its_organizations_to_choose_from(DatabaseProvider provider)
    {
        await using var app = new CappedApp(provider);
        await app.InitializeAsync();
        await BoundedListsData.SeedAsync(app);
        var api = await app.BearerClientAsync("bl-root");
        var page = await app.SignedInClientAsync("bl-root");

        var refused = await api.GetAsync("/api/v1/health-warnings");
        var board = await page.GetStringAsync("/warnings");
        var table = await page.GetStringAsync("/records/completeness?year=2026&quarter=4");
        var home = await page.GetStringAsync("/");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("有73个党支部，超过一次评估的上限60个", await refused.Content.ReadAsStringAsync());
        foreach (var html in new[] { board, table })
        {
            Assert.Contains("data-testid=\"branch-count\">73<", html);
            Assert.Contains("data-organization=\"BL-A\"", html);
            Assert.Contains("data-organization=\"BL-B\"", html);
            Assert.DoesNotContain("data-branch=\"", html);
        }

        Assert.Contains("范围内有73个党支部", home);
        Assert.Contains("data-testid=\"overview-too-many\"", home);
        Assert.Equal(3, Regex.Count(await page.GetStringAsync("/warnings?organization=BL-B"), "data-branch=\""));
        Assert.Equal(3, Regex.Count(await page.GetStringAsync("/records/completeness?year=2026&quarter=4&organization=BL-B"), "<tr data-branch=\""));
        Assert.Equal("3", (await api.GetAsync("/api/v1/health-warnings?organization=BL-B")).Headers.GetValues("X-Total-Count").Single());
        // A sub-tree within the limit is assessed as before.
        var leader = await app.BearerClientAsync("bl-b-admin");
        Assert.Equal("3", (await leader.GetAsync("/api/v1/health-warnings")).Headers.GetValues("X-Total-Count").Single());
    }

    private sealed class CappedApp(DatabaseProvider provider) : AppFactory(provider)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("BranchLists:MaxComputed", "60");
        }
    }
}

internal static class BoundedListsData
{
    /// <summary>The organizations, users, October meetings and a final 2026 Q3; idempotent within one app. Returns the period id.</summary>
    public static async Task<int> SeedAsync(AppFactory app)
    {
        var existing = 0;
        await app.WithDbAsync(async db => existing = await db.Periods.Where(p => p.Year == 2026 && p.Quarter == 3).Select(p => p.Id).SingleOrDefaultAsync());
        if (existing != 0)
        {
            return existing;
        }

        await app.AddOrganizationAsync("BL-A", "甲党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync("BL-B", "乙党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.WithDbAsync(async db =>
        {
            var parents = await db.Organizations.Where(o => o.Code == "BL-A" || o.Code == "BL-B").ToDictionaryAsync(o => o.Code);
            var branches = Enumerable.Range(1, 70).Select(i => Branch(parents["BL-A"], $"BL-A{i:D3}", $"BL-A第{i}党支部"))
                .Concat(Enumerable.Range(1, 3).Select(i => Branch(parents["BL-B"], $"BL-B{i}", $"BL-B第{i}党支部")))
                .ToList();
            db.Organizations.AddRange(branches);
            foreach (var branch in branches.Take(20))
            {
                db.MeetingRecords.Add(Meeting(branch, MeetingType.Committee, new DateOnly(2026, 10, 8), 3, 3));
                db.MeetingRecords.Add(Meeting(branch, MeetingType.ThemeDay, new DateOnly(2026, 10, 15), 10, 8));
            }

            var catalog = app.Services.GetRequiredService<LivePackCatalog>().Current;
            var period = new Period
            {
                Year = 2026,
                Quarter = 3,
                State = PeriodState.Final,
                OpenedAt = app.Clock.GetUtcNow(),
                OpenedBy = "test",
                FinalizedAt = app.Clock.GetUtcNow(),
                Packs = catalog.Packs.Select(p => new PinnedPack { PackId = p.Manifest.Id, Version = p.Manifest.Version }).ToList(),
            };
            db.Periods.Add(period);
            await db.SaveChangesAsync();
            db.BranchResults.AddRange(branches.Select((b, i) => new BranchResult
            {
                PeriodId = period.Id,
                BranchId = b.Id,
                CategoryCode = "community/rural",
                Total = 95m - (i * 0.5m),
                MaxPoints = 100m,
                Grade = "良好",
                Rank = i + 1,
                Percentile = Math.Round(100m * (branches.Count - i) / branches.Count, 2),
                GradeExplanation = "测试",
                ComputedAt = app.Clock.GetUtcNow(),
            }));

            // One appeal and one rectification item per branch (the deadline not passed: the health stays as it is).
            db.Appeals.AddRange(branches.Select(b => new Appeal
            {
                PeriodId = period.Id,
                BranchId = b.Id,
                IndicatorCode = "shyk.assembly",
                Reason = "测试申诉",
                Evidence = "",
                FiledBy = "test",
                FiledAt = app.Clock.GetUtcNow(),
                MaxScore = 10m,
                OriginalExplanation = "测试",
                OriginalScorer = "系统",
            }));
            db.RectificationItems.AddRange(branches.Select(b => new RectificationItem
            {
                PeriodId = period.Id,
                BranchId = b.Id,
                IndicatorCode = "shyk.assembly",
                IndicatorName = "党员大会",
                MaxScore = 10m,
                PassScore = 6m,
                Reasons = "测试",
                Deadline = new DateOnly(2026, 12, 31),
                CreatedAt = app.Clock.GetUtcNow(),
            }));
            await db.SaveChangesAsync();
        });

        await app.AddUserAsync("bl-root", Role.OrgAdmin, Organization.RootCode);
        await app.AddUserAsync("bl-b-admin", Role.OrgAdmin, "BL-B");
        await app.AddUserAsync("bl-a-leader", Role.Leader, "BL-A");
        await app.AddUserAsync("bl-a-assessor", Role.Assessor, "BL-A");
        await app.AddUserAsync("bl-a001-secretary", Role.Secretary, "BL-A001");
        await app.AddUserAsync("bl-auditor", Role.Auditor, Organization.RootCode);
        await app.AddUserAsync("bl-sysadmin", Role.SysAdmin, Organization.RootCode);
        var id = 0;
        await app.WithDbAsync(async db => id = await db.Periods.Where(p => p.Year == 2026 && p.Quarter == 3).Select(p => p.Id).SingleAsync());
        return id;
    }

    private static Organization Branch(Organization parent, string code, string name) => new()
    {
        Code = code,
        Name = name,
        Kind = OrganizationKind.Branch,
        ParentId = parent.Id,
        Path = Organization.PathOf(parent.Path, code),
        CategoryCode = "community/rural",
        MemberCount = 10,
        CommitteeSize = 3,
    };

    private static MeetingRecord Meeting(Organization branch, MeetingType type, DateOnly date, int expected, int present) => new()
    {
        Branch = branch,
        Type = type,
        Date = date,
        Expected = expected,
        Present = present,
        Topic = "学习党章",
        CreatedAt = DateTimeOffset.UnixEpoch,
    };
}
