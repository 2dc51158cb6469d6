using System.Data.Common;
using Appraisal.PartyBuilding.Core.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Appraisal.PartyBuilding.Data.Auditing;

/// <summary>
/// Reads and writes the chain head inside the caller's transaction, after taking the append lock: on PostgreSQL a
/// transaction-scoped advisory lock (held until commit, so appends from every node and connection are serialized);
/// on SQLite every transaction is <c>BEGIN IMMEDIATE</c> and already holds the database's single write lock.
/// </summary>
internal static class AuditChainStore
{
    /// <summary>The advisory-lock key of audit appends ("AUDIT" in ASCII); the schema migrator uses another.</summary>
    private const long LockKey = 0x4155444954;

    public static async Task LockAsync(DbContext context, CancellationToken cancellationToken)
    {
        if (context.Database.IsNpgsql())
        {
            await ExecuteAsync(context, "SELECT pg_advisory_xact_lock(" + LockKey + ")", cancellationToken);
        }
    }

    /// <summary>The stored head, or null before the first sealed entry.</summary>
    public static async Task<AuditChainHead?> ReadHeadAsync(DbContext context, CancellationToken cancellationToken)
    {
        await using var command = Command(context, $"""SELECT "Sequence", "Hash", "Seal" FROM "AuditChainHeads" WHERE "Id" = {AuditChainHead.SingleId}""");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new AuditChainHead { Sequence = reader.GetInt64(0), Hash = reader.GetString(1), Seal = reader.GetString(2) }
            : null;
    }

    public static async Task WriteHeadAsync(DbContext context, AuditChain chain, long sequence, string hash, CancellationToken cancellationToken)
    {
        await using var command = Command(context, $"""
            INSERT INTO "AuditChainHeads" ("Id", "Sequence", "Hash", "Seal") VALUES ({AuditChainHead.SingleId}, @sequence, @hash, @seal)
            ON CONFLICT ("Id") DO UPDATE SET "Sequence" = excluded."Sequence", "Hash" = excluded."Hash", "Seal" = excluded."Seal"
            """);
        Parameter(command, "@sequence", sequence);
        Parameter(command, "@hash", hash);
        Parameter(command, "@seal", chain.SealOf(sequence, hash));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Seals entries written before the chain existed (schema 0030 added the columns; SQL cannot compute the keyed
    /// hashes), in id order. Only ever called while no head exists: once the chain has a head, an unsealed entry is a
    /// broken one, never adopted.
    /// </summary>
    public static async Task<(long Sequence, string Hash)> SealLegacyAsync(DbContext context, AuditChain chain, CancellationToken cancellationToken)
    {
        var legacy = new List<(long Id, AuditEntry Entry)>();
        await using (var command = Command(context, """
            SELECT "Id", "At", "Actor", "Action", "Target", "Detail", "OrganizationPath" FROM "AuditEntries"
            WHERE "Sequence" IS NULL ORDER BY "Id"
            """))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                legacy.Add((reader.GetInt64(0), new AuditEntry
                {
                    At = new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero),
                    Actor = reader.GetString(2),
                    Action = reader.GetString(3),
                    Target = reader.GetString(4),
                    Detail = reader.IsDBNull(5) ? null : reader.GetString(5),
                    OrganizationPath = reader.IsDBNull(6) ? null : reader.GetString(6),
                }));
            }
        }

        var sequence = 0L;
        var hash = AuditChain.Genesis;
        foreach (var (id, entry) in legacy)
        {
            hash = chain.HashOf(entry, ++sequence, hash);
            await using var update = Command(context, """UPDATE "AuditEntries" SET "Sequence" = @sequence, "Hash" = @hash WHERE "Id" = @id""");
            Parameter(update, "@sequence", sequence);
            Parameter(update, "@hash", hash);
            Parameter(update, "@id", id);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        return (sequence, hash);
    }

    private static async Task ExecuteAsync(DbContext context, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(context, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand Command(DbContext context, string sql)
    {
        var command = context.Database.GetDbConnection().CreateCommand();
        command.Transaction = context.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        return command;
    }

    private static void Parameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
