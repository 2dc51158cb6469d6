using System.Globalization;
using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Packs.Community;

/// <summary>
/// 海珠区's dual metric for urban community branches: 党群服务活动场次 and 居民满意度 weigh equally, so a branch gets
/// full marks only with enough activities that residents value.
/// </summary>
/// <remarks>
/// <para>Half of the indicator's points come from activities: the events of type <see cref="ActivityEventType"/>
/// dated in the quarter, against <see cref="TargetActivities"/> (points in proportion, capped at the target).</para>
/// <para>The other half comes from residents' satisfaction: the average of the service recipients' answers to
/// <see cref="SatisfactionQuestion"/> (0–100), 0 points at or below <see cref="SatisfactionFloor"/>, full at or
/// above <see cref="SatisfactionTarget"/>, linear between. Fewer than <see cref="MinimumAnswers"/> answers earn
/// nothing for this half: a handful of friendly answers is not a survey.</para>
/// <para>So 12 activities rated 55 give 7.5 of 15, 2 activities rated 95 give 10 of 15, and only 6 activities rated
/// 90 or more give 15.</para>
/// </remarks>
public sealed class ResidentServiceScorer : IIndicatorScorer
{
    /// <summary>The id <see cref="CodeRule.ScorerId"/> refers to.</summary>
    public const string ScorerId = "resident-service-dual";

    /// <summary>The event type of one 党群服务活动 held by the branch.</summary>
    public const string ActivityEventType = "resident-service-activity";

    /// <summary>Activities a quarter that earn the full activity half (two a month).</summary>
    public const int TargetActivities = 6;

    /// <summary>The survey question residents answer, 0–100.</summary>
    public const string SatisfactionQuestion = "resident-satisfaction";

    /// <summary>Average satisfaction at or below which the satisfaction half earns nothing.</summary>
    public const decimal SatisfactionFloor = 60m;

    /// <summary>Average satisfaction at or above which the satisfaction half earns full marks.</summary>
    public const decimal SatisfactionTarget = 90m;

    /// <summary>The fewest residents' answers that count as a survey.</summary>
    public const int MinimumAnswers = 10;

    /// <inheritdoc />
    public string Id => ScorerId;

    /// <inheritdoc />
    public IndicatorResult Score(Indicator indicator, BranchEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(evidence);

        var half = Math.Max(indicator.MaxPoints, 0m) / 2m;
        var (activityPoints, activityText) = Activities(evidence, half);
        var (satisfactionPoints, satisfactionText) = Satisfaction(evidence, half);
        var total = activityPoints + satisfactionPoints;
        var text = $"双指标（活动场次、居民满意度各占{N(half)}分）：{activityText}；{satisfactionText}；合计{N(total)}分";
        return new IndicatorResult(total, text);
    }

    private static (decimal Points, string Text) Activities(BranchEvidence evidence, decimal half)
    {
        var held = (evidence.Events ?? [])
            .Count(e => e is not null
                && string.Equals(e.EventType, ActivityEventType, StringComparison.Ordinal)
                && evidence.Quarter.Contains(e.Date));
        if (held == 0)
        {
            return (0m, $"本季度未开展党群服务活动（目标{TargetActivities}场），活动得0分");
        }

        var counted = Math.Min(held, TargetActivities);
        var points = Round(half * counted / TargetActivities);
        var text = held >= TargetActivities
            ? $"开展党群服务活动{held}场，达到目标{TargetActivities}场" + (held > TargetActivities ? "（超出部分不加分）" : string.Empty)
            : $"开展党群服务活动{held}场，目标{TargetActivities}场，少{TargetActivities - held}场";
        return (points, $"{text}，活动得{N(points)}分");
    }

    private static (decimal Points, string Text) Satisfaction(BranchEvidence evidence, decimal half)
    {
        var answers = (evidence.Ratings ?? [])
            .Where(a => a is not null
                && a.Group == RaterGroup.ServiceRecipient
                && string.Equals(a.Question, SatisfactionQuestion, StringComparison.Ordinal))
            .Select(a => Math.Clamp(a.Score, 0m, 100m))
            .ToList();
        if (answers.Count == 0)
        {
            return (0m, "暂无居民满意度评价，满意度得0分");
        }

        var average = answers.Sum() / answers.Count;
        if (answers.Count < MinimumAnswers)
        {
            return (0m, $"居民满意度评价仅{answers.Count}份（平均{N(average)}分），不足{MinimumAnswers}份，满意度得0分");
        }

        var share = Math.Clamp((average - SatisfactionFloor) / (SatisfactionTarget - SatisfactionFloor), 0m, 1m);
        var points = Round(half * share);
        var where = average >= SatisfactionTarget
            ? $"达到{N(SatisfactionTarget)}分"
            : average <= SatisfactionFloor
                ? $"未超过{N(SatisfactionFloor)}分"
                : $"介于{N(SatisfactionFloor)}分与{N(SatisfactionTarget)}分之间";
        return (points, $"居民满意度平均{N(average)}分（{answers.Count}份评价），{where}，满意度得{N(points)}分");
    }

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    private static string N(decimal value) => Round(value).ToString("0.##", CultureInfo.InvariantCulture);
}
