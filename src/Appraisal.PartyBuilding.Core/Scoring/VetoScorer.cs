using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Core.Scoring;

/// <summary>
/// Evaluates a <see cref="VetoRule"/> (一票否决 / 清零). The indicator itself always scores 0; when an event of the rule's
/// type is dated in the quarter, the veto is triggered and <see cref="ScoringEngine"/> applies its effect: cap the grade
/// at <see cref="VetoRule.GradeCap"/>, or zero the dimension holding the indicator.
/// </summary>
public static class VetoScorer
{
    /// <summary>How the explanation of a triggered veto starts: stored results are read back by it (e.g. to re-grade after an appeal).</summary>
    public const string TriggeredPrefix = "一票否决：";

    /// <summary>The events that trigger the veto: its type, dated in the quarter, by date. Empty when not triggered.</summary>
    public static IReadOnlyList<EvidenceEvent> Triggers(VetoRule rule, BranchEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(evidence);
        return EventText.InQuarter(evidence, rule.EventType);
    }

    /// <summary>Scores one veto indicator: 0, with what the veto does when triggered.</summary>
    public static IndicatorResult Score(Indicator indicator, VetoRule rule, BranchEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        var events = Triggers(rule, evidence);
        if (events.Count == 0)
        {
            return new IndicatorResult(0m, "本季度无一票否决事项");
        }

        var what = EventText.Describe(events, $"发生“{indicator.Name}”一票否决事项");
        var effect = rule.Effect switch
        {
            VetoEffect.CapGrade => $"等级最高评为{rule.GradeCap}",
            VetoEffect.ZeroDimension => "所在维度得分清零",
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule.Effect, "未知的一票否决效果"),
        };
        return new IndicatorResult(0m, $"{TriggeredPrefix}{what}，{effect}");
    }
}
