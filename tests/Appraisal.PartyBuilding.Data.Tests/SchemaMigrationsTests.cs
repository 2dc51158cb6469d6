using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Data.Migrations;
using Appraisal.PartyBuilding.Data.Schema;
using Appraisal.PartyBuilding.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Appraisal.PartyBuilding.Data.Tests;

/// <summary>
/// The schema comes from the EF Core model through one migration set per provider: on real SQLite and PostgreSQL,
/// migrating gives exactly the model's schema, and databases built by the old numbered scripts are baselined and
/// upgraded to the same schema without losing data.
/// </summary>
public sealed class SchemaMigrationsTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    [InlineData(DatabaseProvider.SqlServer)]
    public void Every_provider_has_migrations_and_no_model_change_without_one(DatabaseProvider provider)
    {
        // Needs no server: the model is compared with the provider's snapshot.
        using var context = MigrationsContexts.Create(new DatabaseOptions { Provider = provider, ConnectionString = ConnectionFor(provider) });

        Assert.EndsWith("_Initial", context.Database.GetMigrations().First());
        Assert.False(context.Database.HasPendingModelChanges(), $"The model changed without a migration: run db/add-migration.sh Name ({provider}).");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Migrations_give_exactly_the_schema_the_EF_model_expects(DatabaseProvider provider)
    {
        await using var migrated = await TestDatabase.CreateMigratedAsync(provider);
        await using var fromModel = await TestDatabase.CreateAsync(provider);
        await using (var context = fromModel.NewContext())
        {
            await context.Database.EnsureCreatedAsync();
        }

        await using var actual = migrated.NewContext();
        await using var expected = fromModel.NewContext();
        var expectedSchema = await SchemaCatalog.DescribeAsync(expected.Database.GetDbConnection(), provider);

        Assert.NotEmpty(expectedSchema);
        Assert.Equal(expectedSchema, await SchemaCatalog.DescribeAsync(actual.Database.GetDbConnection(), provider));
        Assert.Empty(await actual.Database.GetPendingMigrationsAsync());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    [InlineData(DatabaseProvider.SqlServer)]
    public void The_start_up_check_knows_the_same_migrations_as_EF_Core(DatabaseProvider provider)
    {
        using var context = MigrationsContexts.Create(new DatabaseOptions { Provider = provider, ConnectionString = ConnectionFor(provider) });

        Assert.Equal(context.Database.GetMigrations(), SchemaMigrator.MigrationIds(provider));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_database_one_migration_behind_is_not_current_and_gets_exactly_that_migration(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var migrator = database.NewMigrator();
        Assert.False(await migrator.IsCurrentAsync());
        var all = SchemaMigrator.MigrationIds(provider);
        await using (var context = MigrationsContexts.Create(database.Options))
        {
            await context.GetService<IMigrator>().MigrateAsync(all[^2]);
        }

        Assert.False(await migrator.IsCurrentAsync());
        Assert.Equal([all[^1]], await migrator.MigrateAsync());
        Assert.True(await migrator.IsCurrentAsync());
    }

    /// <summary>Indicator rows scored before they carried their period (issue 11) are given their result's period.</summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Indicator_rows_stored_before_they_carried_their_period_get_their_result_s_period(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var all = SchemaMigrator.MigrationIds(provider).ToList();
        var before = all[all.FindIndex(m => m.EndsWith("_AddIndicatorPeriod", StringComparison.Ordinal)) - 1];
        await using (var context = MigrationsContexts.Create(database.Options))
        {
            await context.GetService<IMigrator>().MigrateAsync(before);
            foreach (var quarter in new[] { 2, 3 })
            {
                await context.Database.ExecuteSqlAsync($"""INSERT INTO "Periods" ("Year", "Quarter", "State", "OpenedAt", "OpenedBy", "ResultsVersion") VALUES (2026, {quarter}, 'Final', 0, 'old', 1)""");
                await context.Database.ExecuteSqlAsync($"""
                    INSERT INTO "BranchResults" ("PeriodId", "BranchId", "CategoryCode", "Total", "MaxPoints", "Grade", "Rank", "Percentile", "GradeExplanation", "ComputedAt")
                    SELECT p."Id", o."Id", 'x', 1, 2, '好', 1, 100, '旧数据', 0 FROM "Periods" AS p, "Organizations" AS o WHERE p."Quarter" = {quarter}
                    """);
                await context.Database.ExecuteSqlAsync($"""
                    INSERT INTO "BranchIndicatorScores" ("BranchResultId", "Code", "DimensionCode", "Score", "MaxScore", "Explanation", "VetoTriggered")
                    SELECT r."Id", c.code, 'd', 1, 2, '旧数据', {false}
                    FROM "BranchResults" AS r JOIN "Periods" AS p ON p."Id" = r."PeriodId", (SELECT 'a' AS code UNION ALL SELECT 'b') AS c
                    WHERE p."Quarter" = {quarter}
                    """);
            }
        }

        await database.NewMigrator().MigrateAsync();

        await using var migrated = database.NewContext();
        var rows = await migrated.Set<BranchIndicatorScore>()
            .Select(i => new { i.PeriodId, ResultPeriod = migrated.BranchResults.Single(r => r.Id == i.BranchResultId).PeriodId })
            .ToListAsync();
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal(r.ResultPeriod, r.PeriodId));
        Assert.Equal(2, rows.Select(r => r.PeriodId).Distinct().Count());
    }

    [Fact]
    public async Task A_current_database_is_not_touched_by_EF_Core_migrations_at_all()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        await using (var context = database.NewContext())
        {
            // EF Core's migrator takes its SQLite lock by creating this table whenever it runs, even with nothing to apply.
            await context.Database.ExecuteSqlRawAsync("""DROP TABLE IF EXISTS "__EFMigrationsLock" """);
        }

        Assert.Empty(await database.NewMigrator().MigrateAsync());

        await using var after = database.NewContext();
        var tables = await after.Database.SqlQueryRaw<string>("""SELECT name AS "Value" FROM sqlite_master WHERE type = 'table'""").ToListAsync();
        Assert.Contains("__EFMigrationsHistory", tables);
        Assert.DoesNotContain("__EFMigrationsLock", tables);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_fresh_database_holds_the_root_node_and_no_Quartz_tables_and_a_second_run_applies_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);

        var again = await database.NewMigrator().MigrateAsync();

        Assert.Empty(again);
        await using var context = database.NewContext();
        var root = await context.Organizations.SingleAsync();
        Assert.Equal(Organization.RootCode, root.Code);
        Assert.Equal("根组织", root.Name);
        Assert.Equal("/ROOT/", root.Path);
        Assert.Null(root.ParentId);
        Assert.Empty(await SchemaCatalog.QuartzTablesAsync(context.Database.GetDbConnection(), provider));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_database_built_by_the_numbered_scripts_is_baselined_and_upgraded_keeping_its_data(DatabaseProvider provider)
    {
        await using var legacy = await TestDatabase.CreateAsync(provider);
        await LegacyDatabase.BuildAsync(legacy);
        await using (var context = legacy.NewContext())
        {
            var root = await context.Organizations.SingleAsync();
            context.Organizations.Add(new Organization
            {
                Code = "OLD-DW", Name = "旧党委", ParentId = root.Id, Kind = OrganizationKind.PartyCommittee, Path = Organization.PathOf(root.Path, "OLD-DW"),
            });
            await context.SaveChangesAsync();
            Assert.NotEmpty(await SchemaCatalog.QuartzTablesAsync(context.Database.GetDbConnection(), provider));
        }

        var applied = await legacy.NewMigrator().MigrateAsync();

        // The DDL of Initial did not run again (it would have failed on the existing tables); only later migrations ran.
        Assert.DoesNotContain(applied, m => m.EndsWith("_Initial", StringComparison.Ordinal));
        Assert.Contains(applied, m => m.EndsWith("_DropQuartzTables", StringComparison.Ordinal));
        await using var fresh = await TestDatabase.CreateMigratedAsync(provider);
        await using var upgraded = legacy.NewContext();
        await using var expected = fresh.NewContext();
        Assert.Equal(
            await SchemaCatalog.DescribeAsync(expected.Database.GetDbConnection(), provider),
            await SchemaCatalog.DescribeAsync(upgraded.Database.GetDbConnection(), provider));
        Assert.Empty(await SchemaCatalog.QuartzTablesAsync(upgraded.Database.GetDbConnection(), provider));
        Assert.Equal(["OLD-DW", "ROOT"], await upgraded.Organizations.Select(o => o.Code).OrderBy(c => c).ToListAsync());
        Assert.Equal(
            await expected.Database.GetAppliedMigrationsAsync(),
            await upgraded.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task A_database_that_ran_only_some_numbered_scripts_or_unknown_ones_is_refused()
    {
        await using var partial = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await LegacyDatabase.BuildAsync(partial, ["0001", "0002", "0003"]);
        var error = await Assert.ThrowsAsync<SchemaMigrationException>(() => partial.NewMigrator().MigrateAsync());
        Assert.Contains("0001, 0002, 0003", error.Message);

        await using var unknown = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await LegacyDatabase.BuildAsync(unknown);
        await using (var context = unknown.NewContext())
        {
            await context.Database.ExecuteSqlRawAsync($"""INSERT INTO "{SchemaMigrator.LegacyHistoryTable}" VALUES ('0011', '0011_veto.sql', 'x', 'x')""");
        }

        error = await Assert.ThrowsAsync<SchemaMigrationException>(() => unknown.NewMigrator().MigrateAsync());
        Assert.Contains("0011", error.Message);
        await using (var context = unknown.NewContext())
        {
            Assert.Empty(await context.Database.GetAppliedMigrationsAsync());
        }
    }

    [Fact]
    public async Task Two_PostgreSQL_nodes_starting_at_once_migrate_once()
    {
        await using var fresh = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        await using var legacy = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        await LegacyDatabase.BuildAsync(legacy);

        foreach (var database in new[] { fresh, legacy })
        {
            var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => database.NewMigrator().MigrateAsync())));

            await using var context = MigrationsContexts.Create(database.Options);
            var all = context.Database.GetMigrations().ToList();
            Assert.Equal(all, await context.Database.GetAppliedMigrationsAsync());
            // Each pending migration was applied by exactly one node; the others found nothing to do.
            var pending = runs.SelectMany(r => r).ToList();
            Assert.Equal(pending.Distinct().Count(), pending.Count);
            Assert.Single(await context.Organizations.Where(o => o.Code == Organization.RootCode).ToListAsync());
        }
    }

    private static string ConnectionFor(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => "Data Source=:memory:",
        DatabaseProvider.PostgreSql => "Host=unused.invalid",
        _ => "Server=unused.invalid",
    };
}
