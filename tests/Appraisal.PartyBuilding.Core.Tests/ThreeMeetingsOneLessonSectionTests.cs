using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Scoring;
using static Appraisal.PartyBuilding.Core.Tests.TestData;

namespace Appraisal.PartyBuilding.Core.Tests;

public class ThreeMeetingsOneLessonSectionTests
{
    private static IReadOnlyList<(string Code, IndicatorResult Result)> ScoreSection(BranchEvidence evidence) =>
        StandardSections.ThreeMeetingsOneLesson().Indicators
            .Select(i => (i.Code, RecordFrequencyScorer.Score(i, (RecordFrequencyRule)i.Rule, evidence)))
            .ToList();

    [Fact]
    public void Section_is_40_points_of_record_frequency_rules()
    {
        var section = StandardSections.ThreeMeetingsOneLesson();
        Assert.Equal(40m, section.MaxPoints);
        Assert.All(section.Indicators, i => Assert.IsType<RecordFrequencyRule>(i.Rule));
    }

    [Fact]
    public void Complete_quarter_scores_40()
    {
        var results = ScoreSection(Evidence(CompleteQuarter()));
        Assert.Equal(40m, results.Sum(r => r.Result.Score));
        Assert.Equal(
            [
                "党员大会：本季度已开（8月15日）",
                "支委会：7月、8月、9月均已开",
                "党小组会：一组均已开；二组均已开",
                "党课：本季度已开（9月20日）",
                "主题党日：7月、8月、9月均已开",
            ],
            results.Select(r => r.Result.Explanation));
    }

    [Fact]
    public void Complete_quarter_without_committee_or_groups_still_scores_40()
    {
        var records = CompleteQuarter().Where(r => r.Type is not MeetingType.Committee and not MeetingType.Group).ToArray();
        var results = ScoreSection(Evidence(Branch(0), records));
        Assert.Equal(40m, results.Sum(r => r.Result.Score));
    }

    [Fact]
    public void Empty_quarter_scores_0()
    {
        Assert.Equal(0m, ScoreSection(Evidence()).Sum(r => r.Result.Score));
    }

    [Fact]
    public void Complete_quarter_of_another_quarter_scores_0()
    {
        var evidence = new BranchEvidence(new AssessmentQuarter(2026, 4), DefaultBranch, CompleteQuarter());
        Assert.Equal(0m, ScoreSection(evidence).Sum(r => r.Result.Score));
    }

    [Fact]
    public void Shuffled_input_gives_the_same_scores_and_explanations()
    {
        var records = CompleteQuarter()
            .Where(r => r.Date.Month != 8)
            .Concat(
            [
                Committee(D(8, 3), present: 2),
                Committee(D(8, 3), present: 1),
                Group(D(8, 9), "三组"),
                Group(D(8, 9), null),
                Group(D(8, 9), "一组", returned: true),
                ThemeDay(D(8, 2), present: 0),
                Assembly(D(8, 1), expected: 20, present: 10),
                Assembly(D(6, 30)),
                Lecture(D(10, 1)),
            ])
            .ToArray();

        var expected = ScoreSection(Evidence(records));
        var random = new Random(20260701);
        for (var i = 0; i < 25; i++)
        {
            var shuffled = records.OrderBy(_ => random.Next()).ToArray();
            Assert.Equal(expected, ScoreSection(Evidence(shuffled)));
        }

        Assert.Equal(
            "支委会：7月、9月已开，8月缺；8月3日支委会不计：实到1人，未超过支委人数5人的半数；8月3日支委会不计：实到2人，未超过支委人数5人的半数",
            expected.Single(r => r.Code == "shyk.committee").Result.Explanation);
        Assert.Equal(
            "党小组会：一组7月、9月已开，8月缺；二组7月、9月已开，8月缺；8月9日党小组会不计：未注明所属党小组；8月9日党小组会不计：已退回；8月9日党小组会不计：所属党小组“三组”不存在",
            expected.Single(r => r.Code == "shyk.group").Result.Explanation);
        Assert.Equal(
            "党员大会：本季度未开；8月1日党员大会不计：实到10人，未超过应到20人的半数",
            expected.Single(r => r.Code == "shyk.assembly").Result.Explanation);
        Assert.Equal(8m + 4m + 0m + 6m + 4m, expected.Sum(r => r.Result.Score));
    }

    [Fact]
    public void Same_input_twice_gives_identical_results()
    {
        var evidence = Evidence(CompleteQuarter());
        Assert.Equal(ScoreSection(evidence), ScoreSection(evidence));
    }
}
