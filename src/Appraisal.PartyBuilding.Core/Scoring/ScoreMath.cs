using System.Globalization;
using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Meetings;

namespace Appraisal.PartyBuilding.Core.Scoring;

/// <summary>Rounding, clamping and number formatting shared by the rule scorers.</summary>
internal static class ScoreMath
{
    /// <summary>Rounds to 2 decimals, midpoint away from zero.</summary>
    public static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>Clamps to 0..<paramref name="max"/> (0 when the maximum is negative).</summary>
    public static decimal Clamp(decimal value, decimal max) => Math.Min(Math.Max(value, 0m), Math.Max(max, 0m));

    /// <summary>A number as a secretary reads it: no trailing zeros, e.g. <c>2</c>, <c>1.5</c>, <c>6.67</c>.</summary>
    public static string N(decimal value) => Round(value).ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>The dated events a rule counts, and how they are written in explanations.</summary>
internal static class EventText
{
    /// <summary>Events of <paramref name="eventType"/> (ordinal) dated in the evidence's quarter, by date then description.</summary>
    public static IReadOnlyList<EvidenceEvent> InQuarter(BranchEvidence evidence, string eventType) =>
        (evidence.Events ?? [])
            .Where(e => e is not null
                && string.Equals(e.EventType, eventType, StringComparison.Ordinal)
                && evidence.Quarter.Contains(e.Date))
            .OrderBy(e => e.Date)
            .ThenBy(e => e.Description ?? string.Empty, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The events grouped by description, e.g. <c>8月3日、9月1日党费未按时交纳；8月20日被投诉</c>; an event without a
    /// description reads <paramref name="fallback"/>. A date with several events reads <c>8月3日（2次）</c>.
    /// </summary>
    public static string Describe(IEnumerable<EvidenceEvent> events, string fallback)
    {
        var groups = events
            .GroupBy(e => string.IsNullOrWhiteSpace(e.Description) ? fallback : e.Description.Trim(), StringComparer.Ordinal)
            .OrderBy(g => g.Min(e => e.Date))
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var dates = g.GroupBy(e => e.Date)
                    .OrderBy(d => d.Key)
                    .Select(d => MeetingText.Date(d.Key) + (d.Count() > 1 ? $"（{d.Count()}次）" : string.Empty));
                return MeetingText.Join(dates) + g.Key;
            });
        return string.Join("；", groups);
    }
}
