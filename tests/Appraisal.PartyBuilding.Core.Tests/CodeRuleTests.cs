using Appraisal.PartyBuilding.Contracts;
using static Appraisal.PartyBuilding.Core.Tests.RuleKit;

namespace Appraisal.PartyBuilding.Core.Tests;

public class CodeRuleTests
{
    private static readonly Indicator Workload = new("workload", "工作量系数", 10, new CodeRule("workload"));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(7.5, 7.5)]
    [InlineData(10, 10)]
    [InlineData(6.666, 6.67)]
    public void Score_in_range_is_kept_and_rounded(decimal given, decimal expected)
    {
        var result = Evaluate(Workload, With(), Scorers(new FixedScorer("workload", given, "按工作量折算")));
        Assert.Equal(expected, result.Score);
        Assert.Equal("按工作量折算", result.Explanation);
    }

    [Fact]
    public void Score_above_max_is_clamped_and_said()
    {
        var result = Evaluate(Workload, With(), Scorers(new FixedScorer("workload", 12, "按工作量折算")));
        Assert.Equal(10m, result.Score);
        Assert.Equal("按工作量折算（计分结果12分超过满分10分，按10分计）", result.Explanation);
    }

    [Fact]
    public void Negative_score_is_clamped_and_said()
    {
        var result = Evaluate(Workload, With(), Scorers(new FixedScorer("workload", -3, "按工作量折算")));
        Assert.Equal(0m, result.Score);
        Assert.Equal("按工作量折算（计分结果-3分低于0分，按0分计）", result.Explanation);
    }

    [Fact]
    public void Unknown_scorer_is_a_pack_bug()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            Evaluate(Workload, With(), Scorers(new FixedScorer("other", 1))));
        Assert.Contains("workload", error.Message, StringComparison.Ordinal);
        Assert.Contains("不存在", error.Message, StringComparison.Ordinal);
    }
}
