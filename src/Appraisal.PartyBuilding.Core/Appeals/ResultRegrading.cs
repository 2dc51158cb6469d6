using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Scoring;

namespace Appraisal.PartyBuilding.Core.Appeals;

/// <summary>A stored result's total, grade and grade explanation after one of its indicator scores changed.</summary>
public sealed record Regraded(decimal Total, string Grade, string GradeExplanation);

/// <summary>
/// Re-totals and re-grades a stored result after an indicator score changed (an upheld appeal), the way
/// <see cref="ScoringEngine.Score"/> does: a dimension zeroed by a triggered veto counts 0, a triggered grade cap still
/// caps. Ranking is not redone here: the caller ranks the category again with <see cref="ScoringEngine.Rank"/>.
/// </summary>
public static class ResultRegrading
{
    /// <param name="category">The branch's category.</param>
    /// <param name="scores">The current score of each indicator, by code (indicators absent count 0).</param>
    /// <param name="triggeredVetoes">The codes of the category's veto indicators that were triggered for the branch.</param>
    public static Regraded Regrade(BranchCategory category, IReadOnlyDictionary<string, decimal> scores, IReadOnlySet<string> triggeredVetoes)
    {
        ArgumentNullException.ThrowIfNull(category);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(triggeredVetoes);

        var bands = category.Grades.Bands.Select(b => b.Name).ToList();
        var vetoes = category.Dimensions
            .SelectMany(d => d.Indicators.Select(i => (Dimension: d, Indicator: i)))
            .Where(x => x.Indicator.Rule is VetoRule && triggeredVetoes.Contains(x.Indicator.Code))
            .Select(x => (x.Dimension, x.Indicator, Rule: (VetoRule)x.Indicator.Rule))
            .ToList();

        var total = 0m;
        foreach (var dimension in category.Dimensions)
        {
            var zeroed = vetoes.Any(v => ReferenceEquals(v.Dimension, dimension) && v.Rule.Effect == VetoEffect.ZeroDimension);
            if (!zeroed)
            {
                total += ScoreMath.Round(dimension.Indicators.Sum(i => scores.GetValueOrDefault(i.Code)));
            }
        }

        total = ScoreMath.Round(total);
        var maxPoints = category.MaxPoints;
        var rawGrade = category.Grades.GradeOf(total, maxPoints);
        var grade = rawGrade;
        var caps = vetoes.Where(v => v.Rule.Effect == VetoEffect.CapGrade && v.Rule.GradeCap is not null && bands.Contains(v.Rule.GradeCap)).ToList();
        foreach (var cap in caps)
        {
            if (bands.IndexOf(cap.Rule.GradeCap!) > bands.IndexOf(grade))
            {
                grade = cap.Rule.GradeCap!;
            }
        }

        var percent = maxPoints == 0 ? 0m : total * 100m / maxPoints;
        var text = $"总分{ScoreMath.N(total)}分（满分{ScoreMath.N(maxPoints)}分，得分率{ScoreMath.N(percent)}%，经申诉复核重算），";
        text += grade == rawGrade
            ? $"评为{grade}"
            : $"按得分应评{rawGrade}；因一票否决（{string.Join("、", caps.Select(c => c.Indicator.Name))}）等级最高为{grade}，故评为{grade}";
        return new Regraded(total, grade, text);
    }
}
