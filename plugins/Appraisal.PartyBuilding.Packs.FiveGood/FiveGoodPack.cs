using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Packs.FiveGood;

/// <summary>
/// 五好科室 (北京市P镇's model) for township departments and stations (乡镇科室、站所): 团结好, 作风好, 效果好,
/// 自律好 and 业绩好, 20 points each, 100 in all. The whole tree is in this folder's README.md.
/// </summary>
/// <remarks>
/// <para>Each dimension is rated by three rater groups — leaders (镇领导), peers (其他科室) and service recipients
/// (办事群众、服务对象) — with weights set per dimension in <see cref="Weights"/>: peers know best how an office works
/// with others (团结好), service recipients how it treats them (作风好, 效果好), leaders how it keeps the rules (自律好).
/// A group that gave no answers drops out and its weight goes to the groups that answered; the explanation says so.
/// Averages, not sums, are weighted, so an office that serves many people is not rated higher for the number of its
/// raters.</para>
/// <para>The workload factor: a busy office (流动人口管理办公室, a hundred visitors a day) and a quiet one (老年协会,
/// one activity a month) must not be ranked on raw counts. Half of 业绩好 is therefore the share of the office's own
/// declared workload (核定工作量) it completed (<see cref="WorkloadScorer"/>); the other half is the 360 rating of its
/// results.</para>
/// <para>Grades on the percentage of 100: ≥ 90 优秀 (candidate for the 五好科室 title), ≥ 80 良好, ≥ 60 合格, else
/// 不合格. A violation of the integrity rules zeroes 自律好; a serious discipline case caps the grade at 不合格.</para>
/// </remarks>
public sealed class FiveGoodPack : IIndicatorPack
{
    /// <summary>The pack id, the prefix of its category codes.</summary>
    public const string Id = "five-good";

    /// <summary>The pack version.</summary>
    public const string Version = "1.0.0";

    /// <summary>The category code of township departments.</summary>
    public const string DepartmentCategory = Id + "/department";

    /// <summary>The lowest grade, and the cap of a serious discipline case.</summary>
    public const string LowestGrade = "不合格";

    /// <summary>优秀 / 良好 / 合格 / 不合格 on the percentage of 100.</summary>
    public static GradeScale Grades { get; } = new(
    [
        new GradeBand("优秀", 90),
        new GradeBand("良好", 80),
        new GradeBand("合格", 60),
        new GradeBand(LowestGrade, 0),
    ]);

    /// <summary>Builds the manifest once: the host reads it at start-up and pins it per period.</summary>
    public FiveGoodPack()
    {
        Manifest = new PackManifest(
            Id,
            Version,
            "五好科室考核（乡镇科室、站所）",
            [new BranchCategory(DepartmentCategory, "乡镇科室（站所）", Dimensions(), Grades)]);
    }

    /// <inheritdoc />
    public PackManifest Manifest { get; }

    /// <inheritdoc />
    public IReadOnlyList<IIndicatorScorer> Scorers { get; } = [new WorkloadScorer()];

    private static IReadOnlyList<Dimension> Dimensions() =>
    [
        new("unity", "团结好",
        [
            new Indicator("unity.rating", "团结协作评价（班子团结、科室协同、补位支援）", 20,
                new RatingRule("five-good-unity", Weights.Unity)),
        ]),
        new("conduct", "作风好",
        [
            new Indicator("conduct.rating", "工作作风评价（服务态度、办事效率、首问负责）", 20,
                new RatingRule("five-good-conduct", Weights.Conduct)),
        ]),
        new("effect", "效果好",
        [
            new Indicator("effect.rating", "服务效果评价（问题解决、群众获得感）", 20,
                new RatingRule("five-good-effect", Weights.Effect)),
        ]),
        new("discipline", "自律好",
        [
            new Indicator("discipline.rating", "廉洁自律评价（遵规守纪、廉洁从政）", 20,
                new RatingRule("five-good-discipline", Weights.Discipline)),
            new Indicator("discipline.integrity-violation", "违反廉洁纪律（自律好清零）", 0,
                new VetoRule("integrity-violation", VetoEffect.ZeroDimension)),
            new Indicator("discipline.serious-case", "严重违纪违法（一票否决）", 0,
                new VetoRule("serious-discipline-case", VetoEffect.CapGrade, LowestGrade)),
        ]),
        new("performance", "业绩好",
        [
            new Indicator("performance.rating", "工作业绩评价", 10,
                new RatingRule("five-good-performance", Weights.Performance)),
            new Indicator("performance.workload", "核定工作量完成度（按工作量折算）", 10,
                new CodeRule(WorkloadScorer.ScorerId)),
        ]),
    ];
}
