namespace Appraisal.PartyBuilding.Contracts;

/// <summary>
/// How an indicator is scored. The host evaluates every kind below from the period's evidence;
/// a pack that needs something else uses <see cref="CodeRule"/> and its own <see cref="IIndicatorScorer"/>.
/// </summary>
public abstract record IndicatorRule;

/// <summary>
/// Record frequency: the share of required units (months, group-months, the quarter, the year) covered by at
/// least one valid meeting of a type, times the indicator's maximum. Several meetings in one unit cover it once.
/// A committee rule on a branch without a committee, or a group rule on a branch without groups, is not
/// applicable and scores the maximum.
/// </summary>
/// <param name="MeetingType">The meeting type counted.</param>
/// <param name="Unit">What one covered unit is.</param>
public sealed record RecordFrequencyRule(MeetingType MeetingType, CoverageUnit Unit) : IndicatorRule;

/// <summary>Manual: an assessor enters 0..max with evidence and a comment.</summary>
/// <param name="Guidance">What the assessor should look at, shown beside the score entry.</param>
public sealed record ManualRule(string Guidance) : IndicatorRule;

/// <summary>Deduction: the maximum minus <paramref name="PointsPerEvent"/> per event, never below 0.</summary>
/// <param name="EventType">The event type counted, e.g. <c>late-dues</c>.</param>
/// <param name="PointsPerEvent">Points taken per event.</param>
/// <param name="MaxDeduction">The most points taken in a period; <c>null</c> means up to the maximum.</param>
public sealed record DeductionRule(string EventType, decimal PointsPerEvent, decimal? MaxDeduction = null) : IndicatorRule;

/// <summary>
/// KPI target: 0 at or beyond the threshold, the maximum at or beyond the target, linear between.
/// </summary>
/// <param name="KpiCode">The KPI measured, e.g. <c>grid-event-handling-rate</c>.</param>
/// <param name="Threshold">Value that earns nothing.</param>
/// <param name="Target">Value that earns the maximum.</param>
/// <param name="Direction">Whether a higher or a lower value is better.</param>
public sealed record KpiTargetRule(string KpiCode, decimal Threshold, decimal Target, KpiDirection Direction) : IndicatorRule
{
    /// <summary>
    /// Where the KPI's values can be pulled from automatically (无感考核), e.g. the 12345 hotline platform; <c>null</c>
    /// when they are only pushed or imported. The 组织部 configures the address and schedule; the pack only names the
    /// source and the fields its rows carry. An init property added after 1.0 (the constructor is unchanged), so packs built
    /// without it load and keep their manifest files.
    /// </summary>
    public KpiDataSource? DataSource { get; init; }
}

/// <summary>
/// A data source a pack declares for a <see cref="KpiTargetRule"/>: another system's HTTP endpoint (JSON or CSV) that
/// reports one value per branch. The host pulls it on the schedule the 组织部 sets, for the current quarter.
/// </summary>
/// <param name="Name">The source as people know it, in Chinese, e.g. <c>12345政务服务热线平台</c>.</param>
/// <param name="BranchField">The field (JSON property or CSV column) holding the branch code.</param>
/// <param name="ValueField">The field holding the KPI value, a number in the KPI's own unit.</param>
public sealed record KpiDataSource(string Name, string BranchField = "branchCode", string ValueField = "value");

/// <summary>Rating: multi-rater (360) answers on a 0..100 scale, averaged per rater group, then weighted.</summary>
/// <param name="Question">The question code the raters answered.</param>
/// <param name="Weights">Weight per rater group; weights are normalised over the groups that answered.</param>
public sealed record RatingRule(string Question, IReadOnlyDictionary<RaterGroup, decimal> Weights) : IndicatorRule;

/// <summary>Bonus: <paramref name="PointsPerCase"/> per approved case, capped at the indicator's maximum.</summary>
/// <param name="CaseType">The case type counted, e.g. <c>urgent-need-solved</c> (急难愁盼).</param>
/// <param name="PointsPerCase">Points per approved case.</param>
public sealed record BonusRule(string CaseType, decimal PointsPerCase) : IndicatorRule;

/// <summary>Veto (一票否决 / 清零): one event caps the grade or zeroes the indicator's dimension.</summary>
/// <param name="EventType">The event type, e.g. <c>serious-discipline-case</c>.</param>
/// <param name="Effect">What the event does.</param>
/// <param name="GradeCap">With <see cref="VetoEffect.CapGrade"/>: the highest grade the branch can get.</param>
public sealed record VetoRule(string EventType, VetoEffect Effect, string? GradeCap = null) : IndicatorRule;

/// <summary>Scored by the pack's own <see cref="IIndicatorScorer"/> with the given id.</summary>
/// <param name="ScorerId">The <see cref="IIndicatorScorer.Id"/> of a scorer of the same pack.</param>
public sealed record CodeRule(string ScorerId) : IndicatorRule;

/// <summary>What one unit of a <see cref="RecordFrequencyRule"/> is.</summary>
public enum CoverageUnit
{
    /// <summary>The quarter: covered by one valid meeting in it.</summary>
    Quarter,

    /// <summary>Each month of the quarter: three units.</summary>
    Month,

    /// <summary>Each party group in each month of the quarter: groups × 3 units.</summary>
    GroupMonth,

    /// <summary>The year the quarter belongs to: covered by one valid meeting in it.</summary>
    Year,
}

/// <summary>Whether a higher or a lower KPI value is better.</summary>
public enum KpiDirection
{
    /// <summary>A higher value is better, e.g. a handling rate.</summary>
    HigherIsBetter,

    /// <summary>A lower value is better, e.g. a response time.</summary>
    LowerIsBetter,
}

/// <summary>A group of raters in a 360 rating.</summary>
public enum RaterGroup
{
    /// <summary>Leaders (领导).</summary>
    Leader,

    /// <summary>Peers (同级).</summary>
    Peer,

    /// <summary>Service recipients and residents (服务对象 / 群众).</summary>
    ServiceRecipient,
}

/// <summary>What a veto event does.</summary>
public enum VetoEffect
{
    /// <summary>The branch's grade cannot exceed the veto's grade cap.</summary>
    CapGrade,

    /// <summary>The dimension holding the veto indicator scores 0.</summary>
    ZeroDimension,
}
