using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Imports;
using Appraisal.PartyBuilding.Core.Meetings;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;

namespace Appraisal.PartyBuilding.Core.Tests;

public sealed class MeetingImportPlannerTests
{
    private static readonly DateOnly Today = new(2026, 11, 21);

    private static readonly Dictionary<string, ImportBranch> Branches = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ZB01"] = new(1, "ZB01", "第一党支部", OrganizationKind.Branch, ["一组", "二组"]),
        ["ZB02"] = new(2, "ZB02", "第二党支部", OrganizationKind.Branch, []),
        ["DW01"] = new(3, "DW01", "党委", OrganizationKind.PartyCommittee, []),
    };

    private static MeetingImportRow Row(int row, string branch, MeetingType type, DateOnly date, int expected = 5, int present = 5, string topic = "学习", string? group = null) =>
        new(row, branch, new MeetingEntry(type, date, expected, present, topic, group));

    private static MeetingImportPlan Plan(IReadOnlyList<MeetingImportRow> rows, IEnumerable<MeetingRecord>? stored = null, Dictionary<AssessmentQuarter, PeriodState>? periods = null) =>
        MeetingImportPlanner.Plan(rows, Branches, (stored ?? []).ToLookup(r => r.BranchId), Today, periods ?? []);

    [Fact]
    public void Good_rows_are_inserted_and_branch_codes_match_ignoring_case()
    {
        var plan = Plan([Row(2, "zb01", MeetingType.Committee, new(2026, 10, 5)), Row(3, "ZB01", MeetingType.Group, new(2026, 10, 6), group: "一组")]);

        Assert.True(plan.Succeeded);
        Assert.Equal([2, 3], plan.Inserts.Select(i => i.Row.Row));
        Assert.All(plan.Inserts, i => Assert.Equal("ZB01", i.Branch.Code));
    }

    [Fact]
    public void Unknown_branches_and_non_branches_are_reported_in_column_A()
    {
        var plan = Plan([Row(2, "NOPE", MeetingType.Committee, new(2026, 10, 5)), Row(3, "DW01", MeetingType.Committee, new(2026, 10, 5))]);

        Assert.Equal(
            [new ImportError(2, "A", "支部编码“NOPE”不存在或不在您的管理范围内"), new ImportError(3, "A", "“DW01”是党委，请填写党支部的编码")],
            plan.Errors);
        Assert.Empty(plan.Inserts);
    }

    [Fact]
    public void The_same_meeting_twice_in_a_file_is_an_error_on_the_second_row()
    {
        var plan = Plan([
            Row(2, "ZB01", MeetingType.Group, new(2026, 10, 5), group: "一组"),
            Row(3, "ZB01", MeetingType.Group, new(2026, 10, 5), group: "二组"),
            Row(4, "zb01", MeetingType.Group, new(2026, 10, 5), present: 4, group: " 一组"),
        ]);

        Assert.Equal(new ImportError(4, "A", "与第2行是同一次会议（支部、会议类型、日期和党小组都相同），请删除重复的行"), Assert.Single(plan.Errors));
    }

    [Fact]
    public void A_row_identical_to_a_stored_record_is_skipped_and_a_conflicting_one_is_an_error()
    {
        var stored = new MeetingRecord { Id = 41, BranchId = 1, Type = MeetingType.Committee, Date = new(2026, 10, 5), Expected = 5, Present = 5, Topic = "学习" };

        var again = Plan([Row(2, "ZB01", MeetingType.Committee, new(2026, 10, 5)), Row(3, "ZB01", MeetingType.ThemeDay, new(2026, 10, 5))], [stored]);
        Assert.True(again.Succeeded);
        Assert.Equal([3], again.Inserts.Select(i => i.Row.Row));
        Assert.Equal(new SkippedRow(2, "与已录入的记录（编号41）完全相同，已跳过"), Assert.Single(again.Skipped));

        var changed = Plan([Row(2, "ZB01", MeetingType.Committee, new(2026, 10, 5), present: 3)], [stored]);
        var error = Assert.Single(changed.Errors);
        Assert.Equal((2, "E"), (error.Row, error.Column));
        Assert.Contains("已录入（编号41", error.Message);
    }

    [Fact]
    public void Value_rules_map_to_their_columns()
    {
        var plan = Plan([
            Row(2, "ZB01", MeetingType.Committee, Today.AddDays(1)),
            Row(3, "ZB01", MeetingType.Committee, new(2026, 10, 7), expected: -1, present: 0),
            Row(4, "ZB01", MeetingType.Committee, new(2026, 10, 8), expected: 3, present: 4),
            Row(5, "ZB01", MeetingType.Committee, new(2026, 10, 9), topic: ""),
            Row(6, "ZB01", MeetingType.Group, new(2026, 10, 10)),
            Row(7, "ZB02", MeetingType.Committee, new(2026, 10, 11), group: "一组"),
        ]);

        Assert.Equal([(2, "C"), (3, "D"), (4, "E"), (5, "F"), (6, "G"), (7, "G")], plan.Errors.Select(e => (e.Row, e.Column)));
    }

    [Fact]
    public void A_quarter_whose_period_left_open_is_refused_row_by_row()
    {
        var periods = new Dictionary<AssessmentQuarter, PeriodState> { [new(2026, 3)] = PeriodState.Scoring, [new(2026, 4)] = PeriodState.Open };

        var plan = Plan([Row(2, "ZB01", MeetingType.Committee, new(2026, 9, 5)), Row(3, "ZB01", MeetingType.Committee, new(2026, 10, 5))], periods: periods);

        var error = Assert.Single(plan.Errors);
        Assert.Equal((2, "C"), (error.Row, error.Column));
        Assert.Equal("2026年第3季度的考核期处于“评分中”阶段，不再接收或修改该季度的会议记录", error.Message);
    }
}
