using System.Reflection;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Data.Migrations;
using Appraisal.PartyBuilding.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Appraisal.PartyBuilding.Data.Tests;

/// <summary>
/// The SQL scripts of <c>db/</c> that a DBA reviews and runs are what the migrations generate: regenerated here in
/// memory, exactly as <c>db/generate.sh</c> does with <c>dotnet ef migrations script</c>.
/// </summary>
public sealed class SchemaScriptFilesTests
{
    private static readonly string RepoRoot = typeof(SchemaScriptFilesTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    [Theory]
    [InlineData(DatabaseProvider.PostgreSql, "postgresql", true)]
    [InlineData(DatabaseProvider.SqlServer, "sqlserver", true)]
    [InlineData(DatabaseProvider.Sqlite, "sqlite", false)]
    public void The_checked_in_script_is_what_the_migrations_generate(DatabaseProvider provider, string folder, bool idempotent)
    {
        var path = Path.Combine(RepoRoot, "db", folder, "schema.sql");

        var generated = Generate(provider, idempotent);

        Assert.True(File.Exists(path), $"db/{folder}/schema.sql is missing: run db/generate.sh");
        Assert.True(
            Normalize(File.ReadAllText(path)) == Normalize(generated),
            $"db/{folder}/schema.sql is stale (the migrations changed): run db/generate.sh and commit the result.");
    }

    /// <summary>The PostgreSQL script brings an empty database to the same schema as the app's migrator.</summary>
    [Fact]
    public async Task The_PostgreSQL_script_builds_the_migrated_schema_and_running_it_again_changes_nothing()
    {
        await using var scripted = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        await using var migrated = await TestDatabase.CreateMigratedAsync(DatabaseProvider.PostgreSql);
        var script = File.ReadAllText(Path.Combine(RepoRoot, "db", "postgresql", "schema.sql"));
        await using (var context = scripted.NewContext())
        {
            await context.Database.ExecuteSqlRawAsync(script);
            await context.Database.ExecuteSqlRawAsync(script);
        }

        await using var expected = migrated.NewContext();
        await using var actual = scripted.NewContext();
        Assert.Equal(
            await SchemaCatalog.DescribeAsync(expected.Database.GetDbConnection(), DatabaseProvider.PostgreSql),
            await SchemaCatalog.DescribeAsync(actual.Database.GetDbConnection(), DatabaseProvider.PostgreSql));
        Assert.Equal(1, await actual.Organizations.CountAsync());
        Assert.Empty(await scripted.NewMigrator().MigrateAsync());
    }

    /// <summary>The SQLite script (plain: EF Core cannot make it idempotent) builds the migrated schema on an empty file.</summary>
    [Fact]
    public async Task The_SQLite_script_builds_the_migrated_schema()
    {
        await using var scripted = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var migrated = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        await using (var context = scripted.NewContext())
        {
            await context.Database.ExecuteSqlRawAsync(File.ReadAllText(Path.Combine(RepoRoot, "db", "sqlite", "schema.sql")));
        }

        await using var expected = migrated.NewContext();
        await using var actual = scripted.NewContext();
        Assert.Equal(
            await SchemaCatalog.DescribeAsync(expected.Database.GetDbConnection(), DatabaseProvider.Sqlite),
            await SchemaCatalog.DescribeAsync(actual.Database.GetDbConnection(), DatabaseProvider.Sqlite));
        Assert.Empty(await scripted.NewMigrator().MigrateAsync());
    }

    private static string Generate(DatabaseProvider provider, bool idempotent)
    {
        using var context = MigrationsContexts.Create(new DatabaseOptions
        {
            Provider = provider,
            ConnectionString = provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : provider == DatabaseProvider.PostgreSql ? "Host=unused.invalid" : "Server=unused.invalid",
        });
        return context.GetService<IMigrator>().GenerateScript(
            options: idempotent ? MigrationsSqlGenerationOptions.Idempotent : MigrationsSqlGenerationOptions.Default);
    }

    private static string Normalize(string sql) => sql.ReplaceLineEndings("\n").Trim();
}
