using System.Net;
using System.Net.Http.Json;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// Issue 9 item 7: re-scoring a period replaces its results and their indicator rows; no row is left pointing at a
/// deleted result (on SQLite <c>PRAGMA foreign_key_check</c> finds nothing, on PostgreSQL the same question is asked
/// with a query, since PostgreSQL always enforces foreign keys).
/// </summary>
public sealed class RescoreForeignKeyTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_rescore_leaves_no_orphan_indicator_rows(DatabaseProvider provider)
    {
        await using var app = new AppFactory(provider);
        await app.InitializeAsync();
        await app.AddOrganizationAsync("FK-DW", "外键党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync("FK-ZB1", "外键第一党支部", "FK-DW", OrganizationKind.Branch, "community/rural", 10, 3, "一组");
        await app.AddOrganizationAsync("FK-ZB2", "外键第二党支部", "FK-DW", OrganizationKind.Branch, "community/urban", 10, 3, "一组");
        await app.AddUserAsync("fk-admin", Role.OrgAdmin, Organization.RootCode);
        var admin = await app.BearerClientAsync("fk-admin");
        var id = (await (await admin.PostAsJsonAsync("/api/v1/periods", new { year = 2026, quarter = 3 })).JsonAsync()).GetProperty("id").GetInt32();

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/periods/{id}/scoring?wait=true", null)).StatusCode);
        var once = await CountAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/periods/{id}/scoring?wait=true", null)).StatusCode);

        Assert.True(once.Indicators > 0);
        Assert.Equal(once, await CountAsync(app));
        await app.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = provider == DatabaseProvider.Sqlite
                ? "PRAGMA foreign_key_check"
                : """SELECT i."Id" FROM "BranchIndicatorScores" i WHERE NOT EXISTS (SELECT 1 FROM "BranchResults" r WHERE r."Id" = i."BranchResultId")""";
            await using var reader = await command.ExecuteReaderAsync();
            Assert.False(await reader.ReadAsync(), "rows point at rows that no longer exist");
        });
    }

    private static async Task<(int Results, int Indicators)> CountAsync(AppFactory app)
    {
        var counts = (0, 0);
        await app.WithDbAsync(async db => counts = (await db.BranchResults.CountAsync(), await db.Set<BranchIndicatorScore>().CountAsync()));
        return counts;
    }
}
