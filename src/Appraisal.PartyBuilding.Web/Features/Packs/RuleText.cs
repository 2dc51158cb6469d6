using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Meetings;

namespace Appraisal.PartyBuilding.Web.Features.Packs;

/// <summary>How a rule reads in Chinese on the pack page.</summary>
public static class RuleText
{
    public static string Describe(IndicatorRule rule) => rule switch
    {
        RecordFrequencyRule r => $"记录频次：{r.MeetingType.DisplayName()}，按{Unit(r.Unit)}计",
        ManualRule r => $"人工评分：{r.Guidance}",
        DeductionRule r => r.MaxDeduction is { } cap ? $"扣分：每次扣{r.PointsPerEvent:0.##}分，最多扣{cap:0.##}分" : $"扣分：每次扣{r.PointsPerEvent:0.##}分，扣完为止",
        KpiTargetRule r => $"指标目标：{r.KpiCode}，{(r.Direction == KpiDirection.HigherIsBetter ? "越高越好" : "越低越好")}，门槛{r.Threshold:0.##}，目标{r.Target:0.##}{(r.DataSource is { } source ? $"；自动采集：{source.Name}" : "")}",
        RatingRule r => $"评价：{string.Join("、", r.Weights.Select(w => $"{Group(w.Key)}{w.Value:0.##}"))}",
        BonusRule r => $"加分：每例加{r.PointsPerCase:0.##}分，封顶",
        VetoRule r => r.Effect == VetoEffect.CapGrade ? $"一票否决：等次最高为{r.GradeCap}" : "一票否决：本维度清零",
        CodeRule r => $"指标包自定义计分（{r.ScorerId}）",
        _ => rule.GetType().Name,
    };

    private static string Unit(CoverageUnit unit) => unit switch
    {
        CoverageUnit.Quarter => "季度",
        CoverageUnit.Month => "月",
        CoverageUnit.GroupMonth => "党小组·月",
        CoverageUnit.Year => "年度",
        _ => unit.ToString(),
    };

    private static string Group(RaterGroup group) => group switch
    {
        RaterGroup.Leader => "领导",
        RaterGroup.Peer => "同级",
        RaterGroup.ServiceRecipient => "服务对象",
        _ => group.ToString(),
    };
}
