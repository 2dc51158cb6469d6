using Appraisal.PartyBuilding.Core.Health;

namespace Appraisal.PartyBuilding.Core.Tests;

/// <summary>SPEC "Health early warning": green / yellow / red per branch from its signals, with the reasons, at the thresholds.</summary>
public sealed class HealthRulesTests
{
    private static readonly HealthThresholds Thresholds = new();

    private static HealthAssessment Assess(HealthFacts facts) => HealthRules.Assess(facts, Thresholds);

    private static HealthFacts None => new([]);

    [Fact]
    public void A_branch_with_nothing_wrong_is_green_without_reasons()
    {
        var health = Assess(None with { PreviousPercent = 90, LatestPercent = 95.01m, SatisfactionPercent = 70 });

        Assert.Equal(HealthColour.Green, health.Colour);
        Assert.Empty(health.Reasons);
    }

    [Fact]
    public void One_missed_month_is_yellow_and_two_are_red()
    {
        var one = Assess(None with { MissedMonths = ["8月缺支委会"] });
        var two = Assess(None with { MissedMonths = ["7月缺主题党日", "8月缺支委会、主题党日"] });

        Assert.Equal(HealthColour.Yellow, one.Colour);
        Assert.Equal("1个月缺少按月应开的会议：8月缺支委会", Assert.Single(one.Reasons).Text);
        Assert.Equal(HealthColour.Red, two.Colour);
    }

    [Theory]
    [InlineData(90, 85.01, HealthColour.Green)]
    [InlineData(90, 85, HealthColour.Yellow)]
    [InlineData(90, 75.01, HealthColour.Yellow)]
    [InlineData(90, 75, HealthColour.Red)]
    [InlineData(60, 90, HealthColour.Green)]
    public void A_falling_score_is_yellow_from_5_points_and_red_from_15(decimal previous, decimal latest, HealthColour colour)
    {
        Assert.Equal(colour, Assess(None with { PreviousPercent = previous, LatestPercent = latest, LatestLabel = "2026年第3季度" }).Colour);
    }

    [Fact]
    public void A_fall_says_from_what_to_what()
    {
        var reason = Assert.Single(Assess(None with { PreviousPercent = 90, LatestPercent = 80, LatestLabel = "2026年第3季度" }).Reasons);

        Assert.Equal("得分率下降10个百分点（90% → 2026年第3季度80%）", reason.Text);
    }

    [Theory]
    [InlineData(1, 0, HealthColour.Yellow)]
    [InlineData(2, 0, HealthColour.Red)]
    [InlineData(1, 1, HealthColour.Red)]
    public void Overdue_rectification_is_yellow_and_red_when_repeated_or_escalated(int overdue, int escalated, HealthColour colour)
    {
        Assert.Equal(colour, Assess(None with { OverdueItems = overdue, EscalatedItems = escalated }).Colour);
    }

    [Theory]
    [InlineData(69.99, HealthColour.Yellow)]
    [InlineData(50, HealthColour.Yellow)]
    [InlineData(49.99, HealthColour.Red)]
    public void Low_satisfaction_is_yellow_below_70_and_red_below_50(decimal satisfaction, HealthColour colour)
    {
        Assert.Equal(colour, Assess(None with { SatisfactionPercent = satisfaction }).Colour);
    }

    [Fact]
    public void Three_yellow_reasons_make_a_red_branch_and_two_do_not()
    {
        var two = None with { MissedMonths = ["8月缺支委会"], OverdueItems = 1 };
        var three = two with { SatisfactionPercent = 65 };

        Assert.Equal(HealthColour.Yellow, Assess(two).Colour);
        Assert.Equal(HealthColour.Red, Assess(three).Colour);
        Assert.Equal(3, Assess(three).Reasons.Count);
    }
}
