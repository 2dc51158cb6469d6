using Appraisal.PartyBuilding.Contracts;

namespace SameIdPack;

/// <summary>Same id and category code as GoodPack.</summary>
public sealed class SameIdPack : IIndicatorPack
{
    /// <inheritdoc />
    public PackManifest Manifest { get; } = new(
        "good",
        "2.0.0",
        "重复标识的指标包",
        [new BranchCategory("good/basic", "重复类别", [StandardSections.ThreeMeetingsOneLesson()], StandardSections.FiveStars)]);
}
