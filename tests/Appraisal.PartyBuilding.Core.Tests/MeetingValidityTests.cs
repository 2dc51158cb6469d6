using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Meetings;
using static Appraisal.PartyBuilding.Core.Tests.TestData;

namespace Appraisal.PartyBuilding.Core.Tests;

public class MeetingValidityTests
{
    [Theory]
    [InlineData(20, 10, false)] // exactly half: not more than half
    [InlineData(20, 11, true)]
    [InlineData(21, 10, false)]
    [InlineData(21, 11, true)]
    [InlineData(20, 0, false)]
    [InlineData(20, 20, true)]
    public void Assembly_needs_more_than_half_of_expected(int expected, int present, bool valid)
    {
        var check = MeetingValidity.Check(Assembly(D(8, 15), expected, present), DefaultBranch);
        Assert.Equal(valid, check.IsValid);
        Assert.Equal(valid, check.Reason is null);
    }

    [Fact]
    public void Assembly_exactly_half_gives_reason()
    {
        var check = MeetingValidity.Check(Assembly(D(8, 15), 20, 10), DefaultBranch);
        Assert.False(check.IsValid);
        Assert.Equal("实到10人，未超过应到20人的半数", check.Reason);
        Assert.Equal("8月15日党员大会实到10人，未超过应到20人的半数", check.Message);
        Assert.Equal("8月15日党员大会不计：实到10人，未超过应到20人的半数", check.NotCountedText);
    }

    [Theory]
    [InlineData(5, 2, false)]
    [InlineData(5, 3, true)]
    [InlineData(4, 2, false)] // exactly half of the committee
    [InlineData(4, 3, true)]
    [InlineData(3, 1, false)]
    [InlineData(3, 2, true)]
    public void Committee_needs_more_than_half_of_committee_size(int committeeSize, int present, bool valid)
    {
        // Expected is deliberately different from the committee size: the quorum is against the committee.
        var record = Committee(D(7, 12), present, expected: 2);
        Assert.Equal(valid, MeetingValidity.IsValid(record, Branch(committeeSize, "一组")));
    }

    [Fact]
    public void Committee_quorum_reason_matches_the_spec_wording()
    {
        var check = MeetingValidity.Check(Committee(D(7, 12), present: 2, expected: 5), Branch(5));
        Assert.False(check.IsValid);
        Assert.Equal("7月12日支委会实到2人，未超过支委人数5人的半数", check.Message);
    }

    [Fact]
    public void Committee_on_branch_without_committee_does_not_count()
    {
        var check = MeetingValidity.Check(Committee(D(7, 12), present: 3), Branch(0, "一组"));
        Assert.False(check.IsValid);
        Assert.Equal("所在支部未设支部委员会", check.Reason);
    }

    [Theory]
    [InlineData("一组", true)]
    [InlineData("  一组 ", true)]
    [InlineData("二组", true)]
    [InlineData("三组", false)]
    [InlineData("一 组", false)]
    [InlineData("第一组", false)]
    public void Group_must_name_one_of_the_branchs_groups(string group, bool valid)
    {
        Assert.Equal(valid, MeetingValidity.IsValid(Group(D(8, 3), group), Branch(5, "一组", " 二组 ")));
    }

    [Fact]
    public void Group_comparison_is_ordinal()
    {
        Assert.False(MeetingValidity.IsValid(Group(D(8, 3), "group a"), Branch(5, "Group A")));
        Assert.True(MeetingValidity.IsValid(Group(D(8, 3), "Group A"), Branch(5, "Group A")));
    }

    [Fact]
    public void Group_attendance_does_not_matter()
    {
        Assert.True(MeetingValidity.IsValid(Group(D(8, 3), "一组", present: 0), DefaultBranch));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Group_without_a_group_name_does_not_count(string? group)
    {
        var check = MeetingValidity.Check(Group(D(8, 3), group), DefaultBranch);
        Assert.False(check.IsValid);
        Assert.Equal("8月3日党小组会未注明所属党小组", check.Message);
    }

    [Fact]
    public void Group_naming_an_unknown_group_does_not_count()
    {
        var check = MeetingValidity.Check(Group(D(8, 3), " 三组 "), DefaultBranch);
        Assert.False(check.IsValid);
        Assert.Equal("8月3日党小组会所属党小组“三组”不存在", check.Message);
    }

    [Fact]
    public void Group_on_branch_without_groups_does_not_count()
    {
        Assert.False(MeetingValidity.IsValid(Group(D(8, 3), "一组"), Branch(5)));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(30, true)]
    public void Lecture_needs_someone_present(int present, bool valid)
    {
        var check = MeetingValidity.Check(Lecture(D(9, 1), present), DefaultBranch);
        Assert.Equal(valid, check.IsValid);
        if (!valid)
        {
            Assert.Equal("9月1日党课实到0人", check.Message);
        }
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public void Theme_day_needs_someone_present(int present, bool valid)
    {
        Assert.Equal(valid, MeetingValidity.IsValid(ThemeDay(D(9, 1), present), DefaultBranch));
    }

    [Theory]
    [InlineData(20, 10, false)]
    [InlineData(20, 11, true)]
    public void Life_meeting_needs_more_than_half(int expected, int present, bool valid)
    {
        Assert.Equal(valid, MeetingValidity.IsValid(LifeMeeting(D(1, 20), expected, present), DefaultBranch));
    }

    [Theory]
    [InlineData(9, 4, false)]
    [InlineData(9, 5, true)]
    public void Review_needs_more_than_half(int expected, int present, bool valid)
    {
        Assert.Equal(valid, MeetingValidity.IsValid(Review(D(1, 20), expected, present), DefaultBranch));
    }

    public static TheoryData<MeetingRecordFact> ReturnedRecords() =>
    [
        Assembly(D(8, 15), returned: true),
        Committee(D(8, 15), returned: true),
        Group(D(8, 15), "一组", returned: true),
        Lecture(D(8, 15), returned: true),
        ThemeDay(D(8, 15), returned: true),
        LifeMeeting(D(8, 15), returned: true),
        Review(D(8, 15), returned: true),
    ];

    [Theory]
    [MemberData(nameof(ReturnedRecords))]
    public void Returned_records_never_count(MeetingRecordFact record)
    {
        var check = MeetingValidity.Check(record, DefaultBranch);
        Assert.False(check.IsValid);
        Assert.Equal("已退回", check.Reason);
        Assert.Equal($"8月15日{record.Type.ShortName()}已退回", check.Message);
    }

    [Fact]
    public void Valid_record_has_no_reason_or_message()
    {
        var check = MeetingValidity.Check(Committee(D(7, 12), present: 3), Branch(5));
        Assert.True(check.IsValid);
        Assert.Null(check.Reason);
        Assert.Null(check.Message);
        Assert.Null(check.NotCountedText);
        Assert.Equal("7月12日支委会", check.Label);
    }

    [Fact]
    public void Groups_are_trimmed_deduplicated_and_in_number_order()
    {
        var groups = MeetingValidity.Groups(Branch(5, " 二组", "一组", "二组 ", "  ", ""));
        Assert.Equal(["一组", "二组"], groups);
    }
}
