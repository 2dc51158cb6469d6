using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Core.Scoring;

/// <summary>
/// Scores a <see cref="ManualRule"/>: the assessor's score for the indicator, clamped to 0..max and rounded to
/// 2 decimals; 0 with <c>待考核员评分</c> while no assessor has scored it.
/// </summary>
public static class ManualScorer
{
    /// <summary>Scores one manual indicator for one branch and quarter.</summary>
    /// <exception cref="ArgumentException">The evidence holds several scores for the indicator.</exception>
    public static IndicatorResult Score(Indicator indicator, ManualRule rule, BranchEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(evidence);

        var scores = (evidence.ManualScores ?? [])
            .Where(s => s is not null && string.Equals(s.IndicatorCode, indicator.Code, StringComparison.Ordinal))
            .ToList();
        if (scores.Count > 1)
        {
            throw new ArgumentException(
                $"支部“{evidence.Branch.Code}”的指标“{indicator.Code}”有{scores.Count}条考核员评分，每个指标只能有一条。",
                nameof(evidence));
        }

        if (scores.Count == 0)
        {
            return new IndicatorResult(0m, "待考核员评分");
        }

        var given = scores[0].Score;
        var score = ScoreMath.Round(ScoreMath.Clamp(given, indicator.MaxPoints));
        var text = $"考核员评分{ScoreMath.N(score)}分";
        if (given > indicator.MaxPoints)
        {
            text = $"考核员评分{ScoreMath.N(given)}分，超过满分{ScoreMath.N(indicator.MaxPoints)}分，按{ScoreMath.N(score)}分计";
        }
        else if (given < 0)
        {
            text = $"考核员评分{ScoreMath.N(given)}分，低于0分，按0分计";
        }

        var comment = scores[0].Comment?.Trim();
        return new IndicatorResult(score, string.IsNullOrEmpty(comment) ? text : $"{text}：{comment}");
    }
}
