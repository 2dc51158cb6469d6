using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Packs.OnePlusN;

/// <summary>
/// The "1": the 320-point Party-building base (党建基础分), eight modules of 40, the same for every category so
/// that branches of different kinds are compared on the same Party-building ground.
/// </summary>
internal static class Foundation
{
    public static IReadOnlyList<Dimension> Modules() =>
    [
        Political(),
        Ideological(),
        StandardSections.ThreeMeetingsOneLesson(),
        Members(),
        Conduct(),
        Discipline(),
        Institutions(),
        Integration(),
    ];

    private static Dimension Political() => new("political", "政治建设",
    [
        new Indicator("political.first-topic", "落实“第一议题”制度", 10,
            new ManualRule("查阅支部会议记录：是否把学习习近平总书记最新重要讲话和指示批示精神作为会议第一议题，并研究贯彻措施。")),
        new Indicator("political.study", "政治理论学习", 10,
            new ManualRule("查阅学习计划和记录：本季度集中学习次数、内容是否覆盖上级要求的专题，党员是否全员参学。")),
        new Indicator("political.decisions", "贯彻落实上级决策部署", 12,
            new ManualRule("对照上级党委本季度部署的重点工作，查看支部落实举措、进度和成效材料。")),
        new Indicator("political.stance", "政治担当评价", 8,
            new RatingRule("political-stance", Weights.LeadersAndPeers)),
    ]);

    private static Dimension Ideological() => new("ideology", "思想建设",
    [
        new Indicator("ideology.online-study", "党员线上学习参与率", 10,
            new KpiTargetRule("online-study-participation-rate", Threshold: 60, Target: 95, KpiDirection.HigherIsBetter)),
        new Indicator("ideology.responsibility", "意识形态工作责任制", 10,
            new ManualRule("查看意识形态工作分析研判记录、阵地管理情况，有无应报未报的舆情。")),
        new Indicator("ideology.training", "党员教育培训完成率", 10,
            new KpiTargetRule("member-training-completion-rate", Threshold: 60, Target: 100, KpiDirection.HigherIsBetter)),
        new Indicator("ideology.publicity", "宣传思想文化成果", 10,
            new BonusRule("publicity-article-published", PointsPerCase: 2)),
    ]);

    private static Dimension Members() => new("members", "组织建设·党员管理",
    [
        new Indicator("members.dues", "按时足额交纳党费", 10,
            new DeductionRule("late-dues", PointsPerEvent: 2)),
        new Indicator("members.development", "发展党员工作", 8,
            new ManualRule("查阅发展党员档案：程序是否完整、材料是否齐全，培养计划是否落实。")),
        new Indicator("members.vanguard", "党员先锋岗、责任区作用发挥", 8,
            new ManualRule("查看党员先锋岗、党员责任区的设岗定责和本季度履责实绩。")),
        new Indicator("members.life-meeting", "组织生活会", 6,
            new RecordFrequencyRule(MeetingType.LifeMeeting, CoverageUnit.Year)),
        new Indicator("members.review", "民主评议党员", 6,
            new RecordFrequencyRule(MeetingType.Review, CoverageUnit.Year)),
        new Indicator("members.records", "党员信息准确", 2,
            new DeductionRule("member-data-error", PointsPerEvent: 1)),
    ]);

    private static Dimension Conduct() => new("conduct", "作风建设",
    [
        new Indicator("conduct.satisfaction", "群众满意度", 12,
            new RatingRule("conduct-satisfaction", Weights.ServiceRecipientsFirst)),
        new Indicator("conduct.eight-rules", "落实中央八项规定精神", 10,
            new DeductionRule("eight-rules-violation", PointsPerEvent: 5)),
        new Indicator("conduct.complaints", "有效投诉", 8,
            new DeductionRule("valid-complaint", PointsPerEvent: 2, MaxDeduction: 8)),
        new Indicator("conduct.grassroots-problems", "调查研究、为基层解决实际问题", 10,
            new BonusRule("grassroots-problem-solved", PointsPerCase: 2)),
    ]);

    private static Dimension Discipline() => new("discipline", "纪律建设",
    [
        new Indicator("discipline.education", "纪律教育和警示教育", 10,
            new ManualRule("查看本季度纪律教育、警示教育的开展记录和党员参与情况。")),
        new Indicator("discipline.integrity-risk", "廉洁风险防控", 10,
            new ManualRule("查看廉洁风险点排查、防控措施及落实情况。")),
        new Indicator("discipline.violations", "党员违规违纪", 20,
            new DeductionRule("discipline-violation", PointsPerEvent: 10)),
        new Indicator("discipline.serious-case", "严重违纪案件（一票否决）", 0,
            new VetoRule("serious-discipline-case", VetoEffect.CapGrade, GradeCap: "一星")),
    ]);

    private static Dimension Institutions() => new("institutions", "制度建设与基础保障",
    [
        new Indicator("institutions.rules", "支部工作制度健全", 10,
            new ManualRule("查看支部工作制度是否齐全、是否按上级要求及时修订。")),
        new Indicator("institutions.ledgers", "党建工作台账规范", 10,
            new ManualRule("查阅会议记录、党员名册、党费收缴等台账是否完整、规范、及时。")),
        new Indicator("institutions.position", "党员活动阵地建设", 8,
            new ManualRule("实地查看党员活动室等阵地的建设、管理和使用情况。")),
        new Indicator("institutions.data-timeliness", "党建信息系统数据及时率", 6,
            new KpiTargetRule("party-system-data-timeliness-rate", Threshold: 80, Target: 100, KpiDirection.HigherIsBetter)),
        new Indicator("institutions.funds", "党组织工作经费使用", 6,
            new ManualRule("查看党组织工作经费的预算、使用范围和审批手续。")),
    ]);

    private static Dimension Integration() => new("integration", "党建融合",
    [
        new Indicator("integration.key-projects", "党建引领重点项目", 16,
            new ManualRule("查看“党建+”重点项目的立项、推进和成效：是否围绕中心工作、是否有党员攻坚团队。")),
        new Indicator("integration.milestones", "重点项目节点完成率", 12,
            new KpiTargetRule("key-project-milestone-rate", Threshold: 60, Target: 100, KpiDirection.HigherIsBetter)),
        new Indicator("integration.achievements", "党建融合成果", 12,
            new BonusRule("integration-achievement", PointsPerCase: 4)),
    ]);
}
