using Appraisal.PartyBuilding.Core.Meetings;

namespace Appraisal.PartyBuilding.Data.Meetings;

/// <summary>
/// Writes new meeting records with their first history step in bulk, bypassing EF Core's change tracker, the way
/// <see cref="Results.IBranchResultWriter"/> writes results: an import of 10,000 rows tracked 20,000 entities and
/// spent most of its time in <c>SaveChanges</c> (issue 11). One implementation per provider
/// (<see cref="DatabaseRegistration"/> chooses it). Every call runs on the context's connection inside its current
/// transaction, which the caller must have begun, so the records, their steps and the caller's audit entry commit or
/// roll back together. A unique index that refuses a record (the same meeting stored by a parallel writer) surfaces
/// as the provider's exception (<see cref="DatabaseErrors.IsUniqueViolation(System.Data.Common.DbException)"/>).
/// </summary>
public interface IMeetingRecordWriter
{
    /// <summary>
    /// Inserts each record, then its step. The database assigns the keys; each record's <see cref="MeetingRecord.Id"/>
    /// and its step's <see cref="MeetingRecordEvent.MeetingRecordId"/> are set to the record's key, the steps' own keys
    /// are not read back.
    /// </summary>
    Task InsertAsync(AppraisalDbContext db, IReadOnlyList<NewMeetingRecord> records, CancellationToken cancellationToken);
}

/// <summary>A record to insert and the history step that comes with it (e.g. 批量导入, 第5行).</summary>
public sealed record NewMeetingRecord(MeetingRecord Record, MeetingRecordEvent Step);

/// <summary>
/// The stored key of a record a bulk load inserted, found again by the meeting's unique indexes (branch, type, date and
/// the party group of a 党小组会): a bulk load does not return the keys it assigns.
/// </summary>
internal readonly record struct MeetingKey(int BranchId, string Type, DateOnly Date, string? GroupName)
{
    public static MeetingKey Of(MeetingRecord record) => new(record.BranchId, record.Type.ToString(), record.Date, record.GroupName);

    /// <summary>Maps each record to its inserted key from the rows (id, branch, type, date, group) read back; rows of other records are ignored.</summary>
    public static void AssignIds(IReadOnlyList<NewMeetingRecord> records, IEnumerable<(long Id, MeetingKey Key)> stored)
    {
        var byKey = records.ToDictionary(r => Of(r.Record), r => r);
        foreach (var (id, key) in stored)
        {
            if (byKey.TryGetValue(key, out var inserted))
            {
                inserted.Record.Id = id;
                inserted.Step.MeetingRecordId = id;
            }
        }

        if (records.FirstOrDefault(r => r.Record.Id == 0) is { } missing)
        {
            throw new InvalidOperationException($"The inserted meeting record of branch {missing.Record.BranchId} on {missing.Record.Date:yyyy-MM-dd} was not found again.");
        }
    }
}
