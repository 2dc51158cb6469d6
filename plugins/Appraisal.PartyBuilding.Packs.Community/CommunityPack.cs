using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Packs.Community;

/// <summary>
/// Rural (农村党支部) and urban community (城市社区党支部) branches.
/// </summary>
/// <remarks>
/// Version 0.1: both categories hold only the standard 三会一课 section (40 points) and the five-star scale.
/// The rest of the pack is a later issue: for <c>community/rural</c> the 乡村振兴 and 集体经济增收 indicators,
/// for <c>community/urban</c> 网格治理 (grid-event handling rate, 矛盾化解率) and residents' satisfaction scored
/// on both activity count and satisfaction (海珠区's dual metric).
/// </remarks>
public sealed class CommunityPack : IIndicatorPack
{
    /// <summary>The pack id, the prefix of its category codes.</summary>
    public const string Id = "community";

    /// <inheritdoc />
    public PackManifest Manifest { get; } = new(
        Id,
        "0.1.0",
        "城乡社区党支部考核",
        [
            new BranchCategory($"{Id}/rural", "农村党支部", [StandardSections.ThreeMeetingsOneLesson()], StandardSections.FiveStars),
            new BranchCategory($"{Id}/urban", "城市社区党支部", [StandardSections.ThreeMeetingsOneLesson()], StandardSections.FiveStars),
        ]);
}
