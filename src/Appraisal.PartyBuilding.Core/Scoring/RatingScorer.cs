using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Core.Scoring;

/// <summary>
/// Scores a <see cref="RatingRule"/>: the answers to the rule's question are averaged per rater group (each answer
/// clamped to 0..100); the averages are weighted by the rule's weights renormalised over the groups that answered;
/// the weighted average × max / 100 is the score. No answers from a weighted group scores 0 with <c>暂无评价</c>.
/// </summary>
public static class RatingScorer
{
    /// <summary>Scores one rating indicator for one branch and quarter.</summary>
    public static IndicatorResult Score(Indicator indicator, RatingRule rule, BranchEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(evidence);

        var weights = (rule.Weights ?? new Dictionary<RaterGroup, decimal>())
            .Where(w => w.Value > 0)
            .OrderBy(w => w.Key)
            .ToList();
        var answers = (evidence.Ratings ?? [])
            .Where(a => a is not null && string.Equals(a.Question, rule.Question, StringComparison.Ordinal))
            .ToLookup(a => a.Group);

        var answered = weights
            .Where(w => answers[w.Key].Any())
            .Select(w =>
            {
                var scores = answers[w.Key].Select(a => Math.Clamp(a.Score, 0m, 100m)).Order().ToList();
                return (Group: w.Key, Weight: w.Value, Count: scores.Count, Average: scores.Sum() / scores.Count);
            })
            .ToList();
        var missing = weights.Where(w => !answers[w.Key].Any()).Select(w => w.Key).ToList();

        if (answered.Count == 0)
        {
            return new IndicatorResult(0m, "暂无评价，得0分");
        }

        var totalWeight = answered.Sum(g => g.Weight);
        var weighted = answered.Sum(g => g.Average * g.Weight) / totalWeight;
        var max = Math.Max(indicator.MaxPoints, 0m);
        var score = ScoreMath.Round(ScoreMath.Clamp(weighted * max / 100m, max));

        var parts = answered.Select(g =>
            $"{GroupName(g.Group)}平均{ScoreMath.N(g.Average)}分（{g.Count}人，权重{ScoreMath.N(g.Weight * 100m / totalWeight)}%）");
        var text = string.Join("、", parts);
        if (missing.Count > 0)
        {
            text += $"；{string.Join("、", missing.Select(GroupName))}暂无评价，其权重按已评价的评价组重新分配";
        }

        text += $"；加权平均{ScoreMath.N(weighted)}分，得{ScoreMath.N(score)}分";
        return new IndicatorResult(score, text);
    }

    /// <summary>The Chinese name of a rater group: 领导, 同级, 服务对象.</summary>
    public static string GroupName(RaterGroup group) => group switch
    {
        RaterGroup.Leader => "领导",
        RaterGroup.Peer => "同级",
        RaterGroup.ServiceRecipient => "服务对象",
        _ => group.ToString(),
    };
}
