using Appraisal.PartyBuilding.Contracts;
using static Appraisal.PartyBuilding.Core.Tests.RuleKit;

namespace Appraisal.PartyBuilding.Core.Tests;

public class KpiTargetRuleTests
{
    private static Indicator Rate(decimal threshold = 80, decimal target = 95) =>
        new("grid.rate", "网格事件办结率", 15, new KpiTargetRule("grid-rate", threshold, target, KpiDirection.HigherIsBetter));

    private static Indicator ResponseTime(decimal threshold = 48, decimal target = 24) =>
        new("hotline.time", "热线响应时长", 10, new KpiTargetRule("hotline-hours", threshold, target, KpiDirection.LowerIsBetter));

    private static decimal Score(Indicator indicator, string code, decimal value) =>
        Evaluate(indicator, With(kpis: [new KpiValue("other", 1000), new KpiValue(code, value)])).Score;

    [Theory]
    [InlineData(50, 0)]
    [InlineData(80, 0)]
    [InlineData(80.01, 0.01)]
    [InlineData(85, 5)]
    [InlineData(90, 10)]
    [InlineData(94, 14)]
    [InlineData(95, 15)]
    [InlineData(100, 15)]
    public void Higher_is_better_is_linear_between_threshold_and_target_and_capped(decimal value, decimal expected)
    {
        Assert.Equal(expected, Score(Rate(), "grid-rate", value));
    }

    [Theory]
    [InlineData(72, 0)]
    [InlineData(48, 0)]
    [InlineData(40, 3.33)]
    [InlineData(36, 5)]
    [InlineData(24, 10)]
    [InlineData(0, 10)]
    public void Lower_is_better_is_linear_between_threshold_and_target_and_capped(decimal value, decimal expected)
    {
        Assert.Equal(expected, Score(ResponseTime(), "hotline-hours", value));
    }

    [Theory]
    [InlineData(89.99, 0)]
    [InlineData(90, 15)]
    [InlineData(91, 15)]
    public void Threshold_equal_to_target_is_a_step_upwards(decimal value, decimal expected)
    {
        Assert.Equal(expected, Score(Rate(90, 90), "grid-rate", value));
    }

    [Theory]
    [InlineData(24.01, 0)]
    [InlineData(24, 10)]
    [InlineData(1, 10)]
    public void Threshold_equal_to_target_is_a_step_downwards(decimal value, decimal expected)
    {
        Assert.Equal(expected, Score(ResponseTime(24, 24), "hotline-hours", value));
    }

    [Fact]
    public void Missing_kpi_is_0_not_reported()
    {
        var result = Evaluate(Rate(), With(kpis: [new KpiValue("other", 99)]));
        Assert.Equal(0m, result.Score);
        Assert.Equal("未报送指标值（网格事件办结率），得0分", result.Explanation);
    }

    [Fact]
    public void Explanations_say_where_the_value_stands()
    {
        Assert.Equal(
            "实际值85（越高越好，门槛值80，目标值95），介于门槛值与目标值之间，按比例得5分",
            Evaluate(Rate(), With(kpis: [new KpiValue("grid-rate", 85)])).Explanation);
        Assert.Equal(
            "实际值20（越低越好，门槛值48，目标值24），达到目标值，得满分",
            Evaluate(ResponseTime(), With(kpis: [new KpiValue("hotline-hours", 20)])).Explanation);
        Assert.Equal(
            "实际值60（越高越好，门槛值80，目标值95），未超过门槛值，得0分",
            Evaluate(Rate(), With(kpis: [new KpiValue("grid-rate", 60)])).Explanation);
    }

    [Fact]
    public void Two_values_of_one_kpi_are_refused()
    {
        Assert.Throws<ArgumentException>(() =>
            Evaluate(Rate(), With(kpis: [new KpiValue("grid-rate", 85), new KpiValue("grid-rate", 90)])));
    }
}
