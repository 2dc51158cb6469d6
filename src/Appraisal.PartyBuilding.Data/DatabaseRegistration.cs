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
            DatabaseProvider.PostgreSql => options.UseNpgsql(PostgresWithPreparedStatements(database.ConnectionString)),
            DatabaseProvider.SqlServer => options.UseSqlServer(database.ConnectionString),
            _ => throw new InvalidOperationException($"Unknown Database:Provider '{database.Provider}'."),
        };

    /// <summary>
    /// The PostgreSQL connection string with Npgsql's automatic preparation on unless the setting names its own
    /// <c>Max Auto Prepare</c>: a statement run five times on a connection is prepared there and kept across the pool's
    /// open and close, so PostgreSQL stops parsing and planning the pages' queries on every request. At 100,000 branches
    /// planning the ranking page's query took 1 ms, longer than running it. Whether the setting is named is read from
    /// the string itself: Npgsql's own builder answers <c>ContainsKey</c> true for every keyword it knows, named or not.
    /// </summary>
    public static string PostgresWithPreparedStatements(string connectionString)
    {
        var named = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (named.ContainsKey("Max Auto Prepare") || named.ContainsKey("MaxAutoPrepare"))
        {
            return connectionString;
        }

        return new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64 }.ConnectionString;
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
