namespace Appraisal.PartyBuilding.Contracts;

/// <summary>The meeting types of 三会一课 and the other organisational-life meetings.</summary>
public enum MeetingType
{
    /// <summary>支部党员大会: at least once a quarter; valid when more than half attend.</summary>
    Assembly,

    /// <summary>支部委员会: once a month; valid when more than half of the committee attend.</summary>
    Committee,

    /// <summary>党小组会: once a month per party group; valid when it names one of the branch's groups.</summary>
    Group,

    /// <summary>党课: at least once a quarter; valid when someone attended.</summary>
    Lecture,

    /// <summary>主题党日: once a month; valid when someone attended.</summary>
    ThemeDay,

    /// <summary>组织生活会: once a year; valid when more than half attend.</summary>
    LifeMeeting,

    /// <summary>民主评议党员: once a year; valid when more than half attend.</summary>
    Review,
}

/// <summary>A calendar quarter, the assessment period.</summary>
/// <param name="Year">The year, e.g. 2026.</param>
/// <param name="Number">The quarter, 1 to 4.</param>
public sealed record AssessmentQuarter(int Year, int Number)
{
    /// <summary>The quarter's first day.</summary>
    public DateOnly Start => new(Year, (Number - 1) * 3 + 1, 1);

    /// <summary>The quarter's last day.</summary>
    public DateOnly End => Start.AddMonths(3).AddDays(-1);

    /// <summary>The quarter's three months, e.g. 7, 8, 9.</summary>
    public IReadOnlyList<int> Months => [(Number - 1) * 3 + 1, (Number - 1) * 3 + 2, (Number - 1) * 3 + 3];

    /// <summary>Whether <paramref name="date"/> falls in the quarter.</summary>
    public bool Contains(DateOnly date) => date >= Start && date <= End;

    /// <summary>The quarter before this one.</summary>
    public AssessmentQuarter Previous => Number == 1 ? new(Year - 1, 4) : new(Year, Number - 1);

    /// <summary>The quarter a date belongs to.</summary>
    public static AssessmentQuarter Of(DateOnly date) => new(date.Year, (date.Month - 1) / 3 + 1);

    /// <inheritdoc />
    public override string ToString() => $"{Year}年第{Number}季度";
}

/// <summary>What the host tells a scorer about a branch.</summary>
/// <param name="Code">Branch code.</param>
/// <param name="Name">Branch name.</param>
/// <param name="CategoryCode">The branch's category code.</param>
/// <param name="MemberCount">党员人数.</param>
/// <param name="CommitteeSize">支委人数; 0 when the branch has no committee.</param>
/// <param name="Groups">The names of the branch's party groups (党小组).</param>
public sealed record BranchProfile(
    string Code,
    string Name,
    string CategoryCode,
    int MemberCount,
    int CommitteeSize,
    IReadOnlyList<string> Groups);

/// <summary>A meeting record as evidence.</summary>
/// <param name="Type">Meeting type.</param>
/// <param name="Date">Meeting date (China time).</param>
/// <param name="Expected">应到人数.</param>
/// <param name="Present">实到人数.</param>
/// <param name="Group">The party group, for <see cref="MeetingType.Group"/> only.</param>
/// <param name="Returned">Returned by a reviewer: a returned record does not count.</param>
public sealed record MeetingRecordFact(
    MeetingType Type,
    DateOnly Date,
    int Expected,
    int Present,
    string? Group = null,
    bool Returned = false);

/// <summary>Everything the host knows about one branch for one period.</summary>
/// <param name="Quarter">The period assessed.</param>
/// <param name="Branch">The branch.</param>
/// <param name="Meetings">Its meeting records; they may include records of other quarters.</param>
public sealed record BranchEvidence(
    AssessmentQuarter Quarter,
    BranchProfile Branch,
    IReadOnlyList<MeetingRecordFact> Meetings);
