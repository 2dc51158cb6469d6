using System.Net;
using System.Text.RegularExpressions;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Data;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>Issue 11: the organizations page shows one level at a time, paged and searchable, within the user's subtree.</summary>
public sealed class OrganizationsPageTests
{
    private static async Task SeedAsync(AppFactory app)
    {
        await app.AddOrganizationAsync("OP-DW", "分页测试党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync("OP-DW2", "分页测试第二党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        for (var i = 1; i <= 60; i++)
        {
            await app.AddOrganizationAsync($"OP-ZB{i:00}", $"分页测试第{i}党支部", "OP-DW", OrganizationKind.Branch, "community/rural", 3, 3);
        }

        await app.AddOrganizationAsync("OP-ZB99", "第二党委的党支部", "OP-DW2", OrganizationKind.Branch, "community/rural", 7, 0);
    }

    private static List<string> Codes(string html) =>
        Regex.Matches(html, "<li data-code=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Children_are_paged_with_totals_from_the_database_and_a_node_opens_by_its_link(DatabaseProvider provider)
    {
        await using var app = new AppFactory(provider);
        await app.InitializeAsync();
        await SeedAsync(app);
        await app.AddUserAsync("op-admin", Role.OrgAdmin, Organization.RootCode);
        var admin = await app.SignedInClientAsync("op-admin");

        var top = await admin.GetStringAsync("/organizations");
        var first = await admin.GetStringAsync("/organizations?node=OP-DW");
        var second = await admin.GetStringAsync("/organizations?node=OP-DW&page=2");

        Assert.Equal(["OP-DW", "OP-DW2"], Codes(top));
        Assert.Contains("href=\"/organizations?node=OP-DW\" data-testid=\"open-node\">展开（下级 60 个）", top);
        Assert.Contains("党支部 61 个 · 党员 187 名", top);
        Assert.Equal(Enumerable.Range(1, 50).Select(i => $"OP-ZB{i:00}"), Codes(first));
        Assert.Equal(Enumerable.Range(51, 10).Select(i => $"OP-ZB{i:00}"), Codes(second));
        Assert.Contains("<span data-testid=\"total\">60</span>", second);
        Assert.Contains("第 2 / 2 页", second);
        Assert.Contains("分页测试党委 · 党支部 60 个 · 党员 180 名", second);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Search_by_code_or_name_finds_nodes_below_in_the_subtree_only(DatabaseProvider provider)
    {
        await using var app = new AppFactory(provider);
        await app.InitializeAsync();
        await SeedAsync(app);
        await app.AddUserAsync("op-admin2", Role.OrgAdmin, Organization.RootCode);
        await app.AddUserAsync("op-leader", Role.Leader, "OP-DW2");
        var admin = await app.SignedInClientAsync("op-admin2");
        var leader = await app.SignedInClientAsync("op-leader");

        var byCode = await admin.GetStringAsync("/organizations?q=ZB05");
        var byName = await admin.GetStringAsync("/organizations?q=" + Uri.EscapeDataString("第1党支部"));
        var leaderSearch = await leader.GetStringAsync("/organizations?q=OP-ZB");

        Assert.Equal(["OP-ZB05"], Codes(byCode));
        Assert.Contains("位置：/ROOT/OP-DW/OP-ZB05/", byCode);
        Assert.Equal(["OP-ZB01"], Codes(byName));
        Assert.Equal(["OP-ZB99"], Codes(leaderSearch));
        Assert.Contains("<span data-testid=\"total\">1</span>", leaderSearch);
    }

    [Fact]
    public async Task A_node_outside_the_users_subtree_is_not_found()
    {
        await using var app = new SqliteApp();
        await app.InitializeAsync();
        await SeedAsync(app);
        await app.AddUserAsync("op-leader2", Role.Leader, "OP-DW2");
        await app.AddUserAsync("op-leader3", Role.Leader, "OP-DW");
        var leader = await app.SignedInClientAsync("op-leader2");
        var parentLeader = await app.SignedInClientAsync("op-leader3");

        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync("/organizations?node=OP-DW")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync("/organizations?node=ROOT")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync("/organizations?node=NO-SUCH")).StatusCode);
        Assert.Equal(["OP-ZB99"], Codes(await leader.GetStringAsync("/organizations")));
        Assert.Equal(["OP-ZB99"], Codes(await leader.GetStringAsync("/organizations?node=OP-DW2")));
        // The leader of the other 党委 sees its own branches and opens none of the sibling's.
        Assert.Equal(50, Codes(await parentLeader.GetStringAsync("/organizations")).Count);
        Assert.Equal(HttpStatusCode.NotFound, (await parentLeader.GetAsync("/organizations?node=OP-ZB99")).StatusCode);
    }
}
