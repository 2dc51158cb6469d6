using System.Net;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// SPEC "Who uses it": every user is scoped to one node and sees that node and what is below it, never a sibling's
/// data — on both databases (the scope is a path-prefix query, whose LIKE semantics differ between them).
/// </summary>
public abstract class ScopeTests(AppFactory app)
{
    private const string NotFoundOrOutOfScope = "不存在或不在您的管理范围内";

    private async Task SeedAsync()
    {
        var seeded = await app.WithScopeAsync(services => services.GetRequiredService<AppraisalDbContext>().Users.AnyAsync(u => u.Login == "sc-admin-a"));
        if (seeded)
        {
            return;
        }

        await app.AddOrganizationAsync("SC-DWA", "甲党委", "ROOT", OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync("SC-ZBA", "甲第一党支部", "SC-DWA", OrganizationKind.Branch, "one-plus-n/operations", 9, 3, "一组");
        await app.AddOrganizationAsync("SC-DWB", "乙党委", "ROOT", OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync("SC-ZBB", "乙第一党支部", "SC-DWB", OrganizationKind.Branch, "one-plus-n/management", 8, 3);

        // "_" is a LIKE wildcard: a scope query that does not escape it would let SCW_1 see SCWX1.
        await app.AddOrganizationAsync("SCW_1", "丙党委", "ROOT", OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync("SCW_1-ZB", "丙党支部", "SCW_1", OrganizationKind.Branch, "community/rural", 5);
        await app.AddOrganizationAsync("SCWX1", "丁党委", "ROOT", OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync("SCWX1-ZB", "丁党支部", "SCWX1", OrganizationKind.Branch, "community/rural", 5);

        await app.AddUserAsync("sc-secretary", Role.Secretary, "SC-ZBA");
        await app.AddUserAsync("sc-admin-a", Role.OrgAdmin, "SC-DWA");
        await app.AddUserAsync("sc-admin-root", Role.OrgAdmin, "ROOT");
        await app.AddUserAsync("sc-admin-w", Role.OrgAdmin, "SCW_1");
    }

    private static string WithoutTraceId(System.Text.Json.JsonElement problem) =>
        string.Join(",", problem.EnumerateObject().Where(p => p.Name != "traceId").Select(p => $"{p.Name}={p.Value}"));

    private async Task<List<OrganizationResultDto>> ListAsync(string login)
    {
        await SeedAsync();
        var client = await app.BearerClientAsync(login);
        var response = await client.GetAsync("/api/v1/organizations");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).As<List<OrganizationResultDto>>()!;
    }

    [Fact]
    public async Task Secretary_lists_only_their_own_branch()
    {
        var list = await ListAsync("sc-secretary");

        var only = Assert.Single(list);
        Assert.Equal("SC-ZBA", only.Code);
        Assert.Equal("SC-DWA", only.ParentCode);
        Assert.Equal(["一组"], only.Groups);
    }

    [Fact]
    public async Task Org_admin_lists_their_subtree_only()
    {
        var list = await ListAsync("sc-admin-a");

        Assert.Equal(["SC-DWA", "SC-ZBA"], list.Select(o => o.Code));
    }

    [Fact]
    public async Task Org_admin_at_root_sees_both_committees_and_their_branches()
    {
        var list = await ListAsync("sc-admin-root");

        var codes = list.Select(o => o.Code).ToList();
        Assert.Equal("ROOT", codes[0]);
        foreach (var code in new[] { "SC-DWA", "SC-ZBA", "SC-DWB", "SC-ZBB", "SCW_1", "SCWX1" })
        {
            Assert.Contains(code, codes);
        }

        Assert.True(codes.IndexOf("SC-DWB") < codes.IndexOf("SC-ZBB"), "parents come before children");
    }

    [Fact]
    public async Task An_underscore_in_the_scope_code_is_not_a_wildcard()
    {
        var list = await ListAsync("sc-admin-w");

        Assert.Equal(["SCW_1", "SCW_1-ZB"], list.Select(o => o.Code));
        var client = await app.BearerClientAsync("sc-admin-w");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/organizations/SCWX1-ZB")).StatusCode);
    }

    [Theory]
    [InlineData("sc-secretary")]
    [InlineData("sc-admin-a")]
    public async Task A_sibling_branch_is_404_and_looks_like_a_missing_one(string login)
    {
        await SeedAsync();
        var client = await app.BearerClientAsync(login);

        var sibling = await client.GetAsync("/api/v1/organizations/SC-ZBB");
        var missing = await client.GetAsync("/api/v1/organizations/SC-NOPE");
        var own = await client.GetAsync("/api/v1/organizations/SC-ZBA");

        Assert.Equal(HttpStatusCode.NotFound, sibling.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(WithoutTraceId(await missing.JsonAsync()), WithoutTraceId(await sibling.JsonAsync()));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("SC-ZBA", (await own.JsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Secretary_cannot_read_the_committee_above_their_branch()
    {
        await SeedAsync();
        var client = await app.BearerClientAsync("sc-secretary");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/organizations/SC-DWA")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/organizations/ROOT")).StatusCode);
    }

    [Fact]
    public async Task Org_admin_cannot_import_under_a_sibling_and_is_not_told_whether_it_exists()
    {
        await SeedAsync();
        var client = await app.BearerClientAsync("sc-admin-a");
        var before = await app.CountOrganizationsAsync();
        var file = TestSupport.OrganizationFile(
            ["SC-NEW1", "新支部一", "SC-DWB", "党支部", "one-plus-n/operations", 8, 3, null],
            ["SC-NEW2", "新支部二", "SC-NOPE", "党支部", "one-plus-n/operations", 8, 3, null],
            ["SC-NEW3", "新支部三", "SC-DWA", "党支部", "one-plus-n/operations", 8, 3, null]);

        var response = await client.PostAsync("/api/v1/organizations/import?wait=true", TestSupport.Upload(file));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await response.ImportErrorsAsync();
        Assert.Equal(2, errors.Count);
        var existing = errors.Single(e => e.Row == 2);
        var missing = errors.Single(e => e.Row == 3);
        Assert.Equal("C", existing.Column);
        Assert.Equal("C", missing.Column);
        Assert.Contains(NotFoundOrOutOfScope, existing.Message);
        Assert.Equal(missing.Message.Replace("SC-NOPE", "X", StringComparison.Ordinal), existing.Message.Replace("SC-DWB", "X", StringComparison.Ordinal));
        Assert.DoesNotContain("乙党委", existing.Message);

        Assert.Equal(before, await app.CountOrganizationsAsync());
        var saved = await app.WithScopeAsync(services => services.GetRequiredService<AppraisalDbContext>().Organizations.CountAsync(o => o.Code.StartsWith("SC-NEW")));
        Assert.Equal(0, saved);
    }

    [Fact]
    public async Task Org_admin_below_root_cannot_add_a_committee_under_root()
    {
        await SeedAsync();
        var client = await app.BearerClientAsync("sc-admin-a");
        var before = await app.CountOrganizationsAsync();

        var response = await client.PostAsync("/api/v1/organizations/import?wait=true",
            TestSupport.Upload(TestSupport.OrganizationFile(["SC-DWC", "新党委", "ROOT", "党委"])));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single(await response.ImportErrorsAsync());
        Assert.Equal((2, "C"), (error.Row, error.Column));
        Assert.Contains(NotFoundOrOutOfScope, error.Message);
        Assert.Equal(before, await app.CountOrganizationsAsync());
    }
}

public sealed class SqliteScopeTests(SqliteApp app) : ScopeTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresScopeTests(PostgresApp app) : ScopeTests(app), IClassFixture<PostgresApp>;
