using Appraisal.PartyBuilding.Contracts;

namespace GoodPack;

/// <summary>A valid pack: the standard 三会一课 section and one indicator scored in code.</summary>
public sealed class GoodPack : IIndicatorPack
{
    /// <inheritdoc />
    public PackManifest Manifest { get; } = new(
        "good",
        "1.0.0",
        "测试用指标包",
        [
            new BranchCategory(
                "good/basic",
                "测试类别",
                [
                    StandardSections.ThreeMeetingsOneLesson(),
                    new Dimension("custom", "自定义", [new Indicator("custom.members", "党员人数", 10, new CodeRule(MemberCountScorer.ScorerId))]),
                ],
                StandardSections.FiveStars),
        ]);

    /// <inheritdoc />
    public IReadOnlyList<IIndicatorScorer> Scorers { get; } = [new MemberCountScorer()];
}

/// <summary>One point per member, up to the maximum.</summary>
public sealed class MemberCountScorer : IIndicatorScorer
{
    /// <summary>The id the manifest refers to.</summary>
    public const string ScorerId = "member-count";

    /// <inheritdoc />
    public string Id => ScorerId;

    /// <inheritdoc />
    public IndicatorResult Score(Indicator indicator, BranchEvidence evidence) =>
        new(Math.Min(indicator.MaxPoints, evidence.Branch.MemberCount), $"党员 {evidence.Branch.MemberCount} 人");
}
