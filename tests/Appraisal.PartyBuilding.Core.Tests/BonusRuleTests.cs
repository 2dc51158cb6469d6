using Appraisal.PartyBuilding.Contracts;
using static Appraisal.PartyBuilding.Core.Tests.RuleKit;

namespace Appraisal.PartyBuilding.Core.Tests;

public class BonusRuleTests
{
    private static readonly Indicator Cases = new("bonus.cases", "急难愁盼", 5, new BonusRule("urgent-need-solved", 2));

    private static EvidenceEvent Case(int month, int day, string? text = "解决群众急难愁盼问题", int year = 2026) =>
        Event("urgent-need-solved", month, day, text, year);

    [Fact]
    public void No_cases_is_0()
    {
        var result = Evaluate(Cases, With(events: [Event("late-dues", 8, 1)]));
        Assert.Equal(0m, result.Score);
        Assert.Equal("本季度无加分事项", result.Explanation);
    }

    [Fact]
    public void Points_per_case_in_the_quarter()
    {
        var result = Evaluate(Cases, With(events: [Case(8, 9), Case(7, 5), Case(6, 30), Case(10, 1)]));
        Assert.Equal(4m, result.Score);
        Assert.Equal("加4分：7月5日、8月9日解决群众急难愁盼问题", result.Explanation);
    }

    [Fact]
    public void Capped_at_the_maximum()
    {
        var result = Evaluate(Cases, With(events: [Case(7, 5), Case(8, 9), Case(9, 1, "修缮路灯")]));
        Assert.Equal(5m, result.Score);
        Assert.Equal("加5分（共3次，每次2分，加分上限5分）：7月5日、8月9日解决群众急难愁盼问题；9月1日修缮路灯", result.Explanation);
    }

    [Fact]
    public void Exactly_the_maximum_has_no_cap_note()
    {
        var indicator = Cases with { MaxPoints = 4 };
        var result = Evaluate(indicator, With(events: [Case(7, 5), Case(8, 9)]));
        Assert.Equal(4m, result.Score);
        Assert.Equal("加4分：7月5日、8月9日解决群众急难愁盼问题", result.Explanation);
    }
}
