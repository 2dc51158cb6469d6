using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Core.Scoring;

/// <summary>
/// Scores a <see cref="KpiTargetRule"/>: 0 at or beyond the threshold, the maximum at or beyond the target, linear
/// between, in the rule's direction; a threshold equal to the target is a step. A KPI not reported scores 0.
/// </summary>
public static class KpiTargetScorer
{
    /// <summary>Scores one KPI-target indicator for one branch and quarter.</summary>
    /// <exception cref="ArgumentException">The evidence holds several values for the KPI.</exception>
    public static IndicatorResult Score(Indicator indicator, KpiTargetRule rule, BranchEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(evidence);

        var values = (evidence.Kpis ?? [])
            .Where(k => k is not null && string.Equals(k.KpiCode, rule.KpiCode, StringComparison.Ordinal))
            .ToList();
        if (values.Count > 1)
        {
            throw new ArgumentException(
                $"支部“{evidence.Branch.Code}”的指标值“{rule.KpiCode}”报送了{values.Count}次，每期只能有一个值。",
                nameof(evidence));
        }

        if (values.Count == 0)
        {
            return new IndicatorResult(0m, $"未报送指标值（{indicator.Name}），得0分");
        }

        var max = Math.Max(indicator.MaxPoints, 0m);
        var value = values[0].Value;
        var higher = rule.Direction == KpiDirection.HigherIsBetter;
        var reached = higher ? value >= rule.Target : value <= rule.Target;
        var failed = higher ? value <= rule.Threshold : value >= rule.Threshold;
        var way = higher ? "越高越好" : "越低越好";
        var head = $"实际值{ScoreMath.N(value)}（{way}，门槛值{ScoreMath.N(rule.Threshold)}，目标值{ScoreMath.N(rule.Target)}）";

        if (reached)
        {
            return new IndicatorResult(ScoreMath.Round(max), $"{head}，达到目标值，得满分");
        }

        if (failed)
        {
            return new IndicatorResult(0m, $"{head}，未超过门槛值，得0分");
        }

        // Strictly between threshold and target, so target != threshold.
        var share = (value - rule.Threshold) / (rule.Target - rule.Threshold);
        var score = ScoreMath.Round(ScoreMath.Clamp(max * share, max));
        return new IndicatorResult(score, $"{head}，介于门槛值与目标值之间，按比例得{ScoreMath.N(score)}分");
    }
}
