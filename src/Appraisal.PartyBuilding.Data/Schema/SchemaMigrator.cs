using System.Data.Common;
using System.Reflection;
using Appraisal.PartyBuilding.Data.Migrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Appraisal.PartyBuilding.Data.Schema;

/// <summary>
/// Brings the database to the newest schema with the EF Core migrations of its provider (start-up and
/// <c>db migrate</c>). A database built by the numbered scripts that came before (<c>__SchemaVersions</c>) is first
/// baselined: the migrations that hold those scripts are recorded as applied without running their DDL, and the
/// later migrations then run as usual.
/// </summary>
public sealed class SchemaMigrator(IOptions<DatabaseOptions> options, ILogger<SchemaMigrator> logger)
{
    /// <summary>The numbered scripts' history table (scripts 0001-0010, before EF Core migrations).</summary>
    public const string LegacyHistoryTable = "__SchemaVersions";

    /// <summary>
    /// Which migration holds each numbered script, by migration name (the id without its timestamp). A script
    /// converted to a migration later gets its row here, so that databases which already ran it are baselined past it.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> LegacyScripts = new Dictionary<string, string>
    {
        ["0001"] = "Initial", ["0002"] = "Initial", ["0003"] = "Initial", ["0004"] = "Initial", ["0005"] = "Initial",
        ["0006"] = "Initial", ["0007"] = "Initial", ["0008"] = "Initial", ["0009"] = "Initial", ["0010"] = "Initial",
    };

    /// <summary>Any number, the same on every node: the PostgreSQL advisory lock that lets one node migrate at a time.</summary>
    private const long PostgresLock = 7312026;

    /// <summary>Applies the pending migrations and returns their ids (baselined ones are not among them).</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (await IsCurrentAsync(cancellationToken))
        {
            // Building the migrations context's model, which EF Core needs even to find nothing to do, was the largest
            // part of start-up (issue 11, goal 6); a database that already has every migration needs none of it.
            return [];
        }

        var provider = options.Value.Provider;
        await using var context = MigrationsContexts.Create(options.Value);
        await context.Database.OpenConnectionAsync(cancellationToken);
        var connection = context.Database.GetDbConnection();
        try
        {
            if (provider == DatabaseProvider.PostgreSql)
            {
                // EF Core locks the migration itself; the baseline before it must not run twice either, so two nodes
                // starting together take turns here (the second then finds nothing to do).
                await ExecuteAsync(connection, $"SELECT pg_advisory_lock({PostgresLock})", cancellationToken);
            }

            if (provider != DatabaseProvider.SqlServer)
            {
                // SQL Server came with the migrations: no database of it was ever built by the numbered scripts.
                await BaselineAsync(context, connection, cancellationToken);
            }
            var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            await context.Database.MigrateAsync(cancellationToken);
            foreach (var migration in pending)
            {
                logger.LogInformation("Applied migration {Migration} ({Provider})", migration, provider);
            }

            return pending;
        }
        finally
        {
            if (provider == DatabaseProvider.PostgreSql)
            {
                await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({PostgresLock})", CancellationToken.None);
            }

            await context.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Whether the history table records every migration of the provider, asked with one plain query and no EF Core
    /// model. A database that is behind, new, or built by the numbered scripts is not current.
    /// </summary>
    public async Task<bool> IsCurrentAsync(CancellationToken cancellationToken = default)
    {
        var migrations = MigrationIds(options.Value.Provider);
        await using var connection = OpenableConnection(options.Value);
        await connection.OpenAsync(cancellationToken);
        if (!await TableExistsAsync(options.Value.Provider, connection, HistoryRepository.DefaultTableName, cancellationToken))
        {
            return false;
        }

        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = $"""SELECT "MigrationId" FROM "{HistoryRepository.DefaultTableName}" """;
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(0));
            }
        }

        return migrations.All(applied.Contains);
    }

    /// <summary>
    /// The ids of the provider's migrations, found as EF Core finds them (the <see cref="DbContextAttribute"/> and
    /// <see cref="MigrationAttribute"/> of each migration class) but without building a context.
    /// </summary>
    public static IReadOnlyList<string> MigrationIds(DatabaseProvider provider)
    {
        var context = MigrationsContexts.TypeOf(provider);
        return typeof(SchemaMigrator).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Migration)) && !t.IsAbstract && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == context)
            .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Id)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    // One method per provider: the JIT then loads only the chosen provider's client library.
    private static DbConnection OpenableConnection(DatabaseOptions database) => database.Provider switch
    {
        DatabaseProvider.Sqlite => SqliteConnection(database.ConnectionString),
        DatabaseProvider.PostgreSql => PostgreSqlConnection(database.ConnectionString),
        DatabaseProvider.SqlServer => SqlServerConnection(database.ConnectionString),
        _ => throw new ArgumentOutOfRangeException(nameof(database)),
    };

    private static DbConnection SqliteConnection(string connectionString) =>
        new Microsoft.Data.Sqlite.SqliteConnection(DatabaseRegistration.SqliteWithForeignKeys(connectionString));

    private static DbConnection PostgreSqlConnection(string connectionString) => new Npgsql.NpgsqlConnection(connectionString);

    private static DbConnection SqlServerConnection(string connectionString) => new Microsoft.Data.SqlClient.SqlConnection(connectionString);

    private async Task BaselineAsync(AppraisalDbContext context, DbConnection connection, CancellationToken cancellationToken)
    {
        var history = context.GetService<IHistoryRepository>();
        // Asked of the catalog directly: Npgsql's IHistoryRepository.Exists answers true before the table exists.
        if (await TableExistsAsync(options.Value.Provider, connection, HistoryRepository.DefaultTableName, cancellationToken)
            || !await TableExistsAsync(options.Value.Provider, connection, LegacyHistoryTable, cancellationToken))
        {
            return;
        }

        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = $"""SELECT "Version" FROM "{LegacyHistoryTable}" """;
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(0));
            }
        }

        var unknown = applied.Where(v => !LegacyScripts.ContainsKey(v)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new SchemaMigrationException(
                $"The database ran numbered schema scripts that no migration holds: {string.Join(", ", unknown)}. Add them to SchemaMigrator.LegacyScripts with the migration that contains them.");
        }

        // Every migration whose scripts all ran, in order, up to the first that is not complete.
        var baseline = new List<string>();
        foreach (var migration in context.Database.GetMigrations())
        {
            var scripts = LegacyScripts.Where(s => migration.EndsWith("_" + s.Value, StringComparison.Ordinal)).Select(s => s.Key).ToList();
            if (scripts.Count == 0 || !scripts.All(applied.Contains))
            {
                break;
            }

            baseline.Add(migration);
        }

        if (baseline.Count == 0)
        {
            throw new SchemaMigrationException(
                $"The database ran only some of the numbered schema scripts ({string.Join(", ", applied.Order(StringComparer.Ordinal))}); run the release that still has them to finish them first.");
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, history.GetCreateIfNotExistsScript(), cancellationToken, transaction);
        foreach (var migration in baseline)
        {
            await ExecuteAsync(connection, history.GetInsertScript(new HistoryRow(migration, ProductInfo.GetVersion())), cancellationToken, transaction);
            logger.LogInformation("Baselined migration {Migration}: the numbered scripts already built it", migration);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<bool> TableExistsAsync(DatabaseProvider provider, DbConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = provider switch
        {
            DatabaseProvider.Sqlite => "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = @name",
            DatabaseProvider.SqlServer => "SELECT count(*) FROM information_schema.tables WHERE table_schema = SCHEMA_NAME() AND table_name = @name",
            _ => "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @name",
        };
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@name";
        parameter.Value = table;
        command.Parameters.Add(parameter);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken)) > 0;
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken, DbTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

public sealed class SchemaMigrationException(string message) : Exception(message);
