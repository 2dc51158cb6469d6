using Appraisal.PartyBuilding.Core.Incentives;

namespace Appraisal.PartyBuilding.Core.Tests;

/// <summary>SPEC "Incentive chain": grade → coefficient, 四强党支部 and 党员先锋岗 nominations at their thresholds.</summary>
public sealed class IncentiveRulesTests
{
    private static readonly NominationRules Rules = new();

    private static IncentiveResult Result(decimal total = 38, string grade = "五星", int rank = 1, int size = 10, decimal percentile = 100, bool vetoed = false) =>
        new(total, 40, grade, "五星", rank, size, percentile, vetoed);

    [Theory]
    [InlineData(0, 20, 0)]
    [InlineData(1, 20, 1)]
    [InlineData(3, 20, 1)]
    [InlineData(4, 20, 1)]
    [InlineData(5, 20, 1)]
    [InlineData(9, 20, 1)]
    [InlineData(10, 20, 2)]
    [InlineData(14, 20, 2)]
    [InlineData(15, 20, 3)]
    [InlineData(10, 0, 0)]
    [InlineData(10, 150, 10)]
    public void The_top_share_is_rounded_down_but_a_category_always_has_its_best(int size, int share, int expected)
    {
        Assert.Equal(expected, IncentiveRules.TopCount(size, share));
    }

    [Fact]
    public void A_five_star_branch_without_veto_ranked_within_the_top_share_is_a_four_strong_nominee()
    {
        var nominated = IncentiveRules.Decide(Result(rank: 2, size: 10), 1.2m, Rules);
        var tooLow = IncentiveRules.Decide(Result(rank: 3, size: 10), 1.2m, Rules);
        var fourStars = IncentiveRules.Decide(Result(total: 35, grade: "四星", rank: 1), 1.1m, Rules);
        var vetoed = IncentiveRules.Decide(Result(grade: "五星", vetoed: true), 1.2m, Rules);

        Assert.True(nominated.FourStrong);
        Assert.Contains("推荐四强党支部", nominated.Explanation);
        Assert.False(tooLow.FourStrong);
        Assert.False(fourStars.FourStrong);
        Assert.False(vetoed.FourStrong);
        Assert.False(vetoed.Vanguard);
        Assert.Equal("本期有一票否决事项，不参加评优推荐", vetoed.Explanation);
    }

    [Theory]
    [InlineData(34, 50, true)]     // 85% exactly, the median
    [InlineData(33.99, 100, false)] // 84.98%
    [InlineData(40, 49.99, false)]
    [InlineData(40, 50, true)]
    public void Vanguard_candidates_need_the_score_share_and_the_upper_half_of_the_category(decimal total, decimal percentile, bool expected)
    {
        Assert.Equal(expected, IncentiveRules.Decide(Result(total: total, grade: "四星", rank: 4, percentile: percentile), 1.1m, Rules).Vanguard);
    }

    [Fact]
    public void The_table_wins_over_the_defaults_and_an_unknown_grade_gets_one()
    {
        var table = new Dictionary<string, decimal> { ["五星"] = 1.3m };

        Assert.Equal(1.3m, IncentiveRules.CoefficientOf("五星", table, IncentiveRules.DefaultCoefficients));
        Assert.Equal(0.8m, IncentiveRules.CoefficientOf("一星", table, IncentiveRules.DefaultCoefficients));
        Assert.Equal(1.0m, IncentiveRules.CoefficientOf("优秀", table, IncentiveRules.DefaultCoefficients));
    }

    [Theory]
    [InlineData(null, "请填写系数")]
    [InlineData("-0.01", "系数应在0至5之间")]
    [InlineData("5.01", "系数应在0至5之间")]
    [InlineData("1.255", "系数最多保留两位小数")]
    [InlineData("0", null)]
    [InlineData("5", null)]
    [InlineData("1.25", null)]
    public void Coefficients_are_zero_to_five_with_two_decimals(string? value, string? refusal)
    {
        Assert.Equal(refusal, IncentiveRules.RefusesCoefficient(value is null ? null : decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
