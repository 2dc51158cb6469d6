using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Meetings;
using Appraisal.PartyBuilding.Core.Periods;

namespace Appraisal.PartyBuilding.Core.Tests;

public sealed class MeetingEntryRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 21);
    private static readonly string[] Groups = ["一组", "二组"];

    private static MeetingEntry Entry(MeetingType type = MeetingType.Committee, DateOnly? date = null, int expected = 5, int present = 4, string topic = "研究部署工作", string? group = null) =>
        new(type, date ?? new DateOnly(2026, 11, 3), expected, present, topic, group);

    private static IReadOnlyList<MeetingFieldError> Check(MeetingEntry entry, params string[] groups) =>
        MeetingEntryRules.Check(entry, groups.Length == 0 ? Groups : groups, Today);

    [Fact]
    public void A_good_entry_passes_and_a_missed_quorum_is_still_accepted()
    {
        Assert.Empty(Check(Entry()));
        Assert.Empty(Check(Entry(MeetingType.Assembly, expected: 20, present: 3)));
        Assert.Empty(Check(Entry(MeetingType.Group, group: " 二组 ")));
        Assert.Empty(Check(Entry(date: Today)));
    }

    [Fact]
    public void A_future_date_is_refused()
    {
        var error = Assert.Single(Check(Entry(date: Today.AddDays(1))));
        Assert.Equal(MeetingField.Date, error.Field);
        Assert.Equal("会议日期2026年11月22日晚于今天（2026年11月21日），不能录入未召开的会议", error.Message);
    }

    [Theory]
    [InlineData(-1, 0, MeetingField.Expected, "“应到人数”不能为负数")]
    [InlineData(0, 0, MeetingField.Expected, "“应到人数”应至少为1")]
    [InlineData(5, -2, MeetingField.Present, "“实到人数”不能为负数")]
    [InlineData(5, 6, MeetingField.Present, "“实到人数”（6）不能大于“应到人数”（5）")]
    public void Attendance_must_make_sense(int expected, int present, MeetingField field, string message)
    {
        Assert.Equal(new MeetingFieldError(field, message), Assert.Single(Check(Entry(expected: expected, present: present))));
    }

    [Fact]
    public void A_group_meeting_names_one_of_the_branch_groups_and_no_other_meeting_names_a_group()
    {
        Assert.Equal(new MeetingFieldError(MeetingField.Group, "党小组会须填写“党小组”（本支部的党小组：一组、二组）"), Assert.Single(Check(Entry(MeetingType.Group))));
        Assert.Equal(new MeetingFieldError(MeetingField.Group, "“三组”不是本支部的党小组（本支部的党小组：一组、二组）"), Assert.Single(Check(Entry(MeetingType.Group, group: "三组"))));
        Assert.Equal(new MeetingFieldError(MeetingField.Group, "只有党小组会填写“党小组”，支部委员会应留空"), Assert.Single(Check(Entry(group: "一组"))));
        Assert.Equal(MeetingField.Group, Assert.Single(MeetingEntryRules.Check(Entry(MeetingType.Group, group: "一组"), [], Today)).Field);
    }

    [Fact]
    public void Topic_is_required_and_bounded()
    {
        Assert.Equal(new MeetingFieldError(MeetingField.Topic, "“主题”不能为空"), Assert.Single(Check(Entry(topic: "  "))));
        Assert.Equal(MeetingField.Topic, Assert.Single(Check(Entry(topic: new string('学', MeetingEntryRules.MaxTopicLength + 1)))).Field);
        Assert.Empty(Check(Entry(topic: new string('学', MeetingEntryRules.MaxTopicLength))));
    }

    [Fact]
    public void Several_problems_are_all_reported()
    {
        var errors = Check(Entry(MeetingType.Group, date: Today.AddDays(3), expected: 3, present: 4, topic: ""));
        Assert.Equal([MeetingField.Date, MeetingField.Present, MeetingField.Topic, MeetingField.Group], errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(PeriodState.Open, true)]
    [InlineData(PeriodState.Scoring, false)]
    [InlineData(PeriodState.Published, false)]
    [InlineData(PeriodState.Final, false)]
    public void Records_are_accepted_while_the_quarter_is_open_or_has_no_period(PeriodState? state, bool accepted)
    {
        var message = MeetingEntryRules.QuarterClosed(new AssessmentQuarter(2026, 3), state);
        Assert.Equal(accepted, message is null);
        if (!accepted)
        {
            Assert.StartsWith("2026年第3季度的考核期处于“", message);
        }
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(PeriodState.Open, true)]
    [InlineData(PeriodState.Scoring, true)]
    [InlineData(PeriodState.Published, false)]
    [InlineData(PeriodState.Final, false)]
    public void Records_may_be_reviewed_until_results_are_published(PeriodState? state, bool accepted)
    {
        Assert.Equal(accepted, MeetingEntryRules.ReviewClosed(new AssessmentQuarter(2026, 3), state) is null);
    }
}
