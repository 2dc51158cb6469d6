using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Core.Scoring;

/// <summary>
/// Scores a <see cref="CodeRule"/> with the pack's own <see cref="IIndicatorScorer"/>, then clamps the score to
/// 0..max and rounds it to 2 decimals, saying so in the explanation when the scorer went out of range.
/// </summary>
public static class CodeRuleScorer
{
    /// <summary>Scores one code-rule indicator for one branch and quarter.</summary>
    /// <param name="indicator">The indicator.</param>
    /// <param name="rule">Its rule.</param>
    /// <param name="evidence">The branch's evidence.</param>
    /// <param name="scorers">Finds a scorer of the indicator's pack by <see cref="IIndicatorScorer.Id"/>; <c>null</c> when none.</param>
    /// <exception cref="InvalidOperationException">No scorer has the rule's id: the pack's validation missed it.</exception>
    public static IndicatorResult Score(
        Indicator indicator,
        CodeRule rule,
        BranchEvidence evidence,
        Func<string, IIndicatorScorer?> scorers)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(scorers);

        var scorer = scorers(rule.ScorerId)
            ?? throw new InvalidOperationException(
                $"指标“{indicator.Code}”引用的计分器“{rule.ScorerId}”不存在：指标包校验应在安装时拒绝此包。");
        var result = scorer.Score(indicator, evidence)
            ?? throw new InvalidOperationException($"计分器“{rule.ScorerId}”对指标“{indicator.Code}”未返回结果。");

        var max = Math.Max(indicator.MaxPoints, 0m);
        var score = ScoreMath.Round(ScoreMath.Clamp(result.Score, max));
        var text = result.Explanation ?? string.Empty;
        if (result.Score > max)
        {
            text += $"（计分结果{ScoreMath.N(result.Score)}分超过满分{ScoreMath.N(max)}分，按{ScoreMath.N(score)}分计）";
        }
        else if (result.Score < 0)
        {
            text += $"（计分结果{ScoreMath.N(result.Score)}分低于0分，按0分计）";
        }

        return new IndicatorResult(score, text);
    }
}
