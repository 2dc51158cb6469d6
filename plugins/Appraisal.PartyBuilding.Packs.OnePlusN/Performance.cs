using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Packs.OnePlusN;

/// <summary>
/// The "N": the 100-point performance score (业绩亮旗分) of each category, measured on what that kind of branch
/// is there to deliver, so that Party building is judged by its effect on the work.
/// </summary>
internal static class Performance
{
    private const string Code = "performance";
    private const string Name = "业绩亮旗分";

    /// <summary>机关管理型: serving the grassroots and getting the key tasks done.</summary>
    public static Dimension Management() => new(Code, Name,
    [
        new Indicator("performance.grassroots-satisfaction", "服务基层满意度", 30,
            new RatingRule("grassroots-satisfaction", Weights.ServiceRecipientsOnly)),
        new Indicator("performance.key-task-completion", "重点任务完成率", 30,
            new KpiTargetRule("key-task-completion-rate", Threshold: 80, Target: 100, KpiDirection.HigherIsBetter)),
        new Indicator("performance.document-timeliness", "公文办理及时率", 15,
            new KpiTargetRule("document-handling-timeliness-rate", Threshold: 90, Target: 100, KpiDirection.HigherIsBetter)),
        new Indicator("performance.leader-evaluation", "上级领导评价", 15,
            new RatingRule("management-leader-evaluation", Weights.LeadersOnly)),
        Honors(),
    ]);

    /// <summary>生产运行型: safe, available equipment and a reliable supply.</summary>
    public static Dimension Operations() => new(Code, Name,
    [
        new Indicator("performance.safe-days", "安全生产天数", 30,
            new KpiTargetRule("safe-production-days", Threshold: 0, Target: 90, KpiDirection.HigherIsBetter)),
        new Indicator("performance.equipment-availability", "设备可用率", 25,
            new KpiTargetRule("equipment-availability-rate", Threshold: 95, Target: 99.5m, KpiDirection.HigherIsBetter)),
        new Indicator("performance.outage-duration", "户均停电时长（分钟）", 20,
            new KpiTargetRule("average-outage-minutes", Threshold: 60, Target: 15, KpiDirection.LowerIsBetter)),
        new Indicator("performance.leader-evaluation", "上级领导评价", 15,
            new RatingRule("operations-leader-evaluation", Weights.LeadersAndPeers)),
        Honors(),
    ]);

    /// <summary>营销服务型: satisfied customers and the bills collected.</summary>
    public static Dimension Marketing() => new(Code, Name,
    [
        new Indicator("performance.customer-satisfaction", "客户满意度", 30,
            new RatingRule("customer-satisfaction", Weights.ServiceRecipientsOnly)),
        new Indicator("performance.bill-collection", "电费回收率", 30,
            new KpiTargetRule("electricity-bill-collection-rate", Threshold: 98, Target: 100, KpiDirection.HigherIsBetter)),
        new Indicator("performance.complaint-rate", "万户投诉率", 15,
            new KpiTargetRule("complaints-per-10k-customers", Threshold: 5, Target: 1, KpiDirection.LowerIsBetter)),
        new Indicator("performance.work-order-timeliness", "服务工单办结及时率", 15,
            new KpiTargetRule("service-work-order-timeliness-rate", Threshold: 90, Target: 100, KpiDirection.HigherIsBetter)),
        Honors(),
    ]);

    /// <summary>业务辅助型: support on time and to the satisfaction of the departments served.</summary>
    public static Dimension Support() => new(Code, Name,
    [
        new Indicator("performance.support-timeliness", "保障及时率", 30,
            new KpiTargetRule("support-timeliness-rate", Threshold: 85, Target: 100, KpiDirection.HigherIsBetter)),
        new Indicator("performance.internal-satisfaction", "内部客户满意度", 30,
            new RatingRule("internal-customer-satisfaction", Weights.ServiceRecipientsFirst)),
        new Indicator("performance.support-errors", "保障差错次数", 15,
            new KpiTargetRule("support-error-count", Threshold: 5, Target: 0, KpiDirection.LowerIsBetter)),
        new Indicator("performance.budget-deviation", "费用预算执行偏差率", 15,
            new KpiTargetRule("budget-execution-deviation-rate", Threshold: 10, Target: 2, KpiDirection.LowerIsBetter)),
        Honors(),
    ]);

    /// <summary>Honours won in the quarter (争先创优), common to the four categories, capped at 10.</summary>
    private static Indicator Honors() => new("performance.honors", "争先创优（亮旗加分）", 10,
        new BonusRule("performance-honor", PointsPerCase: 5));
}
