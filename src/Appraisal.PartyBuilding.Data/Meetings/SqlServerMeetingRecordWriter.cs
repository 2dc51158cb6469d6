using System.Data;
using Appraisal.PartyBuilding.Data.Bulk;
using Microsoft.Data.SqlClient;

namespace Appraisal.PartyBuilding.Data.Meetings;

/// <summary>
/// SQL Server: <see cref="SqlBulkCopy"/> of the records, their keys read back by the meeting's key, a bulk load of the
/// steps (<see cref="SqlServerBulk"/>). Compiled here but not run against a server (none runs on the build machine);
/// the other two providers are tested.
/// </summary>
public sealed class SqlServerMeetingRecordWriter : IMeetingRecordWriter
{
    public async Task InsertAsync(AppraisalDbContext db, IReadOnlyList<NewMeetingRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return;
        }

        var (connection, transaction) = SqlServerBulk.Connection(db);
        var recordRows = new DataTable();
        recordRows.Columns.Add("BranchId", typeof(int));
        recordRows.Columns.Add("Type", typeof(string));
        recordRows.Columns.Add("Date", typeof(DateTime));
        recordRows.Columns.Add("Expected", typeof(int));
        recordRows.Columns.Add("Present", typeof(int));
        recordRows.Columns.Add("Topic", typeof(string));
        recordRows.Columns.Add("GroupName", typeof(string));
        recordRows.Columns.Add("Minutes", typeof(string));
        recordRows.Columns.Add("Status", typeof(string));
        recordRows.Columns.Add("ReviewOpinion", typeof(string));
        recordRows.Columns.Add("CreatedAt", typeof(long));
        recordRows.Columns.Add("Version", typeof(long));
        foreach (var (r, _) in records)
        {
            recordRows.Rows.Add(
                r.BranchId, r.Type.ToString(), r.Date.ToDateTime(TimeOnly.MinValue), r.Expected, r.Present, r.Topic,
                (object?)r.GroupName ?? DBNull.Value, (object?)r.Minutes ?? DBNull.Value, r.Status.ToString(),
                (object?)r.ReviewOpinion ?? DBNull.Value, r.CreatedAt.UtcTicks, (long)r.Version);
        }

        await SqlServerBulk.Copy(connection, transaction, "[MeetingRecords]", recordRows, cancellationToken);

        // The keys the bulk load assigned, found again by the meeting's unique indexes; the branch ids travel as one JSON
        // array because a statement takes at most 2,100 parameters.
        var stored = new List<(long, MeetingKey)>(records.Count);
        await using (var select = new SqlCommand(
            "SELECT [Id], [BranchId], [Type], [Date], [GroupName] FROM [MeetingRecords] WHERE [BranchId] IN (SELECT CAST([value] AS int) FROM OPENJSON(@branches)) AND [Date] >= @first AND [Date] <= @last",
            connection,
            transaction))
        {
            select.Parameters.Add(new SqlParameter("@branches", SqlDbType.NVarChar, -1)
            {
                Value = System.Text.Json.JsonSerializer.Serialize(records.Select(r => r.Record.BranchId).Distinct()),
            });
            select.Parameters.Add(new SqlParameter("@first", SqlDbType.Date) { Value = records.Min(r => r.Record.Date).ToDateTime(TimeOnly.MinValue) });
            select.Parameters.Add(new SqlParameter("@last", SqlDbType.Date) { Value = records.Max(r => r.Record.Date).ToDateTime(TimeOnly.MinValue) });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                stored.Add((reader.GetInt64(0), new MeetingKey(
                    reader.GetInt32(1), reader.GetString(2), DateOnly.FromDateTime(reader.GetDateTime(3)), reader.IsDBNull(4) ? null : reader.GetString(4))));
            }
        }

        MeetingKey.AssignIds(records, stored);
        var stepRows = new DataTable();
        stepRows.Columns.Add("MeetingRecordId", typeof(long));
        stepRows.Columns.Add("At", typeof(long));
        stepRows.Columns.Add("Actor", typeof(string));
        stepRows.Columns.Add("Action", typeof(string));
        stepRows.Columns.Add("Status", typeof(string));
        stepRows.Columns.Add("Opinion", typeof(string));
        stepRows.Columns.Add("Changes", typeof(string));
        foreach (var (_, e) in records)
        {
            stepRows.Rows.Add(
                e.MeetingRecordId, e.At.UtcTicks, e.Actor, e.Action.ToString(), e.Status.ToString(),
                (object?)e.Opinion ?? DBNull.Value, (object?)e.Changes ?? DBNull.Value);
        }

        await SqlServerBulk.Copy(connection, transaction, "[MeetingRecordEvents]", stepRows, cancellationToken);
    }
}
