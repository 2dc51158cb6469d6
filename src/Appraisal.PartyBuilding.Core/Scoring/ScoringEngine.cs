using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Core.Scoring;

/// <summary>
/// Scores a branch's category indicator tree from its evidence, and ranks branches within their categories.
/// Pure and deterministic: the same inputs, in any order, give the same outputs.
/// </summary>
public static class ScoringEngine
{
    /// <summary>
    /// Scores every indicator of <paramref name="category"/> for the branch, applies the vetoes triggered
    /// (a zeroed dimension counts 0; a grade cap lowers the grade to at most the cap) and grades the total.
    /// </summary>
    /// <param name="category">The branch's category.</param>
    /// <param name="evidence">The branch's evidence for the quarter.</param>
    /// <param name="scorers">Finds the pack's code scorers by id, for <see cref="CodeRule"/> indicators.</param>
    /// <exception cref="ArgumentException">The evidence is of a branch of another category.</exception>
    /// <exception cref="InvalidOperationException">The category is malformed (a pack validation bug).</exception>
    public static BranchScore Score(BranchCategory category, BranchEvidence evidence, Func<string, IIndicatorScorer?> scorers)
    {
        ArgumentNullException.ThrowIfNull(category);
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(scorers);
        if (!string.Equals(evidence.Branch.CategoryCode, category.Code, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"支部“{evidence.Branch.Code}”属于类别“{evidence.Branch.CategoryCode}”，不能按类别“{category.Code}”评分。",
                nameof(evidence));
        }

        var bands = category.Grades.Bands.Select(b => b.Name).ToList();
        Validate(category, bands);

        var indicators = new List<IndicatorScore>();
        var dimensions = new List<DimensionScore>();
        var vetoes = new List<AppliedVeto>();
        foreach (var dimension in category.Dimensions)
        {
            var results = dimension.Indicators
                .Select(i => (Indicator: i, Result: RuleEvaluator.Evaluate(i, evidence, scorers)))
                .ToList();

            var dimensionVetoes = dimension.Indicators
                .Where(i => i.Rule is VetoRule)
                .Select(i => (Indicator: i, Rule: (VetoRule)i.Rule, Events: VetoScorer.Triggers((VetoRule)i.Rule, evidence)))
                .Where(v => v.Events.Count > 0)
                .Select(v => new AppliedVeto(
                    v.Indicator.Code,
                    v.Indicator.Name,
                    dimension.Code,
                    v.Rule.Effect,
                    v.Rule.Effect == VetoEffect.CapGrade ? v.Rule.GradeCap : null,
                    v.Events,
                    results.Single(r => ReferenceEquals(r.Indicator, v.Indicator)).Result.Explanation))
                .ToList();
            vetoes.AddRange(dimensionVetoes);

            var zeroedBy = dimensionVetoes.FirstOrDefault(v => v.Effect == VetoEffect.ZeroDimension);
            foreach (var (indicator, result) in results)
            {
                var zeroed = zeroedBy is not null && indicator.Rule is not VetoRule;
                var explanation = zeroed
                    ? $"{result.Explanation}；因一票否决（{zeroedBy!.IndicatorName}）本维度清零，本项原得{ScoreMath.N(result.Score)}分"
                    : result.Explanation;
                indicators.Add(new IndicatorScore(
                    indicator.Code,
                    indicator.Name,
                    dimension.Code,
                    zeroed ? 0m : result.Score,
                    indicator.MaxPoints,
                    explanation,
                    result.Score));
            }

            var raw = results.Sum(r => r.Result.Score);
            dimensions.Add(new DimensionScore(
                dimension.Code,
                dimension.Name,
                zeroedBy is null ? ScoreMath.Round(raw) : 0m,
                dimension.MaxPoints,
                zeroedBy is not null));
        }

        var total = ScoreMath.Round(dimensions.Sum(d => d.Score));
        var maxPoints = category.MaxPoints;
        var rawGrade = category.Grades.GradeOf(total, maxPoints);
        var grade = rawGrade;
        var caps = vetoes.Where(v => v.Effect == VetoEffect.CapGrade).ToList();
        foreach (var cap in caps)
        {
            if (bands.IndexOf(cap.GradeCap!) > bands.IndexOf(grade))
            {
                grade = cap.GradeCap!;
            }
        }

        var percent = maxPoints == 0 ? 0m : total * 100m / maxPoints;
        var gradeText = $"总分{ScoreMath.N(total)}分（满分{ScoreMath.N(maxPoints)}分，得分率{ScoreMath.N(percent)}%），";
        if (grade == rawGrade)
        {
            gradeText += $"评为{grade}";
            if (caps.Count > 0)
            {
                gradeText += $"（一票否决等级上限为{string.Join("、", caps.Select(c => c.GradeCap).Distinct())}，未低于所得等级）";
            }
        }
        else
        {
            var named = string.Join("；", caps.Select(c => c.Explanation));
            gradeText += $"按得分应评{rawGrade}；{named}，故评为{grade}";
        }

        return new BranchScore(
            evidence.Branch.Code,
            evidence.Branch.Name,
            category.Code,
            evidence.Quarter,
            indicators,
            dimensions,
            total,
            maxPoints,
            grade,
            rawGrade,
            gradeText,
            vetoes);
    }

    /// <summary>
    /// Ranks branches within their categories: rank (1 = best total; equal totals share a rank, the next rank skips:
    /// 1, 1, 3) and percentile (the share of the category's other branches with a strictly lower total, 0..100,
    /// 2 decimals, midpoint away from zero; 100 in a category of one). Ordered by category code, rank, branch code.
    /// </summary>
    /// <exception cref="ArgumentException">Scores of different quarters, or one branch twice in a category.</exception>
    public static IReadOnlyList<RankedScore> Rank(IEnumerable<BranchScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var all = scores.ToList();
        if (all.Any(s => s is null))
        {
            throw new ArgumentException("得分列表中有空项。", nameof(scores));
        }

        if (all.Select(s => s.Quarter).Distinct().Count() > 1)
        {
            throw new ArgumentException("只能对同一季度的得分排名。", nameof(scores));
        }

        var ranked = new List<RankedScore>(all.Count);
        foreach (var category in all.GroupBy(s => s.CategoryCode, StringComparer.Ordinal))
        {
            var members = category.ToList();
            var duplicate = members.GroupBy(s => s.BranchCode, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new ArgumentException($"支部“{duplicate.Key}”在类别“{category.Key}”中出现了{duplicate.Count()}次。", nameof(scores));
            }

            // Sorted totals and two binary searches per branch: n log n, where counting pairwise was n² and took
            // minutes for a province (see docs/benchmarks.md).
            var n = members.Count;
            var totals = members.Select(s => s.Total).Order().ToArray();
            foreach (var score in members)
            {
                var lower = FirstIndexNotBelow(totals, score.Total);
                var higher = n - FirstIndexAbove(totals, score.Total);
                var percentile = n == 1 ? 100m : ScoreMath.Round(lower * 100m / (n - 1));
                ranked.Add(new RankedScore(score, higher + 1, percentile, n));
            }
        }

        return ranked
            .OrderBy(r => r.Score.CategoryCode, StringComparer.Ordinal)
            .ThenBy(r => r.Rank)
            .ThenBy(r => r.Score.BranchCode, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The number of sorted totals strictly below <paramref name="total"/>.</summary>
    private static int FirstIndexNotBelow(decimal[] sorted, decimal total)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (sorted[middle] < total)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>The number of sorted totals at or below <paramref name="total"/>.</summary>
    private static int FirstIndexAbove(decimal[] sorted, decimal total)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (sorted[middle] <= total)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static void Validate(BranchCategory category, List<string> bands)
    {
        if (bands.Count == 0)
        {
            throw new InvalidOperationException($"类别“{category.Code}”没有等级划分。");
        }

        foreach (var indicator in category.Dimensions.SelectMany(d => d.Indicators))
        {
            if (indicator.Rule is VetoRule { Effect: VetoEffect.CapGrade } veto && (veto.GradeCap is null || !bands.Contains(veto.GradeCap)))
            {
                throw new InvalidOperationException(
                    $"类别“{category.Code}”的一票否决指标“{indicator.Code}”的等级上限“{veto.GradeCap}”不在等级划分（{string.Join("、", bands)}）中。");
            }
        }
    }
}
