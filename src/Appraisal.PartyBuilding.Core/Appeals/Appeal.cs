namespace Appraisal.PartyBuilding.Core.Appeals;

/// <summary>
/// A secretary's appeal (反馈/申辩) against one indicator score of the branch's published result, with the decision
/// of someone other than the original scorer. The score as it was when the appeal was filed stays on the appeal, so
/// an upheld appeal keeps both values.
/// </summary>
public sealed class Appeal
{
    public long Id { get; set; }

    public int PeriodId { get; set; }

    public int BranchId { get; set; }

    public Organizations.Organization? Branch { get; set; }

    public required string IndicatorCode { get; set; }

    /// <summary>申诉理由.</summary>
    public required string Reason { get; set; }

    /// <summary>申诉依据: what the secretary points to (records, documents, dates).</summary>
    public required string Evidence { get; set; }

    public required string FiledBy { get; set; }

    public DateTimeOffset FiledAt { get; set; }

    /// <summary>The indicator's score when the appeal was filed.</summary>
    public decimal OriginalScore { get; set; }

    public decimal MaxScore { get; set; }

    /// <summary>The indicator's explanation when the appeal was filed.</summary>
    public required string OriginalExplanation { get; set; }

    /// <summary>Who gave the original score: a login, or <see cref="AppealRules.AutomaticScorer"/> for a computed score.</summary>
    public required string OriginalScorer { get; set; }

    public AppealState State { get; set; } = AppealState.Open;

    /// <summary>
    /// <c>true</c> while the appeal is open, <c>null</c> once decided: a unique index on (period, branch, indicator,
    /// marker) lets at most one open appeal exist per indicator on every provider, since NULLs never collide.
    /// </summary>
    public bool? OpenMarker { get; set; } = true;

    public string? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>The decider's opinion (复核意见), shown to the branch.</summary>
    public string? Opinion { get; set; }

    /// <summary>The score after an upheld appeal; null when open or rejected.</summary>
    public decimal? NewScore { get; set; }
}

public enum AppealState
{
    Open = 1,
    Upheld = 2,
    Rejected = 3,
}

public static class AppealStates
{
    public static string DisplayName(this AppealState state) => state switch
    {
        AppealState.Open => "待处理",
        AppealState.Upheld => "已采纳",
        AppealState.Rejected => "已驳回",
        _ => state.ToString(),
    };
}
