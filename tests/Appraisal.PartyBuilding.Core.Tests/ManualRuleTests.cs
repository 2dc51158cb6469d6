using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Scoring;

namespace Appraisal.PartyBuilding.Core.Tests;

public class ManualRuleTests
{
    private static readonly Indicator Study = new("political.study", "理论学习", 10, new ManualRule("查学习记录"));

    private static IndicatorResult Score(params ManualScore[] scores) => RuleKit.Evaluate(Study, RuleKit.With(manual: scores));

    [Fact]
    public void Missing_score_is_0_awaiting_the_assessor()
    {
        var result = Score(new ManualScore("other.code", 9, "别的指标"));
        Assert.Equal(0m, result.Score);
        Assert.Equal("待考核员评分", result.Explanation);
    }

    [Fact]
    public void Score_within_range_is_kept_with_the_comment()
    {
        var result = Score(new ManualScore("political.study", 8.5m, "学习记录完整，缺心得体会"));
        Assert.Equal(8.5m, result.Score);
        Assert.Equal("考核员评分8.5分：学习记录完整，缺心得体会", result.Explanation);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(10, 10)]
    [InlineData(3.333, 3.33)]
    [InlineData(3.335, 3.34)]
    public void Edges_and_rounding(decimal given, decimal expected)
    {
        Assert.Equal(expected, Score(new ManualScore("political.study", given, "")).Score);
    }

    [Fact]
    public void Score_above_max_is_clamped_and_said()
    {
        var result = Score(new ManualScore("political.study", 12, "表现突出"));
        Assert.Equal(10m, result.Score);
        Assert.Equal("考核员评分12分，超过满分10分，按10分计：表现突出", result.Explanation);
    }

    [Fact]
    public void Negative_score_is_clamped_to_0_and_said()
    {
        var result = Score(new ManualScore("political.study", -2, "未开展"));
        Assert.Equal(0m, result.Score);
        Assert.Equal("考核员评分-2分，低于0分，按0分计：未开展", result.Explanation);
    }

    [Fact]
    public void Two_scores_for_one_indicator_are_refused()
    {
        Assert.Throws<ArgumentException>(() =>
            Score(new ManualScore("political.study", 8, "a"), new ManualScore("political.study", 9, "b")));
    }
}
