using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Meetings;

namespace Appraisal.PartyBuilding.Core.Tests;

public class MeetingTypesParseTests
{
    [Theory]
    [InlineData(" 支部黨員大會 ", MeetingType.Assembly)]
    [InlineData("\t支部委員會  ", MeetingType.Committee)]
    [InlineData("  黨小組會", MeetingType.Group)]
    [InlineData("黨課 ", MeetingType.Lecture)]
    [InlineData(" 主題黨日 ", MeetingType.ThemeDay)]
    [InlineData(" 組織生活會 ", MeetingType.LifeMeeting)]
    [InlineData(" 民主評議黨員 ", MeetingType.Review)]
    public void Traditional_names_with_spaces_parse(string text, MeetingType expected)
    {
        Assert.Equal(expected, MeetingTypes.Parse(text));
    }

    [Theory]
    [InlineData(" 支部党员大会 ", MeetingType.Assembly)]
    [InlineData("支部委员会", MeetingType.Committee)]
    [InlineData(" 党小组会 ", MeetingType.Group)]
    [InlineData("党课", MeetingType.Lecture)]
    [InlineData("主题党日 ", MeetingType.ThemeDay)]
    [InlineData("组织生活会", MeetingType.LifeMeeting)]
    [InlineData("民主评议党员", MeetingType.Review)]
    [InlineData(" theme-day ", MeetingType.ThemeDay)]
    public void Simplified_names_and_codes_parse(string text, MeetingType expected)
    {
        Assert.Equal(expected, MeetingTypes.Parse(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("支部大会")]
    public void Unknown_names_do_not_parse(string? text)
    {
        Assert.Null(MeetingTypes.Parse(text));
    }

    [Fact]
    public void Parsed_traditional_record_is_scored_like_simplified()
    {
        var type = MeetingTypes.Parse(" 支部委員會 ")!.Value;
        var record = new MeetingRecordFact(type, TestData.D(7, 5), 5, 5);
        var result = TestData.Score("shyk.committee", TestData.Evidence(record));
        Assert.Equal(4m, result.Score);
    }
}
