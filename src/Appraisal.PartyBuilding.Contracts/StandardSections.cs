namespace Appraisal.PartyBuilding.Contracts;

/// <summary>Sections shared by several packs, defined once so that every pack scores them alike.</summary>
public static class StandardSections
{
    /// <summary>Grades on the percentage of the maximum: ≥90 五星, ≥80 四星, ≥70 三星, ≥60 二星, else 一星.</summary>
    public static GradeScale FiveStars { get; } = new(
    [
        new GradeBand("五星", 90),
        new GradeBand("四星", 80),
        new GradeBand("三星", 70),
        new GradeBand("二星", 60),
        new GradeBand("一星", 0),
    ]);

    /// <summary>
    /// The standard 三会一课 section, 40 points: 支部党员大会 10 (the quarter), 支部委员会 12 (4 a month),
    /// 党小组会 6 (per group-month), 党课 6 (the quarter), 主题党日 6 (2 a month).
    /// </summary>
    /// <param name="code">Dimension code.</param>
    /// <param name="name">Dimension name.</param>
    public static Dimension ThreeMeetingsOneLesson(string code = "shyk", string name = "组织建设·三会一课") => new(
        code,
        name,
        [
            new Indicator("shyk.assembly", "支部党员大会", 10, new RecordFrequencyRule(MeetingType.Assembly, CoverageUnit.Quarter)),
            new Indicator("shyk.committee", "支部委员会", 12, new RecordFrequencyRule(MeetingType.Committee, CoverageUnit.Month)),
            new Indicator("shyk.group", "党小组会", 6, new RecordFrequencyRule(MeetingType.Group, CoverageUnit.GroupMonth)),
            new Indicator("shyk.lecture", "党课", 6, new RecordFrequencyRule(MeetingType.Lecture, CoverageUnit.Quarter)),
            new Indicator("shyk.theme-day", "主题党日", 6, new RecordFrequencyRule(MeetingType.ThemeDay, CoverageUnit.Month)),
        ]);
}
