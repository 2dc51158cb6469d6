using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Core.Scoring;

/// <summary>
/// Scores a <see cref="BonusRule"/>: the points per case times the approved cases of the type dated in the quarter,
/// capped at the indicator's maximum. The host gives scorers approved cases only.
/// </summary>
public static class BonusScorer
{
    /// <summary>Scores one bonus indicator for one branch and quarter.</summary>
    public static IndicatorResult Score(Indicator indicator, BonusRule rule, BranchEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(evidence);

        var cases = EventText.InQuarter(evidence, rule.CaseType);
        if (cases.Count == 0)
        {
            return new IndicatorResult(0m, "本季度无加分事项");
        }

        var full = Math.Max(rule.PointsPerCase, 0m) * cases.Count;
        var score = ScoreMath.Round(ScoreMath.Clamp(full, indicator.MaxPoints));
        var detail = full > score ? $"（共{cases.Count}次，每次{ScoreMath.N(rule.PointsPerCase)}分，加分上限{ScoreMath.N(indicator.MaxPoints)}分）" : string.Empty;
        var text = $"加{ScoreMath.N(score)}分{detail}：{EventText.Describe(cases, $"办结“{indicator.Name}”加分事项")}";
        return new IndicatorResult(score, text);
    }
}
