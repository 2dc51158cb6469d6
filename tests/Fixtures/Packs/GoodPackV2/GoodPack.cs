using Appraisal.PartyBuilding.Contracts;

namespace GoodPack;

/// <summary>Version 2.0.0 of the "good" pack: the same category and indicators, custom.members renamed and scored at half a point per member.</summary>
public sealed class GoodPack : IIndicatorPack
{
    /// <inheritdoc />
    public PackManifest Manifest { get; } = new(
        "good",
        "2.0.0",
        "测试用指标包（第二版）",
        [
            new BranchCategory(
                "good/basic",
                "测试类别",
                [
                    StandardSections.ThreeMeetingsOneLesson(),
                    new Dimension("custom", "自定义", [new Indicator("custom.members", "党员人数（每2人计1分）", 10, new CodeRule(MemberCountScorer.ScorerId))]),
                ],
                StandardSections.FiveStars),
        ]);

    /// <inheritdoc />
    public IReadOnlyList<IIndicatorScorer> Scorers { get; } = [new MemberCountScorer()];
}

/// <summary>Half a point per member, up to the maximum (version 1.0.0 gives one point per member).</summary>
public sealed class MemberCountScorer : IIndicatorScorer
{
    /// <summary>The id the manifest refers to.</summary>
    public const string ScorerId = "member-count";

    /// <inheritdoc />
    public string Id => ScorerId;

    /// <inheritdoc />
    public IndicatorResult Score(Indicator indicator, BranchEvidence evidence) =>
        new(Math.Min(indicator.MaxPoints, evidence.Branch.MemberCount / 2m), $"党员 {evidence.Branch.MemberCount} 人，每 2 人计 1 分");
}
