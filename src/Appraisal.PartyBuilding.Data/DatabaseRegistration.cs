using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Appraisal.PartyBuilding.Data;

public static class DatabaseRegistration
{
    /// <summary>Registers <see cref="AppraisalDbContext"/> on the provider chosen by <c>Database:Provider</c>.</summary>
    public static IServiceCollection AddAppraisalDatabase(this IServiceCollection services)
    {
        // Interceptors registered by the host (the audit chain's sealing) take part in every context's SaveChanges.
        services.AddDbContext<AppraisalDbContext>((provider, options) =>
        {
            var database = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            options.UseAppraisalProvider(database)
                .UseModel(CompiledModel(database.Provider))
                .AddInterceptors(provider.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>());
        });
        services.AddScoped<Schema.SchemaMigrator>();
        services.AddSingleton<Results.IBranchResultWriter>(provider =>
            provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider switch
            {
                DatabaseProvider.PostgreSql => new Results.PostgresBranchResultWriter(),
                DatabaseProvider.SqlServer => new Results.SqlServerBranchResultWriter(),
                _ => new Results.SqliteBranchResultWriter(),
            });
        services.AddSingleton<Rectification.IRectificationWriter>(provider =>
            provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider switch
            {
                DatabaseProvider.PostgreSql => new Rectification.PostgresRectificationWriter(),
                DatabaseProvider.SqlServer => new Rectification.SqlServerRectificationWriter(),
                _ => new Rectification.SqliteRectificationWriter(),
            });
        services.AddSingleton<Meetings.IMeetingRecordWriter>(provider =>
            provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider switch
            {
                DatabaseProvider.PostgreSql => new Meetings.PostgresMeetingRecordWriter(),
                DatabaseProvider.SqlServer => new Meetings.SqlServerMeetingRecordWriter(),
                _ => new Meetings.SqliteMeetingRecordWriter(),
            });
        return services;
    }

    /// <summary>
    /// The model generated from <see cref="AppraisalDbContext"/> for a provider (db/generate.sh; CompiledModelFilesTests
    /// fails when it is stale): the app starts without building the model. The migrations contexts and the tests'
    /// contexts still build it from the configuration classes.
    /// </summary>
    public static Microsoft.EntityFrameworkCore.Metadata.IModel CompiledModel(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => CompiledModels.Sqlite.AppraisalDbContextModel.Instance,
        DatabaseProvider.PostgreSql => CompiledModels.PostgreSql.AppraisalDbContextModel.Instance,
        DatabaseProvider.SqlServer => CompiledModels.SqlServer.AppraisalDbContextModel.Instance,
        _ => throw new InvalidOperationException($"Unknown Database:Provider '{provider}'."),
    };

    public static DbContextOptionsBuilder UseAppraisalProvider(this DbContextOptionsBuilder options, DatabaseOptions database) =>
        database.Provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(SqliteWithForeignKeys(database.ConnectionString)),
            DatabaseProvider.PostgreSql => options.UseNpgsql(PostgresConnectionString(database.ConnectionString)),
            DatabaseProvider.SqlServer => options.UseSqlServer(database.ConnectionString),
            _ => throw new InvalidOperationException($"Unknown Database:Provider '{database.Provider}'."),
        };

    /// <summary>
    /// The PostgreSQL connection string with two defaults for the app's pooled connections, each kept when the setting
    /// names its own value (read from the string itself: Npgsql's own builder answers <c>ContainsKey</c> true for every
    /// keyword it knows, named or not):
    /// <list type="bullet">
    /// <item><c>Max Auto Prepare=64</c>: a statement run five times on a connection is prepared there and kept across the
    /// pool's open and close, so PostgreSQL stops parsing and planning the pages' queries on every request. At 100,000
    /// branches planning the ranking page's query took 1 ms, longer than running it.</item>
    /// <item><c>No Reset On Close=true</c>: a connection going back to the pool is not reset. Otherwise Npgsql resets
    /// it with seven statements (<c>pg_advisory_unlock_all()</c>, <c>RESET ALL</c>, <c>DISCARD TEMP</c> …: what
    /// <c>DISCARD ALL</c> does, less dropping the prepared statements) on every close, and a page's request closes a
    /// connection three or four times. The app leaves no session state on a connection it gives back: its advisory
    /// locks are transaction-scoped (the schema migrator's session lock is released in a <c>finally</c>), its one
    /// temporary table is created and dropped in the ranking's transaction, and it never runs <c>SET</c> outside
    /// one.</item>
    /// </list>
    /// </summary>
    public static string PostgresConnectionString(string connectionString)
    {
        var named = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!named.ContainsKey("Max Auto Prepare") && !named.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
        }

        if (!named.ContainsKey("No Reset On Close") && !named.ContainsKey("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// The SQLite connection string with <c>Foreign Keys=True</c>: Microsoft.Data.Sqlite then runs
    /// <c>PRAGMA foreign_keys = 1</c> on every open, whoever opens the connection (EF, the schema migrator, a raw
    /// command), instead of relying on the native library's compile-time default. Without it the schema's cascades
    /// do not fire and a re-score leaves orphan indicator rows. It cannot be switched off by configuration.
    /// </summary>
    public static string SqliteWithForeignKeys(string connectionString) =>
        new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true }.ConnectionString;
}
