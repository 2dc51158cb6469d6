using Appraisal.PartyBuilding.Core.Scoring;

namespace Appraisal.PartyBuilding.Core.Health;

/// <summary>健康度: green (正常), yellow (关注) or red (预警).</summary>
public enum HealthColour
{
    Green = 0,
    Yellow = 1,
    Red = 2,
}

/// <summary>What a warning is about.</summary>
public enum HealthSignal
{
    MissedMonths = 1,
    FallingScore = 2,
    OverdueRectification = 3,
    LowSatisfaction = 4,
}

/// <summary>One reason for a branch's colour, with its own severity and a sentence for people.</summary>
public sealed record HealthReason(HealthSignal Signal, HealthColour Severity, string Text);

/// <summary>A branch's colour and every reason for it (empty when green).</summary>
public sealed record HealthAssessment(HealthColour Colour, IReadOnlyList<HealthReason> Reasons);

/// <summary>What is known about a branch, read by the caller.</summary>
/// <param name="MissedMonths">The months (ended, of the quarter looked at) with a required monthly meeting missing, each with what was missing, e.g. <c>8月缺支委会</c>.</param>
/// <param name="PreviousPercent">The total as a share of the maximum in the previous scored period, if any.</param>
/// <param name="LatestPercent">The same in the latest scored period, if any.</param>
/// <param name="LatestLabel">The latest scored period, e.g. 2026年第3季度.</param>
/// <param name="OverdueItems">Rectification items past their deadline and not done.</param>
/// <param name="EscalatedItems">Of those, the ones already escalated to the parent organization.</param>
/// <param name="SatisfactionPercent">The answered rating (satisfaction) indicators' score as a share of their maximum in the latest period, if any were answered.</param>
public sealed record HealthFacts(
    IReadOnlyList<string> MissedMonths,
    decimal? PreviousPercent = null,
    decimal? LatestPercent = null,
    string? LatestLabel = null,
    int OverdueItems = 0,
    int EscalatedItems = 0,
    decimal? SatisfactionPercent = null);

/// <summary>Where yellow turns red. Any single reason makes a branch at least yellow.</summary>
/// <param name="MissedMonthsRed">Missed months that make the reason red (1 is yellow).</param>
/// <param name="FallYellowPoints">A fall of the total by at least this many percentage points of the maximum is yellow...</param>
/// <param name="FallRedPoints">... and by at least this many red.</param>
/// <param name="OverdueRed">Overdue items that make the reason red (1 is yellow; any escalated item is red).</param>
/// <param name="SatisfactionYellowPercent">Satisfaction below this is yellow...</param>
/// <param name="SatisfactionRedPercent">... and below this red.</param>
/// <param name="YellowReasonsForRed">A branch with this many yellow reasons is red.</param>
public sealed record HealthThresholds(
    int MissedMonthsRed = 2,
    decimal FallYellowPoints = 5,
    decimal FallRedPoints = 15,
    int OverdueRed = 2,
    decimal SatisfactionYellowPercent = 70,
    decimal SatisfactionRedPercent = 50,
    int YellowReasonsForRed = 3);

/// <summary>
/// The health early warning (健康度预警) of SPEC: each signal gives a reason with a severity; the branch is red when any
/// reason is red or enough are yellow, yellow when any reason is, else green. Pure.
/// </summary>
public static class HealthRules
{
    public static HealthAssessment Assess(HealthFacts facts, HealthThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(thresholds);
        var reasons = new List<HealthReason>();

        var missed = facts.MissedMonths.Count;
        if (missed > 0)
        {
            reasons.Add(new HealthReason(
                HealthSignal.MissedMonths,
                missed >= thresholds.MissedMonthsRed ? HealthColour.Red : HealthColour.Yellow,
                $"{missed}个月缺少按月应开的会议：{string.Join("；", facts.MissedMonths)}"));
        }

        if (facts.PreviousPercent is { } previous && facts.LatestPercent is { } latest)
        {
            var fall = ScoreMath.Round(previous - latest);
            if (fall >= thresholds.FallYellowPoints)
            {
                reasons.Add(new HealthReason(
                    HealthSignal.FallingScore,
                    fall >= thresholds.FallRedPoints ? HealthColour.Red : HealthColour.Yellow,
                    $"得分率下降{ScoreMath.N(fall)}个百分点（{ScoreMath.N(previous)}% → {facts.LatestLabel}{ScoreMath.N(latest)}%）"));
            }
        }

        if (facts.OverdueItems > 0)
        {
            var red = facts.OverdueItems >= thresholds.OverdueRed || facts.EscalatedItems > 0;
            reasons.Add(new HealthReason(
                HealthSignal.OverdueRectification,
                red ? HealthColour.Red : HealthColour.Yellow,
                $"{facts.OverdueItems}项整改逾期未完成" + (facts.EscalatedItems > 0 ? $"，其中{facts.EscalatedItems}项已报上级督办" : "")));
        }

        if (facts.SatisfactionPercent is { } satisfaction && satisfaction < thresholds.SatisfactionYellowPercent)
        {
            reasons.Add(new HealthReason(
                HealthSignal.LowSatisfaction,
                satisfaction < thresholds.SatisfactionRedPercent ? HealthColour.Red : HealthColour.Yellow,
                $"满意度评价得分率{ScoreMath.N(satisfaction)}%，低于{ScoreMath.N(thresholds.SatisfactionYellowPercent)}%"));
        }

        var colour = reasons.Count == 0
            ? HealthColour.Green
            : reasons.Any(r => r.Severity == HealthColour.Red) || reasons.Count(r => r.Severity == HealthColour.Yellow) >= thresholds.YellowReasonsForRed
                ? HealthColour.Red
                : HealthColour.Yellow;
        return new HealthAssessment(colour, reasons);
    }

    public static string DisplayName(this HealthColour colour) => colour switch
    {
        HealthColour.Green => "正常",
        HealthColour.Yellow => "关注",
        HealthColour.Red => "预警",
        _ => colour.ToString(),
    };
}
