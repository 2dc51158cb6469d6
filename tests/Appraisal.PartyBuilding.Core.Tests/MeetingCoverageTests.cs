using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Meetings;
using static Appraisal.PartyBuilding.Core.Tests.TestData;

namespace Appraisal.PartyBuilding.Core.Tests;

public class MeetingCoverageTests
{
    [Fact]
    public void Month_units_are_the_three_months_with_states()
    {
        var report = MeetingCoverage.Compute(
            Evidence(Committee(D(7, 5)), Committee(D(7, 20)), Committee(D(8, 3), present: 2)),
            MeetingType.Committee,
            CoverageUnit.Month);

        Assert.True(report.IsApplicable);
        Assert.Equal(3, report.Required);
        Assert.Equal(1, report.Covered);
        Assert.Equal(["7月", "8月", "9月"], report.Cells.Select(c => c.Label));
        Assert.Equal([7, 8, 9], report.Cells.Select(c => c.Month!.Value));
        Assert.Equal(
            [CoverageState.Covered, CoverageState.Invalid, CoverageState.Missing],
            report.Cells.Select(c => c.State));
        Assert.Equal([D(7, 5), D(7, 20)], report.Cells[0].ValidDates);
        var invalid = Assert.Single(report.Cells[1].Invalid);
        Assert.Equal("8月3日支委会实到2人，未超过支委人数5人的半数", invalid.Message);
        Assert.Single(report.Invalid);
    }

    [Fact]
    public void Quarter_unit_is_one_cell()
    {
        var report = MeetingCoverage.Compute(Evidence(Assembly(D(9, 1)), Assembly(D(7, 1))), MeetingType.Assembly, CoverageUnit.Quarter);
        var cell = Assert.Single(report.Cells);
        Assert.Equal("2026年第3季度", cell.Label);
        Assert.Null(cell.Month);
        Assert.Equal([D(7, 1), D(9, 1)], cell.ValidDates);
        Assert.Equal(1, report.Covered);
    }

    [Fact]
    public void Year_unit_counts_records_of_the_whole_year_only()
    {
        var evidence = Evidence(LifeMeeting(D(2, 10)), LifeMeeting(D(12, 31, 2025)), Review(D(1, 1, 2027)));
        var life = MeetingCoverage.Compute(evidence, MeetingType.LifeMeeting, CoverageUnit.Year);
        var cell = Assert.Single(life.Cells);
        Assert.Equal("2026年", cell.Label);
        Assert.Equal([D(2, 10)], cell.ValidDates);

        var review = MeetingCoverage.Compute(evidence, MeetingType.Review, CoverageUnit.Year);
        Assert.Equal(0, review.Covered);
        Assert.Equal(CoverageState.Missing, review.Cells[0].State);
    }

    [Fact]
    public void Year_unit_last_and_first_day_boundaries()
    {
        var evidence = Evidence(Review(D(1, 1)), LifeMeeting(D(12, 31)));
        Assert.Equal(1, MeetingCoverage.Compute(evidence, MeetingType.Review, CoverageUnit.Year).Covered);
        Assert.Equal(1, MeetingCoverage.Compute(evidence, MeetingType.LifeMeeting, CoverageUnit.Year).Covered);
    }

    [Fact]
    public void Group_month_cells_are_group_by_month_in_group_number_order()
    {
        var report = MeetingCoverage.Compute(
            Evidence(Branch(5, "二组", "一组"), Group(D(8, 1), "一组"), Group(D(8, 2), "三组"), Group(D(9, 2), "二组", returned: true)),
            MeetingType.Group,
            CoverageUnit.GroupMonth);

        // Issue 12: groups by their number (一组 before 二组), not in the order the branch lists them.
        Assert.Equal(
            ["一组·7月", "一组·8月", "一组·9月", "二组·7月", "二组·8月", "二组·9月"],
            report.Cells.Select(c => c.Label));
        Assert.Equal(6, report.Required);
        Assert.Equal(1, report.Covered);
        Assert.True(report.Cells.Single(c => c.Label == "一组·8月").IsCovered);
        Assert.Equal(CoverageState.Invalid, report.Cells.Single(c => c.Label == "二组·9月").State);

        // The unknown-group record belongs to no cell but is reported.
        Assert.Equal(["8月2日党小组会所属党小组“三组”不存在", "9月2日党小组会已退回"], report.Invalid.Select(c => c.Message));
        Assert.Equal("一组", report.Cells[0].Group);
    }

    [Fact]
    public void Records_outside_the_quarter_are_ignored_entirely()
    {
        var report = MeetingCoverage.Compute(
            Evidence(Committee(D(6, 30)), Committee(D(10, 1)), Committee(D(6, 30), present: 1)),
            MeetingType.Committee,
            CoverageUnit.Month);
        Assert.Equal(0, report.Covered);
        Assert.Empty(report.Invalid);
        Assert.All(report.Cells, c => Assert.Equal(CoverageState.Missing, c.State));
    }

    [Fact]
    public void Other_meeting_types_are_ignored()
    {
        var report = MeetingCoverage.Compute(Evidence(ThemeDay(D(7, 1)), Lecture(D(8, 1))), MeetingType.Committee, CoverageUnit.Month);
        Assert.Equal(0, report.Covered);
    }

    [Fact]
    public void Committee_is_not_applicable_without_committee()
    {
        var report = MeetingCoverage.Compute(Evidence(Branch(0, "一组"), Committee(D(7, 1))), MeetingType.Committee, CoverageUnit.Month);
        Assert.False(report.IsApplicable);
        Assert.Equal("本支部未设支部委员会", report.NotApplicableReason);
        Assert.Empty(report.Cells);
    }

    [Fact]
    public void Group_is_not_applicable_without_groups()
    {
        var report = MeetingCoverage.Compute(Evidence(Branch(5, " ", ""), Group(D(7, 1), "一组")), MeetingType.Group, CoverageUnit.GroupMonth);
        Assert.False(report.IsApplicable);
        Assert.Equal("本支部未设党小组", report.NotApplicableReason);
        Assert.Empty(report.Cells);
    }

    [Theory]
    [InlineData(MeetingType.Assembly, CoverageUnit.Quarter)]
    [InlineData(MeetingType.Committee, CoverageUnit.Month)]
    [InlineData(MeetingType.Group, CoverageUnit.GroupMonth)]
    [InlineData(MeetingType.Lecture, CoverageUnit.Quarter)]
    [InlineData(MeetingType.ThemeDay, CoverageUnit.Month)]
    [InlineData(MeetingType.LifeMeeting, CoverageUnit.Year)]
    [InlineData(MeetingType.Review, CoverageUnit.Year)]
    public void Default_units_follow_the_spec_frequencies(MeetingType type, CoverageUnit unit)
    {
        Assert.Equal(unit, MeetingCoverage.DefaultUnit(type));
    }

    [Fact]
    public void Fourth_quarter_months()
    {
        var evidence = new BranchEvidence(new AssessmentQuarter(2026, 4), DefaultBranch, [ThemeDay(D(12, 31)), ThemeDay(D(1, 1, 2027))]);
        var report = MeetingCoverage.Compute(evidence, MeetingType.ThemeDay);
        Assert.Equal(["10月", "11月", "12月"], report.Cells.Select(c => c.Label));
        Assert.Equal(1, report.Covered);
        Assert.True(report.Cells[2].IsCovered);
    }
}
