namespace Appraisal.PartyBuilding.Core.Appeals;

/// <summary>
/// A person who set an indicator's score of a branch for a period: an assessor who entered or changed a manual score,
/// or the decider of an upheld appeal that re-scored it. Kept for every such person (not only the latest), because an
/// appeal against the score must be decided by someone who set none of its values (separation of duties).
/// </summary>
public sealed class IndicatorScorer
{
    public long Id { get; set; }

    public int PeriodId { get; set; }

    public int BranchId { get; set; }

    public required string IndicatorCode { get; set; }

    public required string Login { get; set; }

    public ScoreSource Source { get; set; }

    /// <summary>When this person first set the score.</summary>
    public DateTimeOffset At { get; set; }
}

public enum ScoreSource
{
    /// <summary>人工评分 by an assessor or the 组织部.</summary>
    Manual = 1,

    /// <summary>An upheld appeal's new score.</summary>
    Appeal = 2,
}
