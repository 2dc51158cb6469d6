using Appraisal.PartyBuilding.Contracts;

namespace WrongContractPack;

/// <summary>A pack that would be valid, had it been built against this host's contract.</summary>
public sealed class WrongContractPack : IIndicatorPack
{
    /// <inheritdoc />
    public PackManifest Manifest { get; } = new(
        "wrong-contract",
        "1.0.0",
        "契约版本不符的指标包",
        [new BranchCategory("wrong-contract/basic", "测试类别", [StandardSections.ThreeMeetingsOneLesson()], StandardSections.FiveStars)]);
}
