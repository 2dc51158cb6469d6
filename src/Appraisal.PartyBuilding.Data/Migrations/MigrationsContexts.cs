using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Appraisal.PartyBuilding.Data.Migrations;

// One context type per provider only so that each provider has its own migration set and model snapshot
// (EF Core finds a context's migrations by the [DbContext] attribute). The model is AppraisalDbContext's; the app
// itself always works through AppraisalDbContext.

/// <summary>Owns <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteMigrationsContext(DbContextOptions<SqliteMigrationsContext> options) : AppraisalDbContext(options);

/// <summary>Owns <c>Migrations/PostgreSql</c>.</summary>
public sealed class PostgreSqlMigrationsContext(DbContextOptions<PostgreSqlMigrationsContext> options) : AppraisalDbContext(options);

/// <summary>Owns <c>Migrations/SqlServer</c>.</summary>
public sealed class SqlServerMigrationsContext(DbContextOptions<SqlServerMigrationsContext> options) : AppraisalDbContext(options);

/// <summary>Creates the migration context of a provider, for the app (<see cref="Schema.SchemaMigrator"/>) and for <c>dotnet ef</c>.</summary>
public static class MigrationsContexts
{
    public static AppraisalDbContext Create(DatabaseOptions database) => database.Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteMigrationsContext(Options<SqliteMigrationsContext>(database)),
        DatabaseProvider.PostgreSql => new PostgreSqlMigrationsContext(Options<PostgreSqlMigrationsContext>(database)),
        DatabaseProvider.SqlServer => new SqlServerMigrationsContext(Options<SqlServerMigrationsContext>(database)),
        _ => throw new ArgumentOutOfRangeException(nameof(database)),
    };

    /// <summary>The migration context type of a provider: its migrations carry it in their <c>[DbContext]</c> attribute.</summary>
    public static Type TypeOf(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => typeof(SqliteMigrationsContext),
        DatabaseProvider.PostgreSql => typeof(PostgreSqlMigrationsContext),
        DatabaseProvider.SqlServer => typeof(SqlServerMigrationsContext),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    private static DbContextOptions<TContext> Options<TContext>(DatabaseOptions database)
        where TContext : DbContext
    {
        var builder = new DbContextOptionsBuilder<TContext>();
        builder.UseAppraisalProvider(database);
        return builder.Options;
    }
}

// Design time (dotnet ef migrations add / script, db/add-migration.sh, db/generate.sh): no database is opened, the
// connection strings only pick the provider.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteMigrationsContext>
{
    public SqliteMigrationsContext CreateDbContext(string[] args) =>
        (SqliteMigrationsContext)MigrationsContexts.Create(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = "Data Source=design-time.db" });
}

internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlMigrationsContext>
{
    public PostgreSqlMigrationsContext CreateDbContext(string[] args) =>
        (PostgreSqlMigrationsContext)MigrationsContexts.Create(new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = "Host=design-time.invalid" });
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerMigrationsContext>
{
    public SqlServerMigrationsContext CreateDbContext(string[] args) =>
        (SqlServerMigrationsContext)MigrationsContexts.Create(new DatabaseOptions { Provider = DatabaseProvider.SqlServer, ConnectionString = "Server=design-time.invalid" });
}

/// <summary>
/// For <c>dotnet ef dbcontext optimize -- Sqlite|PostgreSql|SqlServer</c> (db/generate.sh): the app's context on the
/// named provider, whose model is then written out as that provider's compiled model (<c>CompiledModels/</c>).
/// </summary>
internal sealed class AppraisalDesignTimeFactory : IDesignTimeDbContextFactory<AppraisalDbContext>
{
    public AppraisalDbContext CreateDbContext(string[] args)
    {
        var provider = Enum.Parse<DatabaseProvider>(args.Single());
        var builder = new DbContextOptionsBuilder<AppraisalDbContext>();
        builder.UseAppraisalProvider(new DatabaseOptions { Provider = provider, ConnectionString = DesignTimeConnection(provider) });
        return new AppraisalDbContext(builder.Options);
    }

    private static string DesignTimeConnection(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => "Data Source=design-time.db",
        DatabaseProvider.PostgreSql => "Host=design-time.invalid",
        _ => "Server=design-time.invalid",
    };
}
