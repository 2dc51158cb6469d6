using Appraisal.PartyBuilding.Contracts;
using static Appraisal.PartyBuilding.Core.Tests.RuleKit;

namespace Appraisal.PartyBuilding.Core.Tests;

public class RatingRuleTests
{
    private static readonly Indicator Satisfaction = new(
        "satisfaction",
        "群众满意度",
        20,
        new RatingRule(
            "q1",
            new Dictionary<RaterGroup, decimal>
            {
                [RaterGroup.Leader] = 0.5m,
                [RaterGroup.Peer] = 0.3m,
                [RaterGroup.ServiceRecipient] = 0.2m,
            }));

    private static RatingAnswer A(RaterGroup group, decimal score, string question = "q1") => new(question, group, score);

    [Fact]
    public void No_answers_is_0_no_rating_yet()
    {
        var result = Evaluate(Satisfaction, With(ratings: [A(RaterGroup.Leader, 100, "other")]));
        Assert.Equal(0m, result.Score);
        Assert.Equal("暂无评价，得0分", result.Explanation);
    }

    [Fact]
    public void All_groups_weighted_by_the_rule()
    {
        var result = Evaluate(Satisfaction, With(ratings:
        [
            A(RaterGroup.Leader, 90), A(RaterGroup.Leader, 80),
            A(RaterGroup.Peer, 70),
            A(RaterGroup.ServiceRecipient, 100), A(RaterGroup.ServiceRecipient, 90), A(RaterGroup.ServiceRecipient, 95),
        ]));

        // 85 × 0.5 + 70 × 0.3 + 95 × 0.2 = 82.5 → 82.5 × 20 / 100 = 16.5
        Assert.Equal(16.5m, result.Score);
        Assert.Equal(
            "领导平均85分（2人，权重50%）、同级平均70分（1人，权重30%）、服务对象平均95分（3人，权重20%）；加权平均82.5分，得16.5分",
            result.Explanation);
    }

    [Fact]
    public void Weights_are_renormalised_over_the_groups_that_answered()
    {
        var result = Evaluate(Satisfaction, With(ratings: [A(RaterGroup.Leader, 80), A(RaterGroup.Peer, 60)]));

        // (80 × 0.5 + 60 × 0.3) / 0.8 = 72.5 → 14.5
        Assert.Equal(14.5m, result.Score);
        Assert.Equal(
            "领导平均80分（1人，权重62.5%）、同级平均60分（1人，权重37.5%）；服务对象暂无评价，其权重按已评价的评价组重新分配；加权平均72.5分，得14.5分",
            result.Explanation);
    }

    [Fact]
    public void One_group_alone_carries_the_full_weight()
    {
        Assert.Equal(18m, Evaluate(Satisfaction, With(ratings: [A(RaterGroup.ServiceRecipient, 90)])).Score);
    }

    [Fact]
    public void Groups_without_a_weight_are_ignored()
    {
        var rule = new RatingRule("q1", new Dictionary<RaterGroup, decimal> { [RaterGroup.Leader] = 1m });
        var indicator = new Indicator("x", "评价", 10, rule);
        Assert.Equal(0m, Evaluate(indicator, With(ratings: [A(RaterGroup.Peer, 100)])).Score);
        Assert.Equal(5m, Evaluate(indicator, With(ratings: [A(RaterGroup.Peer, 100), A(RaterGroup.Leader, 50)])).Score);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(100, 20)]
    [InlineData(150, 20)]
    [InlineData(-10, 0)]
    public void Zero_max_and_answers_outside_0_to_100_are_clamped(decimal answer, decimal expected)
    {
        Assert.Equal(expected, Evaluate(Satisfaction, With(ratings: [A(RaterGroup.Leader, answer)])).Score);
    }

    [Fact]
    public void Rounding_is_2_decimals()
    {
        // (100 + 100 + 0) / 3 = 66.666… → 13.33
        var result = Evaluate(Satisfaction, With(ratings: [A(RaterGroup.Peer, 100), A(RaterGroup.Peer, 100), A(RaterGroup.Peer, 0)]));
        Assert.Equal(13.33m, result.Score);
        Assert.Contains("同级平均66.67分（3人，权重100%）", result.Explanation, StringComparison.Ordinal);
    }
}
