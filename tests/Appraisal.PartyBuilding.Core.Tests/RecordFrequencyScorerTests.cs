using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Scoring;
using static Appraisal.PartyBuilding.Core.Tests.TestData;

namespace Appraisal.PartyBuilding.Core.Tests;

public class RecordFrequencyScorerTests
{
    // ---- 支部党员大会 (10, the quarter) ----

    [Fact]
    public void Assembly_none_scores_0()
    {
        var result = Score("shyk.assembly", Evidence());
        Assert.Equal(0m, result.Score);
        Assert.Equal("党员大会：本季度未开", result.Explanation);
    }

    [Fact]
    public void Assembly_one_scores_10()
    {
        var result = Score("shyk.assembly", Evidence(Assembly(D(8, 15))));
        Assert.Equal(10m, result.Score);
        Assert.Equal("党员大会：本季度已开（8月15日）", result.Explanation);
    }

    [Fact]
    public void Assembly_several_score_10_once()
    {
        var result = Score("shyk.assembly", Evidence(Assembly(D(8, 15)), Assembly(D(7, 3)), Assembly(D(9, 30))));
        Assert.Equal(10m, result.Score);
        Assert.Equal("党员大会：本季度已开（7月3日、8月15日、9月30日）", result.Explanation);
    }

    [Fact]
    public void Assembly_exactly_half_present_scores_0()
    {
        var result = Score("shyk.assembly", Evidence(Assembly(D(8, 15), expected: 20, present: 10)));
        Assert.Equal(0m, result.Score);
        Assert.Equal("党员大会：本季度未开；8月15日党员大会不计：实到10人，未超过应到20人的半数", result.Explanation);
    }

    [Fact]
    public void Assembly_more_than_half_present_scores_10()
    {
        Assert.Equal(10m, Score("shyk.assembly", Evidence(Assembly(D(8, 15), expected: 20, present: 11))).Score);
    }

    // ---- 支部委员会 (12, 4 a month) ----

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 4)]
    [InlineData(2, 8)]
    [InlineData(3, 12)]
    public void Committee_scores_4_per_covered_month(int months, int expected)
    {
        var records = new[] { Committee(D(7, 5)), Committee(D(8, 5)), Committee(D(9, 5)) }.Take(months).ToArray();
        Assert.Equal((decimal)expected, Score("shyk.committee", Evidence(records)).Score);
    }

    [Fact]
    public void Committee_several_in_one_month_count_once()
    {
        var result = Score("shyk.committee", Evidence(Committee(D(7, 1)), Committee(D(7, 15)), Committee(D(7, 31))));
        Assert.Equal(4m, result.Score);
        Assert.Equal("支委会：7月已开，8月、9月缺", result.Explanation);
    }

    [Fact]
    public void Committee_quorum_is_against_committee_size_not_expected()
    {
        // 3 of a 5-member committee is more than half, even though expected says 7.
        Assert.Equal(4m, Score("shyk.committee", Evidence(Branch(5, "一组"), Committee(D(7, 1), present: 3, expected: 7))).Score);

        // 3 of a 7-member committee is not, even though expected says 3.
        var result = Score("shyk.committee", Evidence(Branch(7, "一组"), Committee(D(7, 1), present: 3, expected: 3)));
        Assert.Equal(0m, result.Score);
        Assert.Equal(
            "支委会：7月、8月、9月均未开；7月1日支委会不计：实到3人，未超过支委人数7人的半数",
            result.Explanation);
    }

    [Fact]
    public void Committee_missing_month_explanation()
    {
        var result = Score("shyk.committee", Evidence(Committee(D(9, 8)), Committee(D(7, 12))));
        Assert.Equal(8m, result.Score);
        Assert.Equal("支委会：7月、9月已开，8月缺", result.Explanation);
    }

    [Fact]
    public void Committee_all_months_explanation()
    {
        var result = Score("shyk.committee", Evidence(Committee(D(7, 12)), Committee(D(8, 12)), Committee(D(9, 12))));
        Assert.Equal(12m, result.Score);
        Assert.Equal("支委会：7月、8月、9月均已开", result.Explanation);
    }

    [Fact]
    public void Committee_no_months_explanation()
    {
        var result = Score("shyk.committee", Evidence());
        Assert.Equal(0m, result.Score);
        Assert.Equal("支委会：7月、8月、9月均未开", result.Explanation);
    }

    [Fact]
    public void Committee_invalid_record_is_appended_with_reason()
    {
        var result = Score("shyk.committee", Evidence(Committee(D(7, 12)), Committee(D(8, 3), present: 2), Committee(D(9, 12))));
        Assert.Equal(8m, result.Score);
        Assert.Equal("支委会：7月、9月已开，8月缺；8月3日支委会不计：实到2人，未超过支委人数5人的半数", result.Explanation);
    }

    [Fact]
    public void Committee_not_applicable_without_committee_scores_12()
    {
        var result = Score("shyk.committee", Evidence(Branch(0, "一组")));
        Assert.Equal(12m, result.Score);
        Assert.Equal("不适用：本支部未设支部委员会，按满分计", result.Explanation);
    }

    // ---- 党小组会 (6, per group-month) ----

    [Fact]
    public void Group_two_groups_five_of_six_scores_5()
    {
        var result = Score("shyk.group", Evidence(
            Branch(5, "一组", "二组"),
            Group(D(7, 1), "一组"), Group(D(8, 1), "一组"),
            Group(D(7, 2), "二组"), Group(D(8, 2), "二组"), Group(D(9, 2), "二组")));
        Assert.Equal(5.00m, result.Score);
        Assert.Equal("党小组会：一组7月、8月已开，9月缺；二组均已开", result.Explanation);
    }

    [Fact]
    public void Group_one_of_three_groups_one_month_rounds_to_0_67()
    {
        var result = Score("shyk.group", Evidence(Branch(5, "一组", "二组", "三组"), Group(D(7, 1), "一组")));
        Assert.Equal(0.67m, result.Score);
        Assert.Equal("党小组会：一组7月已开，8月、9月缺；二组均未开；三组均未开", result.Explanation);
    }

    [Fact]
    public void Group_three_groups_seven_of_nine_scores_4_67()
    {
        var result = Score("shyk.group", Evidence(
            Branch(5, "一组", "二组", "三组"),
            Group(D(7, 1), "一组"), Group(D(8, 1), "一组"), Group(D(9, 1), "一组"),
            Group(D(7, 2), "二组"), Group(D(8, 2), "二组"), Group(D(9, 2), "二组"),
            Group(D(7, 3), "三组")));
        Assert.Equal(4.67m, result.Score);
        Assert.Equal("党小组会：一组均已开；二组均已开；三组7月已开，8月、9月缺", result.Explanation);
    }

    [Fact]
    public void Group_several_meetings_in_one_group_month_count_once()
    {
        var result = Score("shyk.group", Evidence(Branch(5, "一组"), Group(D(7, 1), "一组"), Group(D(7, 20), "一组")));
        Assert.Equal(2m, result.Score);
    }

    [Fact]
    public void Group_unknown_group_name_does_not_count()
    {
        var result = Score("shyk.group", Evidence(
            Branch(5, "一组"),
            Group(D(7, 1), "一组"), Group(D(8, 1), "一组"), Group(D(9, 1), "三组"), Group(D(9, 2), null)));
        Assert.Equal(4m, result.Score);
        Assert.Equal(
            "党小组会：一组7月、8月已开，9月缺；9月1日党小组会不计：所属党小组“三组”不存在；9月2日党小组会不计：未注明所属党小组",
            result.Explanation);
    }

    [Fact]
    public void Group_name_is_matched_trimmed()
    {
        var result = Score("shyk.group", Evidence(Branch(5, " 一组 "), Group(D(7, 1), "一组 "), Group(D(8, 1), " 一组"), Group(D(9, 1), "一组")));
        Assert.Equal(6m, result.Score);
        Assert.Equal("党小组会：一组均已开", result.Explanation);
    }

    [Fact]
    public void Group_not_applicable_without_groups_scores_6()
    {
        var result = Score("shyk.group", Evidence(Branch(5), Group(D(7, 1), "一组")));
        Assert.Equal(6m, result.Score);
        Assert.Equal("不适用：本支部未设党小组，按满分计", result.Explanation);
    }

    // ---- 党课 (6, the quarter) ----

    [Fact]
    public void Lecture_none_scores_0()
    {
        var result = Score("shyk.lecture", Evidence());
        Assert.Equal(0m, result.Score);
        Assert.Equal("党课：本季度未开", result.Explanation);
    }

    [Fact]
    public void Lecture_one_scores_6()
    {
        var result = Score("shyk.lecture", Evidence(Lecture(D(9, 20))));
        Assert.Equal(6m, result.Score);
        Assert.Equal("党课：本季度已开（9月20日）", result.Explanation);
    }

    [Fact]
    public void Lecture_nobody_present_scores_0()
    {
        Assert.Equal(0m, Score("shyk.lecture", Evidence(Lecture(D(9, 20), present: 0))).Score);
    }

    // ---- 主题党日 (6, 2 a month) ----

    [Theory]
    [InlineData(0, "0")]
    [InlineData(1, "2")]
    [InlineData(2, "4")]
    [InlineData(3, "6")]
    public void Theme_day_scores_2_per_covered_month(int months, string expected)
    {
        var records = new[] { ThemeDay(D(7, 1)), ThemeDay(D(8, 1)), ThemeDay(D(9, 1)) }.Take(months).ToArray();
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Score("shyk.theme-day", Evidence(records)).Score);
    }

    [Fact]
    public void Theme_day_explanation()
    {
        var result = Score("shyk.theme-day", Evidence(ThemeDay(D(8, 1)), ThemeDay(D(8, 20))));
        Assert.Equal(2m, result.Score);
        Assert.Equal("主题党日：8月已开，7月、9月缺", result.Explanation);
    }

    // ---- quarter boundaries ----

    [Theory]
    [InlineData("shyk.assembly")]
    [InlineData("shyk.committee")]
    [InlineData("shyk.group")]
    [InlineData("shyk.lecture")]
    [InlineData("shyk.theme-day")]
    public void Records_on_the_days_around_the_quarter_are_ignored(string code)
    {
        // Last day of the previous quarter and first day of the next one.
        var outside = new List<MeetingRecordFact>();
        foreach (var date in new[] { D(6, 30), D(10, 1), D(3, 31), D(7, 1, 2025), D(7, 1, 2027) })
        {
            outside.AddRange(
            [
                Assembly(date), Committee(date), Group(date, "一组"), Group(date, "二组"), Lecture(date), ThemeDay(date),
            ]);
        }

        var result = Score(code, Evidence([.. outside]));
        Assert.Equal(0m, result.Score);
        Assert.DoesNotContain("不计", result.Explanation);
    }

    [Fact]
    public void Records_on_the_first_and_last_day_of_the_quarter_count()
    {
        Assert.Equal(4m, Score("shyk.committee", Evidence(Committee(D(7, 1)))).Score);
        Assert.Equal(4m, Score("shyk.committee", Evidence(Committee(D(9, 30)))).Score);
        Assert.Equal(10m, Score("shyk.assembly", Evidence(Assembly(D(7, 1)))).Score);
        Assert.Equal(6m, Score("shyk.lecture", Evidence(Lecture(D(9, 30)))).Score);
    }

    // ---- returned records ----

    [Fact]
    public void Returned_records_do_not_count()
    {
        var evidence = Evidence(
            Assembly(D(8, 15), returned: true),
            Committee(D(7, 12), returned: true), Committee(D(8, 12)),
            Group(D(7, 1), "一组", returned: true),
            Lecture(D(9, 1), returned: true),
            ThemeDay(D(7, 1), returned: true));

        Assert.Equal(0m, Score("shyk.assembly", evidence).Score);
        Assert.Equal(4m, Score("shyk.committee", evidence).Score);
        Assert.Equal(0m, Score("shyk.group", evidence).Score);
        Assert.Equal(0m, Score("shyk.lecture", evidence).Score);
        Assert.Equal(0m, Score("shyk.theme-day", evidence).Score);
        Assert.Equal("支委会：8月已开，7月、9月缺；7月12日支委会不计：已退回", Score("shyk.committee", evidence).Explanation);
        Assert.Equal("党员大会：本季度未开；8月15日党员大会不计：已退回", Score("shyk.assembly", evidence).Explanation);
    }

    [Fact]
    public void Returned_record_beside_a_valid_one_in_the_same_month_keeps_the_month()
    {
        var result = Score("shyk.theme-day", Evidence(ThemeDay(D(7, 1), returned: true), ThemeDay(D(7, 2))));
        Assert.Equal(2m, result.Score);
        Assert.Equal("主题党日：7月已开，8月、9月缺；7月1日主题党日不计：已退回", result.Explanation);
    }

    // ---- year rules (组织生活会, 民主评议党员) ----

    [Fact]
    public void Year_rule_scores_from_the_whole_year()
    {
        var indicator = new Indicator("x.life", "组织生活会", 5, new RecordFrequencyRule(MeetingType.LifeMeeting, CoverageUnit.Year));
        var covered = RecordFrequencyScorer.Score(indicator, Evidence(LifeMeeting(D(2, 10)), LifeMeeting(D(12, 20, 2025))));
        Assert.Equal(5m, covered.Score);
        Assert.Equal("组织生活会：本年度已开（2月10日）", covered.Explanation);

        var review = new Indicator("x.review", "民主评议党员", 5, new RecordFrequencyRule(MeetingType.Review, CoverageUnit.Year));
        var missing = RecordFrequencyScorer.Score(review, Evidence(Review(D(1, 5, 2027)), Review(D(3, 1), expected: 20, present: 10)));
        Assert.Equal(0m, missing.Score);
        Assert.Equal("民主评议党员：本年度未开；3月1日民主评议党员不计：实到10人，未超过应到20人的半数", missing.Explanation);
    }

    // ---- API shape ----

    [Fact]
    public void Score_with_indicator_only_requires_a_record_frequency_rule()
    {
        var manual = new Indicator("x.manual", "手工", 5, new ManualRule("看材料"));
        Assert.Throws<ArgumentException>(() => RecordFrequencyScorer.Score(manual, Evidence()));
    }

    [Fact]
    public void Max_points_come_from_the_indicator()
    {
        var indicator = new Indicator("x.committee", "支委会", 9, new RecordFrequencyRule(MeetingType.Committee, CoverageUnit.Month));
        var result = RecordFrequencyScorer.Score(indicator, (RecordFrequencyRule)indicator.Rule, Evidence(Committee(D(7, 1))));
        Assert.Equal(3m, result.Score);
    }
}
