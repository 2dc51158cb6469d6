using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Scoring;

namespace Appraisal.PartyBuilding.Plugins.Tests;

/// <summary>
/// Loads one built pack the way the host does (its own folder, <see cref="PackCatalog"/>) and scores evidence of the
/// third quarter of 2026 (7, 8, 9月) through <see cref="ScoringEngine"/>.
/// </summary>
internal sealed class RealPackScoring : IDisposable
{
    public static readonly AssessmentQuarter Q3 = new(2026, 3);

    private readonly TempPacksFolder folder;

    public RealPackScoring(string packFolder)
    {
        folder = TempPacksFolder.With(BuiltPacks.Real, packFolder);
        Catalog = PackCatalog.Load(folder.Path);
        Assert.Empty(Catalog.Failures);
        Pack = Assert.Single(Catalog.Packs);
    }

    public PackCatalog Catalog { get; }

    public LoadedPack Pack { get; }

    public BranchCategory Category(string code) => Catalog.FindCategory(code) ?? throw new InvalidOperationException(code);

    public BranchScore Score(BranchEvidence evidence) =>
        ScoringEngine.Score(Category(evidence.Branch.CategoryCode), evidence, Pack.FindScorer);

    public void Dispose() => folder.Dispose();

    public static DateOnly D(int month, int day) => new(2026, month, day);

    /// <summary>A branch of 20 members with a committee of 5 and two party groups.</summary>
    public static BranchProfile Branch(string categoryCode, string code = "B001", string name = "测试支部") =>
        new(code, name, categoryCode, MemberCount: 20, CommitteeSize: 5, Groups: ["一组", "二组"]);

    /// <summary>Every 三会一课 rule of the quarter met for <see cref="Branch"/>.</summary>
    public static IReadOnlyList<MeetingRecordFact> CompleteQuarter() =>
    [
        new(MeetingType.Assembly, D(8, 15), 20, 16),
        new(MeetingType.Committee, D(7, 5), 5, 5), new(MeetingType.Committee, D(8, 5), 5, 4), new(MeetingType.Committee, D(9, 5), 5, 5),
        new(MeetingType.Group, D(7, 10), 10, 8, "一组"), new(MeetingType.Group, D(8, 10), 10, 9, "一组"), new(MeetingType.Group, D(9, 10), 10, 8, "一组"),
        new(MeetingType.Group, D(7, 11), 10, 7, "二组"), new(MeetingType.Group, D(8, 11), 10, 9, "二组"), new(MeetingType.Group, D(9, 11), 10, 10, "二组"),
        new(MeetingType.Lecture, D(9, 20), 20, 18),
        new(MeetingType.ThemeDay, D(7, 1), 20, 17), new(MeetingType.ThemeDay, D(8, 1), 20, 18), new(MeetingType.ThemeDay, D(9, 1), 20, 19),
    ];

    /// <summary><paramref name="count"/> answers of <paramref name="score"/> from <paramref name="group"/>.</summary>
    public static IEnumerable<RatingAnswer> Answers(string question, RaterGroup group, int count, decimal score) =>
        Enumerable.Range(0, count).Select(_ => new RatingAnswer(question, group, score));

    /// <summary><paramref name="count"/> events of a type, one every few days from 7月2日.</summary>
    public static IEnumerable<EvidenceEvent> Events(string type, int count, string description) =>
        Enumerable.Range(0, count).Select(i => new EvidenceEvent(type, D(7, 2).AddDays(i * 7), description));

    /// <summary>The assessor's full marks for every manual indicator of the category.</summary>
    public static IReadOnlyList<ManualScore> FullManualScores(BranchCategory category) =>
        category.Dimensions.SelectMany(d => d.Indicators)
            .Where(i => i.Rule is ManualRule)
            .Select(i => new ManualScore(i.Code, i.MaxPoints, "材料齐全，成效明显"))
            .ToList();

    public static IndicatorScore Indicator(BranchScore score, string code) => score.Indicators.Single(i => i.Code == code);
}
