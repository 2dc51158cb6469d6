using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Data.Schema;
using Appraisal.PartyBuilding.Testing;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Data.Tests;

public sealed class SchemaScriptsTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Scripts_give_exactly_the_schema_the_EF_model_expects(DatabaseProvider provider)
    {
        await using var fromScripts = await TestDatabase.CreateMigratedAsync(provider);
        await using var fromModel = await TestDatabase.CreateAsync(provider);
        await using (var context = fromModel.NewContext())
        {
            await context.Database.EnsureCreatedAsync();
        }

        await using var scripted = fromScripts.NewContext();
        await using var modelled = fromModel.NewContext();
        var expected = await SchemaCatalog.DescribeAsync(modelled.Database.GetDbConnection(), provider);
        var actual = await SchemaCatalog.DescribeAsync(scripted.Database.GetDbConnection(), provider);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    /// <summary>
    /// The Quartz job store's tables are not in the EF model (the comparison above leaves them out) but must exist:
    /// the scheduler only validates its schema, it never creates it.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Scripts_create_every_table_of_the_Quartz_job_store(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var context = database.NewContext();

        var tables = await SchemaCatalog.QuartzTablesAsync(context.Database.GetDbConnection(), provider);

        Assert.Equal(
            [
                "blob_triggers", "calendars", "cron_triggers", "execution_history", "fired_triggers", "job_details", "job_status",
                "locks", "misfire_history", "paused_job_grps", "paused_trigger_grps", "scheduler_state", "simple_triggers",
                "simprop_triggers", "triggers",
            ],
            tables);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_fresh_database_holds_the_root_node_and_a_second_run_applies_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var context = database.NewContext();

        var again = await database.NewMigrator(context).MigrateAsync();

        Assert.Empty(again);
        var root = await context.Organizations.SingleAsync();
        Assert.Equal(Organization.RootCode, root.Code);
        Assert.Equal("/ROOT/", root.Path);
        Assert.Null(root.ParentId);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_changed_script_that_was_already_applied_is_refused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var context = database.NewContext();
        var scripts = SchemaScript.For(provider).ToList();
        scripts[0] = scripts[0] with { Sql = scripts[0].Sql + "\n-- edited after it was applied\n" };

        var error = await Assert.ThrowsAsync<SchemaMigrationException>(() => database.NewMigrator(context).MigrateAsync(scripts));

        Assert.Contains(scripts[0].Name, error.Message);
        Assert.Contains("checksum", error.Message);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_failing_script_is_rolled_back_whole_and_not_recorded(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var context = database.NewContext();
        var scripts = SchemaScript.For(provider).Append(new SchemaScript(
            "9999",
            "9999_broken.sql",
            """
            CREATE TABLE "HalfDone" ("Id" integer NOT NULL PRIMARY KEY);
            INSERT INTO "NoSuchTable" VALUES (1);
            """)).ToList();

        await Assert.ThrowsAnyAsync<Exception>(() => database.NewMigrator(context).MigrateAsync(scripts));

        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = provider == DatabaseProvider.Sqlite
            ? "SELECT count(*) FROM sqlite_master WHERE name = 'HalfDone'"
            : "SELECT count(*) FROM information_schema.tables WHERE table_name = 'HalfDone'";
        Assert.Equal(0L, Convert.ToInt64(await command.ExecuteScalarAsync()));
        command.CommandText = $"""SELECT count(*) FROM "{SchemaMigrator.HistoryTable}" WHERE "Version" = '9999'""";
        Assert.Equal(0L, Convert.ToInt64(await command.ExecuteScalarAsync()));
    }

    [Fact]
    public void Both_providers_have_the_same_numbered_scripts()
    {
        var sqlite = SchemaScript.For(DatabaseProvider.Sqlite).Select(s => s.Name);
        var postgres = SchemaScript.For(DatabaseProvider.PostgreSql).Select(s => s.Name);

        Assert.Equal(sqlite, postgres);
        Assert.Contains("0001_initial.sql", sqlite);
    }
}
