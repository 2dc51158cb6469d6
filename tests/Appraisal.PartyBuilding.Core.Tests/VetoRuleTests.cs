using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Scoring;
using static Appraisal.PartyBuilding.Core.Tests.RuleKit;

namespace Appraisal.PartyBuilding.Core.Tests;

public class VetoRuleTests
{
    private static readonly VetoRule CapRule = new("serious-discipline-case", VetoEffect.CapGrade, "一星");
    private static readonly Indicator Cap = new("discipline.veto", "严重违纪", 0, CapRule);
    private static readonly Indicator Zero = new("discipline.zero", "重大安全事故", 0, new VetoRule("major-accident", VetoEffect.ZeroDimension));

    [Fact]
    public void No_event_is_0_and_not_triggered()
    {
        var evidence = With(events: [Event("serious-discipline-case", 6, 30, "违纪"), Event("serious-discipline-case", 10, 1, "违纪")]);
        var result = Evaluate(Cap, evidence);
        Assert.Equal(0m, result.Score);
        Assert.Equal("本季度无一票否决事项", result.Explanation);
        Assert.Empty(VetoScorer.Triggers(CapRule, evidence));
    }

    [Fact]
    public void Cap_event_is_named()
    {
        var evidence = With(events: [Event("serious-discipline-case", 8, 3, "支部书记受党内严重警告处分")]);
        var result = Evaluate(Cap, evidence);
        Assert.Equal(0m, result.Score);
        Assert.Equal("一票否决：8月3日支部书记受党内严重警告处分，等级最高评为一星", result.Explanation);
        Assert.Single(VetoScorer.Triggers(CapRule, evidence));
    }

    [Fact]
    public void Zero_dimension_event_is_named()
    {
        var result = Evaluate(Zero, With(events: [Event("major-accident", 9, 9)]));
        Assert.Equal(0m, result.Score);
        Assert.Equal("一票否决：9月9日发生“重大安全事故”一票否决事项，所在维度得分清零", result.Explanation);
    }

    [Fact]
    public void Veto_with_points_still_scores_0()
    {
        Assert.Equal(0m, Evaluate(Cap with { MaxPoints = 5 }, With()).Score);
    }
}
