using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Packs.Community;

/// <summary>
/// 城市社区党支部: 三会一课 40, 网格治理 25, 服务群众 25, 作风与纪律 10.
/// </summary>
internal static class Urban
{
    public static IReadOnlyList<Dimension> Dimensions() =>
    [
        StandardSections.ThreeMeetingsOneLesson(),
        Grid(),
        Service(),
        Conduct(),
    ];

    /// <summary>网格治理: the grid platform's and the 12345 hotline's own figures, pulled from them (无感考核) or pushed.</summary>
    private static Dimension Grid() => new("grid", "网格治理",
    [
        new Indicator("grid.event-handling-rate", "网格事件办结率（%）", 10,
            new KpiTargetRule("grid-event-handling-rate", Threshold: 80, Target: 98, KpiDirection.HigherIsBetter)
            {
                DataSource = new KpiDataSource("网格化社会治理平台", BranchField: "branchCode", ValueField: "handlingRate"),
            }),
        new Indicator("grid.dispute-resolution-rate", "矛盾纠纷化解率（%）", 10,
            new KpiTargetRule("dispute-resolution-rate", Threshold: 85, Target: 98, KpiDirection.HigherIsBetter)),
        new Indicator("grid.hotline-response", "12345热线工单平均响应时长（小时）", 5,
            new KpiTargetRule("hotline-response-hours", Threshold: 24, Target: 4, KpiDirection.LowerIsBetter)
            {
                DataSource = new KpiDataSource("12345政务服务便民热线", BranchField: "branchCode", ValueField: "responseHours"),
            }),
    ]);

    /// <summary>服务群众: 海珠区's dual metric, urgent needs solved, members serving where they live.</summary>
    private static Dimension Service() => new("service", "服务群众",
    [
        new Indicator("service.dual-metric", "党群服务活动场次与居民满意度（双指标）", 15,
            new CodeRule(ResidentServiceScorer.ScorerId)),
        new Indicator("service.urgent-needs", "为居民办结急难愁盼事项", 5,
            new BonusRule("urgent-need-solved", PointsPerCase: 1)),
        new Indicator("service.members-report", "在职党员到社区报到服务", 5,
            new ManualRule("查看在职党员“双报到”台账：报到人数、认领岗位和本季度参加社区服务的次数与实效。")),
    ]);

    /// <summary>作风与纪律: complaints, dues, and the veto.</summary>
    private static Dimension Conduct() => new("conduct", "作风与纪律",
    [
        new Indicator("conduct.complaints", "有效投诉", 6,
            new DeductionRule("valid-complaint", PointsPerEvent: 2)),
        new Indicator("conduct.dues", "按时足额交纳党费", 4,
            new DeductionRule("late-dues", PointsPerEvent: 2)),
        new Indicator("conduct.serious-case", "严重违纪违法（一票否决）", 0,
            new VetoRule("serious-discipline-case", VetoEffect.CapGrade, CommunityPack.LowestGrade)),
    ]);
}
