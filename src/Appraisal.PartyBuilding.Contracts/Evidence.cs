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
    IReadOnlyList<MeetingRecordFact> Meetings)
{
    /// <summary>The KPI values reported for the branch and period (at most one per KPI code).</summary>
    public IReadOnlyList<KpiValue> Kpis { get; init; } = [];

    /// <summary>
    /// Dated events: deduction events, approved bonus cases and veto events. Only approved bonus cases are given to
    /// scorers; events dated outside <see cref="Quarter"/> may be included and are ignored by the rules.
    /// </summary>
    public IReadOnlyList<EvidenceEvent> Events { get; init; } = [];

    /// <summary>The multi-rater (360) survey answers for the branch and period.</summary>
    public IReadOnlyList<RatingAnswer> Ratings { get; init; } = [];

    /// <summary>The assessors' scores of manual indicators (at most one per indicator code).</summary>
    public IReadOnlyList<ManualScore> ManualScores { get; init; } = [];
}

/// <summary>A KPI value, imported or pushed by another system, e.g. the grid-event handling rate.</summary>
/// <param name="KpiCode">The KPI code a <see cref="KpiTargetRule"/> refers to, e.g. <c>grid-event-handling-rate</c>.</param>
/// <param name="Value">The value for the period, in the KPI's own unit.</param>
public sealed record KpiValue(string KpiCode, decimal Value);

/// <summary>
/// A dated event counted by a rule: a deduction event (e.g. late 党费), an approved bonus case (e.g. 急难愁盼 solved)
/// or a veto event (e.g. a serious discipline case).
/// </summary>
/// <param name="EventType">
/// The type a <see cref="DeductionRule.EventType"/>, <see cref="BonusRule.CaseType"/> or <see cref="VetoRule.EventType"/>
/// refers to, e.g. <c>late-dues</c>.
/// </param>
/// <param name="Date">The date the event happened (China time).</param>
/// <param name="Description">What happened, in Chinese, shown in explanations, e.g. <c>党费未按时交纳</c>.</param>
public sealed record EvidenceEvent(string EventType, DateOnly Date, string? Description = null);

/// <summary>One rater's answer to one question of a multi-rater (360) survey.</summary>
/// <param name="Question">The question code a <see cref="RatingRule.Question"/> refers to.</param>
/// <param name="Group">The rater's group.</param>
/// <param name="Score">The answer, 0 to 100.</param>
public sealed record RatingAnswer(string Question, RaterGroup Group, decimal Score);

/// <summary>An assessor's score of a manual indicator, with the comment shown to the branch.</summary>
/// <param name="IndicatorCode">The indicator scored, e.g. <c>political.study</c>.</param>
/// <param name="Score">Points given, 0 to the indicator's maximum.</param>
/// <param name="Comment">The assessor's comment: what was seen and what is missing.</param>
public sealed record ManualScore(string IndicatorCode, decimal Score, string Comment);
