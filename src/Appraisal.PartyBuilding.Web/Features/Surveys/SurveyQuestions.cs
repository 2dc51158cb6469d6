using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Plugins;

namespace Appraisal.PartyBuilding.Web.Features.Surveys;

/// <summary>One question of a survey: a rating rule of the branch's category and the rater groups it weighs.</summary>
public sealed record SurveyQuestion(string Code, string Text, string IndicatorCode, IReadOnlyList<RaterGroup> Groups);

/// <summary>
/// The questions of a survey are the rating rules (<see cref="RatingRule"/>) of the branch's category in the pack
/// version the period pinned, so a survey asks exactly what the scorer counts, and a later pack version does not change
/// an open period's survey.
/// </summary>
public static class SurveyQuestions
{
    /// <summary>The category as the period pinned it, or null with the reason in Chinese.</summary>
    public static (BranchCategory? Category, string? Error) PinnedCategory(PackCatalog catalog, Period period, string? categoryCode)
    {
        if (categoryCode is null)
        {
            return (null, "该支部未设置支部类别，不能发起问卷");
        }

        foreach (var pinned in period.Packs)
        {
            if (catalog.Find(pinned.PackId, pinned.Version)?.FindCategory(categoryCode) is { } category)
            {
                return (category, null);
            }
        }

        return (null, $"{period.AsQuarter}考核期所用的指标包中没有该支部的类别“{categoryCode}”（或该版本未加载）");
    }

    public static IReadOnlyList<SurveyQuestion> Of(BranchCategory category) =>
        category.Dimensions.SelectMany(d => d.Indicators)
            .Where(i => i.Rule is RatingRule)
            .Select(i => (Indicator: i, Rule: (RatingRule)i.Rule))
            .GroupBy(x => x.Rule.Question, StringComparer.Ordinal)
            .Select(g => new SurveyQuestion(
                g.Key,
                g.First().Indicator.Name,
                g.First().Indicator.Code,
                g.SelectMany(x => x.Rule.Weights.Where(w => w.Value > 0).Select(w => w.Key)).Distinct().Order().ToList()))
            .ToList();

    /// <summary>The questions a rater of the group answers.</summary>
    public static IReadOnlyList<SurveyQuestion> For(IReadOnlyList<SurveyQuestion> questions, RaterGroup group) =>
        questions.Where(q => q.Groups.Contains(group)).ToList();
}

/// <summary>
/// The answer scale shown to raters, mapped onto the 0..100 scores the rating rules average. Five plain levels read
/// well on a phone and are how 群众满意度 is usually asked.
/// </summary>
public static class AnswerScale
{
    public static readonly IReadOnlyList<(int Score, string Text)> Levels =
    [
        (100, "非常满意"),
        (80, "满意"),
        (60, "基本满意"),
        (30, "不满意"),
        (0, "非常不满意"),
    ];

    public static bool IsLevel(int score) => Levels.Any(l => l.Score == score);
}
