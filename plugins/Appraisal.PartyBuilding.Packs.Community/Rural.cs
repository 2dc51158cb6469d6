using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Packs.Community;

/// <summary>
/// 农村党支部: 三会一课 40, 集体经济增收 20, 乡村振兴 20, 乡村治理与作风 20.
/// </summary>
internal static class Rural
{
    public static IReadOnlyList<Dimension> Dimensions() =>
    [
        StandardSections.ThreeMeetingsOneLesson(),
        CollectiveEconomy(),
        Revitalization(),
        Governance(),
    ];

    /// <summary>The village's collective economy: growth that lasts, and assets kept in order.</summary>
    private static Dimension CollectiveEconomy() => new("collective-economy", "集体经济增收",
    [
        new Indicator("collective-economy.income-growth", "村集体经济收入同比增长率（%）", 12,
            new KpiTargetRule("collective-income-growth-rate", Threshold: 0, Target: 10, KpiDirection.HigherIsBetter)),
        new Indicator("collective-economy.assets", "集体“三资”规范管理", 8,
            new DeductionRule("collective-assets-irregularity", PointsPerEvent: 4)),
        new Indicator("collective-economy.misappropriation", "侵占挪用集体资金（本维度清零）", 0,
            new VetoRule("collective-funds-misappropriation", VetoEffect.ZeroDimension)),
    ]);

    /// <summary>乡村振兴: the branch leading industry, the living environment and villagers' urgent needs.</summary>
    private static Dimension Revitalization() => new("revitalization", "乡村振兴",
    [
        new Indicator("revitalization.industry", "党建引领特色产业发展", 8,
            new ManualRule("查看支部领办、参与的合作社和特色产业项目：本季度的进展、带动农户增收情况和党员示范户作用。")),
        new Indicator("revitalization.living-environment", "人居环境整治", 6,
            new ManualRule("实地查看村庄环境、垃圾污水治理和“门前三包”落实情况，对照乡镇季度检查结果评分。")),
        new Indicator("revitalization.urgent-needs", "为群众办结急难愁盼事项", 6,
            new BonusRule("urgent-need-solved", PointsPerCase: 2)),
    ]);

    /// <summary>乡村治理与作风: villagers' satisfaction, disputes settled in the village, dues, openness.</summary>
    private static Dimension Governance() => new("governance", "乡村治理与作风",
    [
        new Indicator("governance.villager-satisfaction", "村民满意度", 8,
            new RatingRule("villager-satisfaction", Weights.VillagersFirst)),
        new Indicator("governance.petitions", "矛盾纠纷就地化解（越级上访扣分）", 6,
            new DeductionRule("escalated-petition", PointsPerEvent: 3)),
        new Indicator("governance.dues", "按时足额交纳党费", 3,
            new DeductionRule("late-dues", PointsPerEvent: 1)),
        new Indicator("governance.openness", "党务村务财务公开", 3,
            new ManualRule("查看公开栏和线上公开记录：党务、村务、财务是否按季度公开，内容是否完整真实。")),
        new Indicator("governance.serious-case", "严重违纪违法（一票否决）", 0,
            new VetoRule("serious-discipline-case", VetoEffect.CapGrade, CommunityPack.LowestGrade)),
    ]);
}
