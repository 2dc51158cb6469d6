using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Appraisal.PartyBuilding.Data.Schema;

/// <summary>
/// Applies the forward-only scripts of <c>db/</c> in order, each in its own transaction together with its row in
/// the history table. A script already applied whose checksum changed is refused: history is never rewritten,
/// a change is a new script.
/// </summary>
public sealed class SchemaMigrator(AppraisalDbContext db, IOptions<DatabaseOptions> options, ILogger<SchemaMigrator> logger)
{
    public const string HistoryTable = "__SchemaVersions";

    /// <summary>Applies the pending scripts of <c>db/</c> (or the given ones) and returns the names applied.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(IReadOnlyList<SchemaScript>? scripts = null, CancellationToken cancellationToken = default)
    {
        var provider = options.Value.Provider;
        scripts ??= SchemaScript.For(provider);
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            await ExecuteAsync(connection, null, $"""
                CREATE TABLE IF NOT EXISTS "{HistoryTable}" (
                    "Version" varchar(20) NOT NULL PRIMARY KEY,
                    "Script" varchar(200) NOT NULL,
                    "Checksum" varchar(64) NOT NULL,
                    "AppliedAt" varchar(40) NOT NULL)
                """, cancellationToken);

            var applied = new List<string>();
            foreach (var script in scripts)
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                if (provider == DatabaseProvider.PostgreSql)
                {
                    // Two nodes starting together must not both apply the same script.
                    await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(7312026)", cancellationToken);
                }

                var recorded = await ReadChecksumAsync(connection, transaction, script.Version, cancellationToken);
                if (recorded is not null)
                {
                    if (recorded != script.Checksum)
                    {
                        throw new SchemaMigrationException(
                            $"Schema script {script.Name} was already applied with checksum {recorded}, but its content now has checksum {script.Checksum}. Applied scripts must never change: restore it and add a new script instead.");
                    }

                    await transaction.RollbackAsync(cancellationToken);
                    continue;
                }

                await ExecuteAsync(connection, transaction, script.Sql, cancellationToken);
                await using (var insert = connection.CreateCommand())
                {
                    insert.Transaction = transaction;
                    insert.CommandText = $"""INSERT INTO "{HistoryTable}" ("Version", "Script", "Checksum", "AppliedAt") VALUES (@v, @s, @c, @a)""";
                    AddParameter(insert, "@v", script.Version);
                    AddParameter(insert, "@s", script.Name);
                    AddParameter(insert, "@c", script.Checksum);
                    AddParameter(insert, "@a", DateTimeOffset.UtcNow.ToString("O"));
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Applied schema script {Script} ({Provider})", script.Name, provider);
                applied.Add(script.Name);
            }

            return applied;
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    private static async Task<string?> ReadChecksumAsync(DbConnection connection, DbTransaction transaction, string version, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""SELECT "Checksum" FROM "{HistoryTable}" WHERE "Version" = @v""";
        AddParameter(command, "@v", version);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

public sealed class SchemaMigrationException(string message) : Exception(message);
