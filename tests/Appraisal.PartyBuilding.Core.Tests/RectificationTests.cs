using Appraisal.PartyBuilding.Core.Rectification;

namespace Appraisal.PartyBuilding.Core.Tests;

/// <summary>SPEC "Rectification chain": who is listed, which items, pass marks, deadlines and reminders in China dates.</summary>
public sealed class RectificationTests
{
    private static readonly RectificationRules Rules = new();

    /// <summary>A 40-point branch of the 三会一课 section: assembly 10, committee 12, group 6, lecture 6, theme day 6.</summary>
    private static ScoredBranch Branch(int id, decimal assembly = 10, decimal committee = 12, decimal group = 6, decimal lecture = 6, decimal themeDay = 6, string category = "community/rural")
    {
        ScoredIndicator[] indicators =
        [
            new("shyk.assembly", "支部党员大会", assembly, 10),
            new("shyk.committee", "支部委员会", committee, 12),
            new("shyk.group", "党小组会", group, 6),
            new("shyk.lecture", "党课", lecture, 6),
            new("shyk.theme-day", "主题党日", themeDay, 6),
        ];
        return new ScoredBranch(id, category, indicators.Sum(i => i.Score), 40, indicators);
    }

    [Theory]
    [InlineData(0, 10, 0)]
    [InlineData(9, 10, 0)]
    [InlineData(10, 10, 1)]
    [InlineData(19, 10, 1)]
    [InlineData(20, 10, 2)]
    [InlineData(5, 20, 1)]
    [InlineData(7, 0, 0)]
    public void The_bottom_share_is_rounded_down(int size, int share, int expected)
    {
        Assert.Equal(expected, RectificationPlanner.BottomCount(size, share));
    }

    [Fact]
    public void A_branch_below_the_threshold_gets_its_worst_indicators_and_a_good_branch_only_what_it_lost_badly()
    {
        var weak = Branch(1, assembly: 0, committee: 4, themeDay: 4, group: 4); // 18/40 = 45%
        var good = Branch(2, lecture: 0);                                       // 34/40 = 85%, lecture 0%
        var fine = Branch(3, committee: 8);                                     // 36/40, committee 66.67%

        var items = RectificationPlanner.Plan([weak, good, fine], Rules);

        Assert.Equal(
            ["1:shyk.assembly", "1:shyk.committee", "1:shyk.group", "2:shyk.lecture"],
            items.Select(i => $"{i.BranchId}:{i.IndicatorCode}").ToList());
        var assembly = items[0];
        Assert.Equal("支部总分18分，得分率45%，低于60%；本项得分率0%，低于50%", assembly.Reasons);
        Assert.Equal(8m, assembly.PassScore);
        Assert.Equal("支部总分18分，得分率45%，低于60%；本项得分率33.33%，低于50%", items[1].Reasons);
        Assert.Equal(9.6m, items[1].PassScore);
        Assert.Equal("支部总分18分，得分率45%，低于60%；本项失分2分", items[2].Reasons);
        Assert.Equal("得分率0%，低于50%", items[3].Reasons);
        Assert.Equal(4.8m, items[3].PassScore);
    }

    [Fact]
    public void The_bottom_share_lists_the_worst_of_ten_and_a_tie_at_the_bottom_lists_both()
    {
        var branches = Enumerable.Range(1, 8).Select(i => Branch(i)).Append(Branch(9, committee: 8)).Append(Branch(10, committee: 8)).ToList();

        var items = RectificationPlanner.Plan(branches, Rules);

        Assert.Equal(["9:shyk.committee", "10:shyk.committee"], items.Select(i => $"{i.BranchId}:{i.IndicatorCode}").ToList());
        Assert.Equal("支部类别内排名第9（共10个），处于后10%；本项失分4分", items[0].Reasons);
    }

    /// <summary>Where a total stands, found by binary search (issue 11: the planner once counted every pair, 254 s at 100,000 branches).</summary>
    [Fact]
    public void A_standing_counts_the_totals_below_and_above_any_total_as_counting_them_one_by_one_does()
    {
        var random = new Random(11);
        for (var round = 0; round < 200; round++)
        {
            var totals = Enumerable.Range(0, random.Next(0, 40)).Select(_ => random.Next(0, 12) / 2m).ToArray();
            var standing = new CategoryStanding(totals.ToArray());
            Assert.Equal(totals.Length, standing.Size);
            Assert.Equal(totals.Length == 0 ? 0 : totals.Max(), standing.Best);
            for (var probe = -0.5m; probe <= 6.5m; probe += 0.25m)
            {
                Assert.Equal(totals.Count(t => t < probe), standing.Below(probe));
                Assert.Equal(totals.Count(t => t > probe), standing.Above(probe));
            }
        }
    }

    [Fact]
    public void Planning_a_branch_at_a_time_against_its_category_s_standing_gives_the_lists_of_planning_all_at_once()
    {
        var random = new Random(7);
        var branches = Enumerable.Range(1, 300)
            .Select(id => Branch(id, assembly: random.Next(0, 11), committee: random.Next(0, 13), group: random.Next(0, 7), lecture: random.Next(0, 7), themeDay: random.Next(0, 7), category: id % 3 == 0 ? "a" : "b"))
            .ToList();
        var standings = CategoryStandings.Of(branches.Select(b => (b.CategoryCode, b.Total)));

        var oneByOne = branches.OrderBy(b => b.BranchId).SelectMany(b => RectificationPlanner.Plan(b, standings.Of(b.CategoryCode), Rules)).ToList();

        var atOnce = RectificationPlanner.Plan(branches, Rules);
        Assert.Equal(atOnce.OrderBy(i => i.BranchId).ThenBy(i => i.IndicatorCode, StringComparer.Ordinal), oneByOne.OrderBy(i => i.BranchId).ThenBy(i => i.IndicatorCode, StringComparer.Ordinal));
        Assert.Contains(atOnce, i => i.Reasons.Contains("类别内排名", StringComparison.Ordinal));
    }

    [Fact]
    public void A_category_where_everyone_ties_has_no_bottom()
    {
        var branches = Enumerable.Range(1, 10).Select(i => Branch(i, lecture: 5)).ToList();

        Assert.Empty(RectificationPlanner.Plan(branches, Rules));
    }

    [Fact]
    public void Exactly_at_the_thresholds_is_not_listed()
    {
        var atTotal = Branch(1, assembly: 0, committee: 6, themeDay: 6, lecture: 6, group: 6); // 24/40 = 60%, committee 50%

        Assert.Empty(RectificationPlanner.Plan([atTotal with { Indicators = atTotal.Indicators.Where(i => i.Code != "shyk.assembly").ToList() }], Rules));
        Assert.Equal(["shyk.assembly", "shyk.committee"], RectificationPlanner.Plan([Branch(1, assembly: 0, committee: 5.99m, themeDay: 6, lecture: 6, group: 6)], Rules).Select(i => i.IndicatorCode).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void Indicators_without_points_such_as_vetoes_are_never_items()
    {
        var branch = new ScoredBranch(1, "x", 0, 10, [new ScoredIndicator("veto", "一票否决", 0, 0), new ScoredIndicator("a", "甲", 0, 10)]);

        Assert.Equal(["a"], RectificationPlanner.Plan([branch], Rules).Select(i => i.IndicatorCode).ToList());
    }

    [Theory]
    [InlineData("2026-10-20T09:00:00+08:00", "2026-11-19")]
    [InlineData("2026-10-20T16:30:00+00:00", "2026-11-20")] // 00:30 on the 21st in Beijing
    [InlineData("2026-12-15T10:00:00+08:00", "2027-01-14")]
    public void The_deadline_counts_from_the_China_date_of_finalisation(string finalized, string deadline)
    {
        Assert.Equal(DateOnly.Parse(deadline, System.Globalization.CultureInfo.InvariantCulture), RectificationPlanner.Deadline(DateTimeOffset.Parse(finalized, System.Globalization.CultureInfo.InvariantCulture), 30));
    }

    [Theory]
    [InlineData("2026-11-12", "")]
    [InlineData("2026-11-13", "DueIn7Days")]
    [InlineData("2026-11-16", "DueIn7Days")]
    [InlineData("2026-11-17", "DueIn3Days")]
    [InlineData("2026-11-20", "DueIn3Days")]
    [InlineData("2026-11-21", "Overdue")]
    [InlineData("2026-11-23", "Overdue")]
    [InlineData("2026-11-24", "Overdue,Escalated")]
    public void Reminders_fall_due_at_T_minus_7_T_minus_3_overdue_and_three_days_later_the_escalation(string today, string expected)
    {
        var due = RectificationSchedule.Due(new DateOnly(2026, 11, 20), DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), [], new ReminderRules());

        Assert.Equal(expected, string.Join(",", due));
    }

    [Fact]
    public void Each_kind_is_sent_once_and_a_late_first_run_skips_the_notice_whose_time_has_passed()
    {
        var rules = new ReminderRules();
        var deadline = new DateOnly(2026, 11, 20);

        Assert.Empty(RectificationSchedule.Due(deadline, new DateOnly(2026, 11, 14), [ReminderKind.DueIn7Days], rules));
        Assert.Equal([ReminderKind.DueIn3Days], RectificationSchedule.Due(deadline, new DateOnly(2026, 11, 18), [], rules));
        Assert.Equal([ReminderKind.Escalated], RectificationSchedule.Due(deadline, new DateOnly(2026, 12, 1), [ReminderKind.Overdue], rules));
        Assert.Equal([ReminderKind.Overdue, ReminderKind.Escalated], RectificationSchedule.Due(deadline, new DateOnly(2026, 11, 21), [], rules with { EscalateAfterOverdueDays = 0 }));
    }

    [Theory]
    [InlineData(RectificationState.Open, true)]
    [InlineData(RectificationState.Returned, true)]
    [InlineData(RectificationState.Reopened, true)]
    [InlineData(RectificationState.Submitted, false)]
    [InlineData(RectificationState.SignedOff, false)]
    [InlineData(RectificationState.Closed, false)]
    public void Only_items_the_branch_still_has_to_work_on_become_overdue(RectificationState state, bool overdue)
    {
        Assert.Equal(overdue, RectificationSchedule.IsOverdue(state, new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 21)));
        Assert.False(RectificationSchedule.IsOverdue(state, new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 20)));
    }

    [Fact]
    public void The_pass_mark_may_not_be_below_the_listing_mark()
    {
        Assert.NotEmpty(RectificationPlanner.Validate(new RectificationRules(IndicatorBelowPercent: 60, PassPercent: 50)));
        Assert.Empty(RectificationPlanner.Validate(Rules));
    }
}
