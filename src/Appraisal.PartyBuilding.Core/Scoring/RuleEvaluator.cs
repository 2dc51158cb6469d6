using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Core.Scoring;

/// <summary>Scores any indicator by the kind of its rule, delegating to the scorer of that kind.</summary>
public static class RuleEvaluator
{
    /// <summary>
    /// Scores one indicator for one branch and quarter: a score between 0 and the indicator's maximum, rounded to
    /// 2 decimals, with the explanation in Chinese.
    /// </summary>
    /// <param name="indicator">The indicator.</param>
    /// <param name="evidence">The branch's evidence for the quarter.</param>
    /// <param name="scorers">Finds the pack's code scorers by id, for <see cref="CodeRule"/>.</param>
    /// <exception cref="NotSupportedException">The rule is of a kind the host does not know.</exception>
    public static IndicatorResult Evaluate(Indicator indicator, BranchEvidence evidence, Func<string, IIndicatorScorer?> scorers)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(scorers);

        return indicator.Rule switch
        {
            RecordFrequencyRule rule => Clamped(RecordFrequencyScorer.Score(indicator, rule, evidence), indicator),
            ManualRule rule => ManualScorer.Score(indicator, rule, evidence),
            DeductionRule rule => DeductionScorer.Score(indicator, rule, evidence),
            KpiTargetRule rule => KpiTargetScorer.Score(indicator, rule, evidence),
            RatingRule rule => RatingScorer.Score(indicator, rule, evidence),
            BonusRule rule => BonusScorer.Score(indicator, rule, evidence),
            VetoRule rule => VetoScorer.Score(indicator, rule, evidence),
            CodeRule rule => CodeRuleScorer.Score(indicator, rule, evidence, scorers),
            null => throw new NotSupportedException($"指标“{indicator.Code}”没有计分规则。"),
            _ => throw new NotSupportedException(
                $"指标“{indicator.Code}”的计分规则“{indicator.Rule.GetType().Name}”不受支持：自定义计分请使用 CodeRule。"),
        };
    }

    private static IndicatorResult Clamped(IndicatorResult result, Indicator indicator) =>
        result with { Score = ScoreMath.Round(ScoreMath.Clamp(result.Score, indicator.MaxPoints)) };
}
