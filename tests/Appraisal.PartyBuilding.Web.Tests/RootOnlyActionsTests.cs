using System.Net;
using System.Net.Http.Json;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// Issue 10.2: an org-admin of a sub-tree reaches none of the whole-organization writes (periods, scoring,
/// transitions, the incentive coefficient table) and nothing changes when they try; the root's 组织部 still can.
/// On both databases, because the policy reads the account's node from the database.
/// </summary>
public abstract class RootOnlyActionsTests(AppFactory app)
{
    private async Task<(HttpClient Root, HttpClient Sub)> AdminsAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await app.AddOrganizationAsync("RO-" + suffix, "子党委" + suffix, Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddUserAsync("ro-root-" + suffix, Role.OrgAdmin, Organization.RootCode);
        await app.AddUserAsync("ro-sub-" + suffix, Role.OrgAdmin, "RO-" + suffix);
        return (await app.BearerClientAsync("ro-root-" + suffix), await app.BearerClientAsync("ro-sub-" + suffix));
    }

    private Task<int> AuditCountAsync() => app.WithScopeAsync(async services =>
        await services.GetRequiredService<Data.AppraisalDbContext>().AuditEntries.CountAsync());

    [Fact]
    public async Task A_sub_tree_admin_neither_opens_scores_moves_a_period_nor_edits_coefficients()
    {
        var (root, sub) = await AdminsAsync();
        var audited = await AuditCountAsync();

        var open = await sub.PostAsJsonAsync("/api/v1/periods", new { year = 2031, quarter = 1 });
        Assert.Equal(HttpStatusCode.Forbidden, open.StatusCode);
        Assert.Equal(TestSupport.ProblemJson, open.Content.Headers.ContentType?.MediaType);
        Assert.Contains("只有根组织的组织部账号", (await open.JsonAsync()).GetProperty("detail").GetString());
        await app.WithDbAsync(async db => Assert.False(await db.Periods.AnyAsync(p => p.Year == 2031)));

        var created = await root.PostAsJsonAsync("/api/v1/periods", new { year = 2031, quarter = 2 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.JsonAsync()).GetProperty("id").GetInt32();
        audited = await AuditCountAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await sub.PostAsync($"/api/v1/periods/{id}/scoring?wait=true", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sub.PostAsJsonAsync($"/api/v1/periods/{id}/transitions", new { to = "scoring" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sub.PutAsJsonAsync("/api/v1/incentives/coefficients", new { coefficients = new[] { new { grade = "好", coefficient = 4.5m } } })).StatusCode);

        await app.WithDbAsync(async db =>
        {
            var period = await db.Periods.AsNoTracking().SingleAsync(p => p.Id == id);
            Assert.Equal(PeriodState.Open, period.State);
            Assert.Null(period.ScoringStartedAt);
            Assert.False(await db.BranchResults.AnyAsync(r => r.PeriodId == id));
            Assert.False(await db.IncentiveCoefficients.AnyAsync(c => c.Coefficient == 4.5m));
        });
        Assert.Equal(audited, await AuditCountAsync());

        // The root's 组织部 is not affected by the policy.
        Assert.Equal(HttpStatusCode.OK, (await root.PostAsJsonAsync($"/api/v1/periods/{id}/transitions", new { to = "scoring" })).StatusCode);
    }

    [Fact]
    public async Task A_sub_tree_admin_gets_the_denied_page_for_the_period_and_coefficient_forms()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await app.AddOrganizationAsync("RP-" + suffix, "子党委" + suffix, Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddUserAsync("rp-sub-" + suffix, Role.OrgAdmin, "RP-" + suffix);
        var client = await app.SignedInClientAsync("rp-sub-" + suffix);

        foreach (var path in new[] { "/periods", "/periods/1/next", "/incentives/coefficients" })
        {
            var response = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["year"] = "2032", ["quarter"] = "1" }));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/denied", response.Headers.Location!.AbsolutePath);
        }

        await app.WithDbAsync(async db => Assert.False(await db.Periods.AnyAsync(p => p.Year == 2032)));
    }
}

public sealed class SqliteRootOnlyActionsTests(SqliteApp app) : RootOnlyActionsTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresRootOnlyActionsTests(PostgresApp app) : RootOnlyActionsTests(app), IClassFixture<PostgresApp>;
