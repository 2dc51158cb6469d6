using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Core.Meetings;

/// <summary>A meeting record (三会一课 and the other organisational-life meetings) of a branch.</summary>
public sealed class MeetingRecord
{
    public long Id { get; set; }

    public int BranchId { get; set; }

    public Organizations.Organization? Branch { get; set; }

    public MeetingType Type { get; set; }

    /// <summary>Calendar date of the meeting, China time.</summary>
    public DateOnly Date { get; set; }

    /// <summary>应到人数.</summary>
    public int Expected { get; set; }

    /// <summary>实到人数.</summary>
    public int Present { get; set; }

    public required string Topic { get; set; }

    /// <summary>The party group, for 党小组会 only.</summary>
    public string? GroupName { get; set; }

    public string? Minutes { get; set; }

    public RecordStatus Status { get; set; } = RecordStatus.Submitted;

    /// <summary>The reviewer's opinion when returned.</summary>
    public string? ReviewOpinion { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// The optimistic-concurrency token: two reviewers (or a reviewer and the branch) who read the same version cannot
    /// both write; the second gets a conflict. PostgreSQL's <c>xmin</c> on that provider, a stored counter on SQLite.
    /// </summary>
    public uint Version { get; set; }

    public MeetingRecordFact ToFact() => FactOf(Type, Date, Expected, Present, GroupName, Status);

    /// <summary>What the scorers are given of a stored record: submitted and approved records count, a returned one does not.</summary>
    public static MeetingRecordFact FactOf(MeetingType type, DateOnly date, int expected, int present, string? groupName, RecordStatus status) =>
        new(type, date, expected, present, groupName, status == RecordStatus.Returned);
}

/// <summary>Submitted and approved records count; a returned one does not.</summary>
public enum RecordStatus
{
    Submitted = 1,
    Approved = 2,
    Returned = 3,
}
