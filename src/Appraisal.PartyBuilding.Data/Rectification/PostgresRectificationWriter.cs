using Appraisal.PartyBuilding.Core.Rectification;
using Appraisal.PartyBuilding.Data.Bulk;
using Npgsql;
using NpgsqlTypes;

namespace Appraisal.PartyBuilding.Data.Rectification;

/// <summary>PostgreSQL: binary <c>COPY</c> (Npgsql's binary import) for the items, then for their history entries; for reminders.</summary>
public sealed class PostgresRectificationWriter : IRectificationWriter
{
    public async Task InsertItemsAsync(AppraisalDbContext db, IReadOnlyList<RectificationItem> items, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return;
        }

        var connection = PostgresBulk.Connection(db);
        await using (var import = await connection.BeginBinaryImportAsync(
            """COPY "RectificationItems" ("PeriodId", "BranchId", "IndicatorCode", "IndicatorName", "Score", "MaxScore", "PassScore", "Reasons", "OwnerLogin", "Deadline", "State", "CreatedAt", "RecheckPeriodId", "RecheckScore") FROM STDIN (FORMAT BINARY)""",
            cancellationToken))
        {
            foreach (var i in items)
            {
                await import.StartRowAsync(cancellationToken);
                await import.WriteAsync(i.PeriodId, NpgsqlDbType.Integer, cancellationToken);
                await import.WriteAsync(i.BranchId, NpgsqlDbType.Integer, cancellationToken);
                await import.WriteAsync(i.IndicatorCode, NpgsqlDbType.Varchar, cancellationToken);
                await import.WriteAsync(i.IndicatorName, NpgsqlDbType.Varchar, cancellationToken);
                await import.WriteAsync(i.Score, NpgsqlDbType.Numeric, cancellationToken);
                await import.WriteAsync(i.MaxScore, NpgsqlDbType.Numeric, cancellationToken);
                await import.WriteAsync(i.PassScore, NpgsqlDbType.Numeric, cancellationToken);
                await import.WriteAsync(i.Reasons, NpgsqlDbType.Varchar, cancellationToken);
                await WriteNullableAsync(import, i.OwnerLogin, NpgsqlDbType.Varchar, cancellationToken);
                await import.WriteAsync(i.Deadline, NpgsqlDbType.Date, cancellationToken);
                await import.WriteAsync(i.State.ToString(), NpgsqlDbType.Varchar, cancellationToken);
                await import.WriteAsync(i.CreatedAt.UtcTicks, NpgsqlDbType.Bigint, cancellationToken);
                await WriteNullableAsync(import, i.RecheckPeriodId, NpgsqlDbType.Integer, cancellationToken);
                await WriteNullableAsync(import, i.RecheckScore, NpgsqlDbType.Numeric, cancellationToken);
            }

            await import.CompleteAsync(cancellationToken);
        }

        // The keys COPY assigned, found again by the (period, branch, indicator) unique index.
        var ids = new Dictionary<(int, string), long>(items.Count);
        await using (var select = new NpgsqlCommand(
            """SELECT "BranchId", "IndicatorCode", "Id" FROM "RectificationItems" WHERE "PeriodId" = $1 AND "BranchId" = ANY($2)""", connection))
        {
            select.Parameters.Add(new NpgsqlParameter<int> { TypedValue = items[0].PeriodId });
            select.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = items.Select(i => i.BranchId).Distinct().ToArray() });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids[(reader.GetInt32(0), reader.GetString(1))] = reader.GetInt64(2);
            }
        }

        await using (var import = await connection.BeginBinaryImportAsync(
            """COPY "RectificationEntries" ("ItemId", "At", "Actor", "Kind", "Text") FROM STDIN (FORMAT BINARY)""",
            cancellationToken))
        {
            foreach (var i in items)
            {
                var id = ids[(i.BranchId, i.IndicatorCode)];
                foreach (var e in i.History)
                {
                    await import.StartRowAsync(cancellationToken);
                    await import.WriteAsync(id, NpgsqlDbType.Bigint, cancellationToken);
                    await import.WriteAsync(e.At.UtcTicks, NpgsqlDbType.Bigint, cancellationToken);
                    await import.WriteAsync(e.Actor, NpgsqlDbType.Varchar, cancellationToken);
                    await import.WriteAsync(e.Kind.ToString(), NpgsqlDbType.Varchar, cancellationToken);
                    await import.WriteAsync(e.Text, NpgsqlDbType.Varchar, cancellationToken);
                }
            }

            await import.CompleteAsync(cancellationToken);
        }
    }

    public async Task InsertRemindersAsync(AppraisalDbContext db, IReadOnlyList<RectificationReminder> reminders, CancellationToken cancellationToken)
    {
        if (reminders.Count == 0)
        {
            return;
        }

        await using var import = await PostgresBulk.Connection(db).BeginBinaryImportAsync(
            """COPY "RectificationReminders" ("ItemId", "Kind", "Deadline", "RecipientOrganizationId", "At", "Message") FROM STDIN (FORMAT BINARY)""",
            cancellationToken);
        foreach (var r in reminders)
        {
            await import.StartRowAsync(cancellationToken);
            await import.WriteAsync(r.ItemId, NpgsqlDbType.Bigint, cancellationToken);
            await import.WriteAsync(r.Kind.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await import.WriteAsync(r.Deadline, NpgsqlDbType.Date, cancellationToken);
            await import.WriteAsync(r.RecipientOrganizationId, NpgsqlDbType.Integer, cancellationToken);
            await import.WriteAsync(r.At.UtcTicks, NpgsqlDbType.Bigint, cancellationToken);
            await import.WriteAsync(r.Message, NpgsqlDbType.Varchar, cancellationToken);
        }

        await import.CompleteAsync(cancellationToken);
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter import, T? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? import.WriteNullAsync(cancellationToken) : import.WriteAsync(value, type, cancellationToken);
}
