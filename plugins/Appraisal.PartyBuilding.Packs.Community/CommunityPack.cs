using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Packs.Community;

/// <summary>
/// Rural (农村党支部) and urban community (城市社区党支部) branches, 100 points each: the standard 三会一课 section
/// (40) and 60 points on what each kind of branch is there to do. The whole tree is in this folder's README.md.
/// </summary>
/// <remarks>
/// <para><c>community/rural</c> stresses 乡村振兴 and 集体经济增收: collective-income growth as a KPI target, 急难愁盼
/// cases as capped bonuses, deductions for 三资 irregularities, petitions and late 党费, manual items for industry
/// and living environment, villagers' satisfaction as a rating, and two vetoes.</para>
/// <para><c>community/urban</c> stresses 网格治理 (grid-event handling rate, 矛盾化解率, hotline response time) and
/// residents' satisfaction scored with 海珠区's dual metric (<see cref="ResidentServiceScorer"/>): activities held
/// and residents' satisfaction each give half of the indicator, so neither many activities nobody values nor a
/// few well-liked ones reach full marks.</para>
/// <para>Grades on the percentage of 100: ≥ 90 优秀, ≥ 75 良好, ≥ 60 一般, else 较差; a serious discipline case caps
/// the grade at 较差.</para>
/// </remarks>
public sealed class CommunityPack : IIndicatorPack
{
    /// <summary>The pack id, the prefix of its category codes.</summary>
    public const string Id = "community";

    /// <summary>The pack version.</summary>
    public const string Version = "1.0.0";

    /// <summary>The grade a serious discipline case caps a branch at.</summary>
    public const string LowestGrade = "较差";

    /// <summary>优秀 / 良好 / 一般 / 较差 on the percentage of the category's maximum.</summary>
    public static GradeScale Grades { get; } = new(
    [
        new GradeBand("优秀", 90),
        new GradeBand("良好", 75),
        new GradeBand("一般", 60),
        new GradeBand(LowestGrade, 0),
    ]);

    /// <summary>Builds the manifest once: the host reads it at start-up and pins it per period.</summary>
    public CommunityPack()
    {
        Manifest = new PackManifest(
            Id,
            Version,
            "城乡社区党支部考核",
            [
                new BranchCategory($"{Id}/rural", "农村党支部", Rural.Dimensions(), Grades),
                new BranchCategory($"{Id}/urban", "城市社区党支部", Urban.Dimensions(), Grades),
            ]);
    }

    /// <inheritdoc />
    public PackManifest Manifest { get; }

    /// <inheritdoc />
    public IReadOnlyList<IIndicatorScorer> Scorers { get; } = [new ResidentServiceScorer()];
}
