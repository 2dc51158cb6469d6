using Appraisal.PartyBuilding.Contracts;
using static Appraisal.PartyBuilding.Core.Tests.RuleKit;

namespace Appraisal.PartyBuilding.Core.Tests;

public class DeductionRuleTests
{
    private static Indicator Dues(decimal max = 10, decimal points = 1, decimal? cap = null) =>
        new("member.dues", "党费按时交纳", max, new DeductionRule("late-dues", points, cap));

    [Fact]
    public void No_events_is_the_maximum()
    {
        var result = Evaluate(Dues(), With());
        Assert.Equal(10m, result.Score);
        Assert.Equal("本季度无扣分事项，得满分", result.Explanation);
    }

    [Fact]
    public void Each_event_in_the_quarter_takes_its_points_and_dates_are_listed()
    {
        var result = Evaluate(Dues(), With(events:
        [
            Event("late-dues", 9, 1, "党费未按时交纳"),
            Event("late-dues", 8, 3, "党费未按时交纳"),
            Event("complaint", 8, 5, "被投诉"),
        ]));
        Assert.Equal(8m, result.Score);
        Assert.Equal("扣2分：8月3日、9月1日党费未按时交纳", result.Explanation);
    }

    [Fact]
    public void Events_outside_the_quarter_are_ignored()
    {
        var result = Evaluate(Dues(), With(events:
        [
            Event("late-dues", 6, 30, "党费未按时交纳"),
            Event("late-dues", 10, 1, "党费未按时交纳"),
            Event("late-dues", 8, 3, "党费未按时交纳", year: 2025),
            Event("late-dues", 7, 1, "党费未按时交纳"),
            Event("late-dues", 9, 30, "党费未按时交纳"),
        ]));
        Assert.Equal(8m, result.Score);
        Assert.Equal("扣2分：7月1日、9月30日党费未按时交纳", result.Explanation);
    }

    [Fact]
    public void Different_descriptions_and_missing_descriptions_are_grouped()
    {
        var result = Evaluate(Dues(points: 0.5m), With(events:
        [
            Event("late-dues", 8, 3, "党费未按时交纳"),
            Event("late-dues", 7, 20),
            Event("late-dues", 8, 3, "党费未按时交纳"),
            Event("late-dues", 9, 1, "党费少交"),
        ]));
        Assert.Equal(8m, result.Score);
        Assert.Equal("扣2分：7月20日发生“党费按时交纳”扣分事项；8月3日（2次）党费未按时交纳；9月1日党费少交", result.Explanation);
    }

    [Fact]
    public void Floor_at_0()
    {
        var events = Enumerable.Range(1, 6).Select(d => Event("late-dues", 8, d, "党费未按时交纳")).ToList();
        var result = Evaluate(Dues(max: 5), With(events: events));
        Assert.Equal(0m, result.Score);
        Assert.StartsWith("扣5分（共6次，每次1分，扣至0分）：8月1日、", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Exactly_max_taken_is_0_without_a_limit_note()
    {
        var events = Enumerable.Range(1, 5).Select(d => Event("late-dues", 8, d, "迟交")).ToList();
        var result = Evaluate(Dues(max: 5), With(events: events));
        Assert.Equal(0m, result.Score);
        Assert.Equal("扣5分：8月1日、8月2日、8月3日、8月4日、8月5日迟交", result.Explanation);
    }

    [Fact]
    public void Max_deduction_caps_the_points_taken()
    {
        var events = Enumerable.Range(1, 4).Select(d => Event("late-dues", 9, d, "迟交")).ToList();
        var result = Evaluate(Dues(max: 10, points: 2, cap: 3), With(events: events));
        Assert.Equal(7m, result.Score);
        Assert.Equal("扣3分（共4次，每次2分，扣分上限3分）：9月1日、9月2日、9月3日、9月4日迟交", result.Explanation);
    }

    [Fact]
    public void Max_deduction_above_the_maximum_still_floors_at_0()
    {
        var events = Enumerable.Range(1, 4).Select(d => Event("late-dues", 9, d, "迟交")).ToList();
        Assert.Equal(0m, Evaluate(Dues(max: 5, points: 2, cap: 20), With(events: events)).Score);
    }
}
