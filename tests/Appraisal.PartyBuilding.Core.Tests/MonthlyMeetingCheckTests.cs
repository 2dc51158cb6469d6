using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Meetings;
using static Appraisal.PartyBuilding.Core.Tests.TestData;

namespace Appraisal.PartyBuilding.Core.Tests;

/// <summary>The monthly reminder: what a branch still lacks this month, counted like the scores count.</summary>
public sealed class MonthlyMeetingCheckTests
{
    private static readonly RecordFrequencyRule[] ThreeMeetingsOneLesson = StandardSections.ThreeMeetingsOneLesson()
        .Indicators.Select(i => i.Rule).OfType<RecordFrequencyRule>().ToArray();

    private static readonly RecordFrequencyRule[] WithYearly =
        [.. ThreeMeetingsOneLesson, new RecordFrequencyRule(MeetingType.LifeMeeting, CoverageUnit.Year)];

    [Fact]
    public void In_the_middle_month_only_this_months_monthly_meetings_count_per_group()
    {
        var evidence = Evidence(Committee(D(7, 5)), ThemeDay(D(8, 1)), Group(D(8, 3), "二组"), Assembly(D(7, 9)));

        var missing = MonthlyMeetingCheck.Missing(evidence, ThreeMeetingsOneLesson, D(8, 20));

        Assert.Equal(["支部委员会", "党小组会（一组）"], missing);
    }

    [Fact]
    public void A_record_that_does_not_count_does_not_cover_the_month()
    {
        var evidence = Evidence(Committee(D(8, 5), present: 2), ThemeDay(D(8, 1)), Group(D(8, 3), "一组"), Group(D(8, 3), "二组"));

        Assert.Equal(["支部委员会"], MonthlyMeetingCheck.Missing(evidence, ThreeMeetingsOneLesson, D(8, 20)));
    }

    [Fact]
    public void The_quarters_meetings_are_asked_for_in_its_last_month_only()
    {
        var records = new[]
        {
            Committee(D(8, 5)), ThemeDay(D(8, 1)), Group(D(8, 3), "一组"), Group(D(8, 3), "二组"),
            Committee(D(9, 5)), ThemeDay(D(9, 1)), Group(D(9, 3), "一组"), Group(D(9, 3), "二组"),
        };

        Assert.Empty(MonthlyMeetingCheck.Missing(Evidence(records), ThreeMeetingsOneLesson, D(8, 31)));
        Assert.Equal(["支部党员大会（本季度）", "党课（本季度）"], MonthlyMeetingCheck.Missing(Evidence(records), ThreeMeetingsOneLesson, D(9, 20)));
        Assert.Equal(["党课（本季度）"], MonthlyMeetingCheck.Missing(Evidence([.. records, Assembly(D(7, 2))]), ThreeMeetingsOneLesson, D(9, 20)));
    }

    [Fact]
    public void Rules_that_do_not_apply_to_the_branch_ask_for_nothing()
    {
        var noCommitteeNoGroups = Branch(committeeSize: 0);

        var missing = MonthlyMeetingCheck.Missing(Evidence(noCommitteeNoGroups, ThemeDay(D(8, 2))), ThreeMeetingsOneLesson, D(8, 20));

        Assert.Empty(missing);
    }

    [Fact]
    public void The_years_meetings_are_asked_for_in_December_and_an_earlier_one_in_the_year_covers_them()
    {
        var q4 = new AssessmentQuarter(2026, 4);
        var monthly = new[] { Committee(D(12, 1)), ThemeDay(D(12, 1)), Group(D(12, 2), "一组"), Group(D(12, 2), "二组"), Assembly(D(10, 1)), Lecture(D(10, 2)) };

        var none = MonthlyMeetingCheck.Missing(new BranchEvidence(q4, DefaultBranch, monthly), WithYearly, D(12, 20));
        var heldInMarch = MonthlyMeetingCheck.Missing(new BranchEvidence(q4, DefaultBranch, [.. monthly, LifeMeeting(D(3, 15))]), WithYearly, D(12, 20));
        var november = MonthlyMeetingCheck.Missing(new BranchEvidence(q4, DefaultBranch, [.. monthly, Committee(D(11, 1)), ThemeDay(D(11, 1)), Group(D(11, 2), "一组"), Group(D(11, 2), "二组")]), WithYearly, D(11, 20));

        Assert.Equal(["组织生活会（本年度）"], none);
        Assert.Empty(heldInMarch);
        Assert.Empty(november);
    }

    [Fact]
    public void The_message_names_the_date_and_what_is_missing()
    {
        Assert.Equal("截至11月20日，本月尚缺：支部委员会、主题党日。请及时召开并录入记录。", MonthlyMeetingCheck.Message(["支部委员会", "主题党日"], D(11, 20)));
    }

    [Fact]
    public void Evidence_of_another_quarter_is_a_programming_error()
    {
        Assert.Throws<ArgumentException>(() => MonthlyMeetingCheck.Missing(Evidence(), ThreeMeetingsOneLesson, D(10, 2)));
    }
}
