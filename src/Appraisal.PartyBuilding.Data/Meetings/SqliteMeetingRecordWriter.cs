using Appraisal.PartyBuilding.Data.Bulk;

namespace Appraisal.PartyBuilding.Data.Meetings;

/// <summary>SQLite: prepared inserts reused for every record and step, inside the caller's transaction (<see cref="SqliteBulk"/>).</summary>
public sealed class SqliteMeetingRecordWriter : IMeetingRecordWriter
{
    public async Task InsertAsync(AppraisalDbContext db, IReadOnlyList<NewMeetingRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return;
        }

        var (connection, transaction) = SqliteBulk.Connection(db);
        await using var record = SqliteBulk.Prepare(
            connection,
            transaction,
            """INSERT INTO "MeetingRecords" ("BranchId", "Type", "Date", "Expected", "Present", "Topic", "GroupName", "Minutes", "Status", "ReviewOpinion", "CreatedAt", "Version") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING "Id" """,
            12);
        await using var step = SqliteBulk.Prepare(
            connection,
            transaction,
            """INSERT INTO "MeetingRecordEvents" ("MeetingRecordId", "At", "Actor", "Action", "Status", "Opinion", "Changes") VALUES ($1, $2, $3, $4, $5, $6, $7)""",
            7);
        foreach (var (r, e) in records)
        {
            SqliteBulk.Bind(record, r.BranchId, r.Type.ToString(), r.Date, r.Expected, r.Present, r.Topic, r.GroupName, r.Minutes, r.Status.ToString(), r.ReviewOpinion, r.CreatedAt.UtcTicks, r.Version);
            r.Id = (long)(await record.ExecuteScalarAsync(cancellationToken))!;
            e.MeetingRecordId = r.Id;
            SqliteBulk.Bind(step, e.MeetingRecordId, e.At.UtcTicks, e.Actor, e.Action.ToString(), e.Status.ToString(), e.Opinion, e.Changes);
            await step.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
