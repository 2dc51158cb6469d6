using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Packs.OnePlusN;

/// <summary>
/// The "1+N" assessment: "1" is the 320-point Party-building base (党建基础分, eight modules of 40) that every
/// category shares; "N" is the 100-point performance score (业绩亮旗分) of each of the four categories. Total 420,
/// graded on the percentage of 420 with the five-star scale; a serious discipline case caps the grade at 一星.
/// </summary>
public sealed class OnePlusNPack : IIndicatorPack
{
    /// <summary>The pack id, the prefix of its category codes.</summary>
    public const string Id = "one-plus-n";

    /// <summary>Builds the manifest once: the host reads it at start-up and pins it per period.</summary>
    public OnePlusNPack()
    {
        var foundation = Foundation.Modules();
        Manifest = new PackManifest(
            Id,
            "1.0.0",
            "“1+N”党支部考核体系",
            [
                Category("management", "机关管理型", foundation, Performance.Management()),
                Category("operations", "生产运行型", foundation, Performance.Operations()),
                Category("marketing", "营销服务型", foundation, Performance.Marketing()),
                Category("support", "业务辅助型", foundation, Performance.Support()),
            ]);
    }

    /// <inheritdoc />
    public PackManifest Manifest { get; }

    private static BranchCategory Category(string code, string name, IReadOnlyList<Dimension> foundation, Dimension performance) =>
        new($"{Id}/{code}", name, [.. foundation, performance], StandardSections.FiveStars);
}
