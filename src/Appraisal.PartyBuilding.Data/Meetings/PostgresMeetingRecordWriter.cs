using Appraisal.PartyBuilding.Data.Bulk;
using Npgsql;
using NpgsqlTypes;

namespace Appraisal.PartyBuilding.Data.Meetings;

/// <summary>PostgreSQL: binary <c>COPY</c> of the records, their keys read back by the meeting's key, <c>COPY</c> of the steps.</summary>
public sealed class PostgresMeetingRecordWriter : IMeetingRecordWriter
{
    public async Task InsertAsync(AppraisalDbContext db, IReadOnlyList<NewMeetingRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return;
        }

        // The row version is PostgreSQL's xmin system column: nothing to write.
        var connection = PostgresBulk.Connection(db);
        await using (var import = await connection.BeginBinaryImportAsync(
            """COPY "MeetingRecords" ("BranchId", "Type", "Date", "Expected", "Present", "Topic", "GroupName", "Minutes", "Status", "ReviewOpinion", "CreatedAt") FROM STDIN (FORMAT BINARY)""",
            cancellationToken))
        {
            foreach (var (r, _) in records)
            {
                await import.StartRowAsync(cancellationToken);
                await import.WriteAsync(r.BranchId, NpgsqlDbType.Integer, cancellationToken);
                await import.WriteAsync(r.Type.ToString(), NpgsqlDbType.Varchar, cancellationToken);
                await import.WriteAsync(r.Date, NpgsqlDbType.Date, cancellationToken);
                await import.WriteAsync(r.Expected, NpgsqlDbType.Integer, cancellationToken);
                await import.WriteAsync(r.Present, NpgsqlDbType.Integer, cancellationToken);
                await import.WriteAsync(r.Topic, NpgsqlDbType.Varchar, cancellationToken);
                await import.WriteAsync(r.GroupName, NpgsqlDbType.Varchar, cancellationToken);
                await import.WriteAsync(r.Minutes, NpgsqlDbType.Varchar, cancellationToken);
                await import.WriteAsync(r.Status.ToString(), NpgsqlDbType.Varchar, cancellationToken);
                await import.WriteAsync(r.ReviewOpinion, NpgsqlDbType.Varchar, cancellationToken);
                await import.WriteAsync(r.CreatedAt.UtcTicks, NpgsqlDbType.Bigint, cancellationToken);
            }

            await import.CompleteAsync(cancellationToken);
        }

        // The keys COPY assigned, found again by the meeting's unique indexes among the named branches' records of the
        // same days (the (branch, date) index serves the query).
        var stored = new List<(long, MeetingKey)>(records.Count);
        await using (var select = new NpgsqlCommand(
            """SELECT "Id", "BranchId", "Type", "Date", "GroupName" FROM "MeetingRecords" WHERE "BranchId" = ANY($1) AND "Date" >= $2 AND "Date" <= $3""",
            connection))
        {
            select.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = records.Select(r => r.Record.BranchId).Distinct().ToArray() });
            select.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = records.Min(r => r.Record.Date) });
            select.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = records.Max(r => r.Record.Date) });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                stored.Add((reader.GetInt64(0), new MeetingKey(
                    reader.GetInt32(1), reader.GetString(2), reader.GetFieldValue<DateOnly>(3), reader.IsDBNull(4) ? null : reader.GetString(4))));
            }
        }

        MeetingKey.AssignIds(records, stored);
        await using (var import = await connection.BeginBinaryImportAsync(
            """COPY "MeetingRecordEvents" ("MeetingRecordId", "At", "Actor", "Action", "Status", "Opinion", "Changes") FROM STDIN (FORMAT BINARY)""",
            cancellationToken))
        {
            foreach (var (_, e) in records)
            {
                await import.StartRowAsync(cancellationToken);
                await import.WriteAsync(e.MeetingRecordId, NpgsqlDbType.Bigint, cancellationToken);
                await import.WriteAsync(e.At.UtcTicks, NpgsqlDbType.Bigint, cancellationToken);
                await import.WriteAsync(e.Actor, NpgsqlDbType.Varchar, cancellationToken);
                await import.WriteAsync(e.Action.ToString(), NpgsqlDbType.Varchar, cancellationToken);
                await import.WriteAsync(e.Status.ToString(), NpgsqlDbType.Varchar, cancellationToken);
                await import.WriteAsync(e.Opinion, NpgsqlDbType.Varchar, cancellationToken);
                await import.WriteAsync(e.Changes, NpgsqlDbType.Varchar, cancellationToken);
            }

            await import.CompleteAsync(cancellationToken);
        }
    }
}
