using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Scoring;

namespace Appraisal.PartyBuilding.Core.Tests;

/// <summary>Builders for the tests: the third quarter of 2026 (7, 8, 9月) unless told otherwise.</summary>
internal static class TestData
{
    public static readonly AssessmentQuarter Q3 = new(2026, 3);

    public static BranchProfile Branch(int committeeSize = 5, params string[] groups) =>
        new("B001", "第一党支部", "one-plus-n/operations", 20, committeeSize, groups);

    public static BranchProfile DefaultBranch => Branch(5, "一组", "二组");

    public static DateOnly D(int month, int day, int year = 2026) => new(year, month, day);

    public static MeetingRecordFact Assembly(DateOnly date, int expected = 20, int present = 15, bool returned = false) =>
        new(MeetingType.Assembly, date, expected, present, null, returned);

    public static MeetingRecordFact Committee(DateOnly date, int present = 5, int expected = 5, bool returned = false) =>
        new(MeetingType.Committee, date, expected, present, null, returned);

    public static MeetingRecordFact Group(DateOnly date, string? group, int present = 5, int expected = 6, bool returned = false) =>
        new(MeetingType.Group, date, expected, present, group, returned);

    public static MeetingRecordFact Lecture(DateOnly date, int present = 15, int expected = 20, bool returned = false) =>
        new(MeetingType.Lecture, date, expected, present, null, returned);

    public static MeetingRecordFact ThemeDay(DateOnly date, int present = 15, int expected = 20, bool returned = false) =>
        new(MeetingType.ThemeDay, date, expected, present, null, returned);

    public static MeetingRecordFact LifeMeeting(DateOnly date, int expected = 20, int present = 15, bool returned = false) =>
        new(MeetingType.LifeMeeting, date, expected, present, null, returned);

    public static MeetingRecordFact Review(DateOnly date, int expected = 20, int present = 15, bool returned = false) =>
        new(MeetingType.Review, date, expected, present, null, returned);

    public static BranchEvidence Evidence(BranchProfile branch, params MeetingRecordFact[] meetings) => new(Q3, branch, meetings);

    public static BranchEvidence Evidence(params MeetingRecordFact[] meetings) => Evidence(DefaultBranch, meetings);

    public static Indicator Indicator(string code) =>
        StandardSections.ThreeMeetingsOneLesson().Indicators.Single(i => i.Code == code);

    public static IndicatorResult Score(string code, BranchEvidence evidence) =>
        RecordFrequencyScorer.Score(Indicator(code), evidence);

    /// <summary>A quarter in which every 三会一课 rule is met for a branch with groups 一组 and 二组.</summary>
    public static MeetingRecordFact[] CompleteQuarter() =>
    [
        Assembly(D(8, 15)),
        Committee(D(7, 5)), Committee(D(8, 5)), Committee(D(9, 5)),
        Group(D(7, 10), "一组"), Group(D(8, 10), "一组"), Group(D(9, 10), "一组"),
        Group(D(7, 11), "二组"), Group(D(8, 11), "二组"), Group(D(9, 11), "二组"),
        Lecture(D(9, 20)),
        ThemeDay(D(7, 1)), ThemeDay(D(8, 1)), ThemeDay(D(9, 1)),
    ];
}
