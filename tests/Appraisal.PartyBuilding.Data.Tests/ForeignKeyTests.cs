using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Data.Tests;

/// <summary>
/// Issue 9 item 7: SQLite enforces the foreign keys on every connection the app opens, so the schema's cascades
/// fire (a re-score deletes its old indicator rows), and a schema step removes what older databases collected.
/// </summary>
public sealed class ForeignKeyTests
{
    [Fact]
    public async Task Every_SQLite_connection_enforces_foreign_keys_even_when_the_connection_string_says_otherwise()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        var options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = database.Options.ConnectionString + ";Foreign Keys=False" };
        var builder = new DbContextOptionsBuilder<AppraisalDbContext>();
        builder.UseAppraisalProvider(options);
        await using var context = new AppraisalDbContext(builder.Options);

        // Opened by EF.
        await context.Database.OpenConnectionAsync();
        Assert.Equal(1L, await ScalarAsync(context.Database.GetDbConnection(), "PRAGMA foreign_keys"));
        await context.Database.CloseConnectionAsync();

        // Opened directly, as the schema migrator does.
        var raw = context.Database.GetDbConnection();
        await raw.OpenAsync();
        Assert.Equal(1L, await ScalarAsync(raw, "PRAGMA foreign_keys"));
        await raw.CloseAsync();
    }

    [Fact]
    public async Task Deleting_results_the_way_a_rescore_does_leaves_orphans_only_without_enforcement()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        var periodId = await AddScoredPeriodAsync(database);

        // The defect: a connection without enforcement (what the app had before) deletes the results and keeps
        // their indicator rows.
        await using (var unenforced = new SqliteConnection(database.Options.ConnectionString + ";Foreign Keys=False"))
        {
            await unenforced.OpenAsync();
            await using var context = new AppraisalDbContext(new DbContextOptionsBuilder<AppraisalDbContext>().UseSqlite(unenforced).Options);
            await context.BranchResults.Where(r => r.PeriodId == periodId).ExecuteDeleteAsync();
            Assert.NotEmpty(await ForeignKeyCheckAsync(unenforced));
        }

        // The app's connection: the same delete cascades.
        var second = await AddScoredPeriodAsync(database, year: 2027);
        await using (var context = database.NewContext())
        {
            await context.BranchResults.Where(r => r.PeriodId == second).ExecuteDeleteAsync();
            var connection = context.Database.GetDbConnection();
            await connection.OpenAsync();
            var orphans = await ForeignKeyCheckAsync(connection);
            Assert.All(orphans, o => Assert.Equal("BranchIndicatorScores", o));
            Assert.Equal(2, orphans.Count); // only the two rows left by the unenforced delete above
        }
    }

    [Fact]
    public async Task The_schema_step_removes_rows_orphaned_while_foreign_keys_were_off_and_keeps_the_rest()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await LegacyDatabase.BuildAsync(database);
        var kept = await AddScoredPeriodAsync(database, year: 2026);
        var dropped = await AddScoredPeriodAsync(database, year: 2027);
        await using (var unenforced = new SqliteConnection(database.Options.ConnectionString + ";Foreign Keys=False"))
        {
            await unenforced.OpenAsync();
            await using var delete = unenforced.CreateCommand();
            delete.CommandText = $"""DELETE FROM "BranchResults" WHERE "PeriodId" = {dropped}; DELETE FROM "Periods" WHERE "Id" = {dropped}""";
            await delete.ExecuteNonQueryAsync();
            Assert.NotEmpty(await ForeignKeyCheckAsync(unenforced));
        }

        var applied = await database.NewMigrator().MigrateAsync();

        Assert.Contains(applied, m => m.EndsWith("_RemoveOrphanRows", StringComparison.Ordinal));
        await using var context = database.NewContext();
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync();
        Assert.Empty(await ForeignKeyCheckAsync(connection));
        Assert.Equal(2, await context.Set<BranchIndicatorScore>().CountAsync());
        Assert.Equal(kept, (await context.BranchResults.SingleAsync()).PeriodId);
        Assert.Equal(1, await context.Set<PinnedPack>().CountAsync());
    }

    /// <summary>A period with one pinned pack and one branch result of two indicators; returns the period's id.</summary>
    private static async Task<int> AddScoredPeriodAsync(TestDatabase database, int year = 2026)
    {
        await using var context = database.NewContext();
        var branch = await context.Organizations.SingleOrDefaultAsync(o => o.Code == "FK-ZB");
        if (branch is null)
        {
            var root = await context.Organizations.SingleAsync(o => o.Code == Organization.RootCode);
            branch = new Organization
            {
                Code = "FK-ZB", Name = "外键党支部", ParentId = root.Id, Kind = OrganizationKind.Branch,
                Path = Organization.PathOf(root.Path, "FK-ZB"), CategoryCode = "community/rural",
            };
            context.Organizations.Add(branch);
        }

        // The period and its pack, like the indicator rows below, in the columns every schema has (a database built by the
        // old scripts lacks later ones, such as the results version).
        await context.SaveChangesAsync();
        await context.Database.ExecuteSqlAsync(
            $"""INSERT INTO "Periods" ("Year", "Quarter", "State", "OpenedAt", "OpenedBy") VALUES ({year}, 1, 'Open', 0, 'test')""");
        var periodId = await context.Periods.Where(p => p.Year == year).Select(p => p.Id).SingleAsync();
        await context.Database.ExecuteSqlAsync(
            $"""INSERT INTO "PeriodPacks" ("PeriodId", "PackId", "Version") VALUES ({periodId}, 'community', '1.0.0')""");
        var result = new BranchResult { PeriodId = periodId, BranchId = branch.Id, CategoryCode = "community/rural", Grade = "好", GradeExplanation = "" };
        context.BranchResults.Add(result);
        await context.SaveChangesAsync();
        // The indicator rows in the columns every schema has (a database built by the old scripts lacks later ones), and
        // their period where the schema has that column (it is required there).
        var withPeriod = await context.Database
            .SqlQuery<int>($"""SELECT COUNT(*) AS "Value" FROM pragma_table_info('BranchIndicatorScores') WHERE name = 'PeriodId'""").SingleAsync() == 1;
        if (withPeriod)
        {
            await context.Database.ExecuteSqlAsync(
                $"""INSERT INTO "BranchIndicatorScores" ("BranchResultId", "PeriodId", "Code", "DimensionCode", "Score", "MaxScore", "Explanation") VALUES ({result.Id}, {periodId}, 'a', 'd', 0, 0, ''), ({result.Id}, {periodId}, 'b', 'd', 0, 0, '')""");
        }
        else
        {
            await context.Database.ExecuteSqlAsync(
                $"""INSERT INTO "BranchIndicatorScores" ("BranchResultId", "Code", "DimensionCode", "Score", "MaxScore", "Explanation") VALUES ({result.Id}, 'a', 'd', 0, 0, ''), ({result.Id}, 'b', 'd', 0, 0, '')""");
        }
        return periodId;
    }

    private static async Task<List<string>> ForeignKeyCheckAsync(System.Data.Common.DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA foreign_key_check";
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new List<string>();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    private static async Task<object?> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
