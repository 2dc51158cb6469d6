using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Core.Scoring;

/// <summary>
/// Scores a <see cref="DeductionRule"/>: the maximum minus the points per event times the events of the type dated in
/// the quarter, at most <see cref="DeductionRule.MaxDeduction"/> taken when set, never below 0.
/// </summary>
public static class DeductionScorer
{
    /// <summary>Scores one deduction indicator for one branch and quarter.</summary>
    public static IndicatorResult Score(Indicator indicator, DeductionRule rule, BranchEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(evidence);

        var max = Math.Max(indicator.MaxPoints, 0m);
        var events = EventText.InQuarter(evidence, rule.EventType);
        if (events.Count == 0)
        {
            return new IndicatorResult(ScoreMath.Round(max), "本季度无扣分事项，得满分");
        }

        var full = Math.Max(rule.PointsPerEvent, 0m) * events.Count;
        var taken = full;
        string? limit = null;
        if (rule.MaxDeduction is { } cap && taken > Math.Max(cap, 0m))
        {
            taken = Math.Max(cap, 0m);
            limit = $"扣分上限{ScoreMath.N(taken)}分";
        }

        if (taken > max)
        {
            taken = max;
            limit = "扣至0分";
        }

        var score = ScoreMath.Round(max - taken);
        var detail = limit is null ? string.Empty : $"（共{events.Count}次，每次{ScoreMath.N(rule.PointsPerEvent)}分，{limit}）";
        var text = $"扣{ScoreMath.N(max - score)}分{detail}：{EventText.Describe(events, $"发生“{indicator.Name}”扣分事项")}";
        return new IndicatorResult(score, text);
    }
}
