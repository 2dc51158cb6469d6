using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Core.Meetings;

/// <summary>
/// Whether one meeting record counts, and why not. Scoring and the completeness calendar both go through here,
/// so the two can never disagree.
/// </summary>
/// <param name="Record">The record checked.</param>
/// <param name="IsValid">Whether the record counts.</param>
/// <param name="Reason">
/// When invalid: the reason in Chinese, phrased to follow the date and short type name,
/// e.g. <c>实到2人，未超过支委人数5人的半数</c>, <c>已退回</c>; <c>null</c> when valid.
/// </param>
public sealed record MeetingCheck(MeetingRecordFact Record, bool IsValid, string? Reason)
{
    /// <summary>The record as a secretary reads it, e.g. <c>7月12日支委会</c>.</summary>
    public string Label => MeetingText.Date(Record.Date) + Record.Type.ShortName();

    /// <summary>
    /// When invalid, the whole sentence, e.g. <c>7月12日支委会实到2人，未超过支委人数5人的半数</c>; <c>null</c> when valid.
    /// </summary>
    public string? Message => IsValid ? null : Label + Reason;

    /// <summary>When invalid, the form used in score explanations, e.g. <c>7月12日支委会不计：已退回</c>.</summary>
    public string? NotCountedText => IsValid ? null : Label + "不计：" + Reason;
}

/// <summary>
/// The one place that decides whether a meeting record counts (SPEC, "Records (evidence)"):
/// a returned record never counts; 支部党员大会, 组织生活会 and 民主评议党员 need more than half of the expected
/// attendance; 支部委员会 needs more than half of the branch's committee (and a committee); 党小组会 must name one
/// of the branch's groups (compared trimmed, ordinal); 党课 and 主题党日 need someone present.
/// </summary>
public static class MeetingValidity
{
    /// <summary>Checks one record against the branch it belongs to.</summary>
    public static MeetingCheck Check(MeetingRecordFact record, BranchProfile branch)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(branch);

        var reason = ReasonInvalid(record, branch);
        return new MeetingCheck(record, reason is null, reason);
    }

    /// <summary>Whether the record counts.</summary>
    public static bool IsValid(MeetingRecordFact record, BranchProfile branch) => Check(record, branch).IsValid;

    /// <summary>
    /// The branch's party group that <paramref name="groupName"/> names (trimmed, ordinal), as the branch spells it
    /// trimmed; <c>null</c> when it names none.
    /// </summary>
    public static string? MatchGroup(string? groupName, BranchProfile branch)
    {
        ArgumentNullException.ThrowIfNull(branch);
        var wanted = groupName?.Trim();
        if (string.IsNullOrEmpty(wanted))
        {
            return null;
        }

        foreach (var group in Groups(branch))
        {
            if (string.Equals(group, wanted, StringComparison.Ordinal))
            {
                return group;
            }
        }

        return null;
    }

    /// <summary>The branch's party groups: trimmed, blanks dropped, duplicates once, in number order (<see cref="Organizations.PartyGroupOrder"/>).</summary>
    public static IReadOnlyList<string> Groups(BranchProfile branch)
    {
        ArgumentNullException.ThrowIfNull(branch);
        var result = new List<string>();
        foreach (var raw in branch.Groups ?? [])
        {
            var name = raw?.Trim();
            if (!string.IsNullOrEmpty(name) && !result.Contains(name, StringComparer.Ordinal))
            {
                result.Add(name);
            }
        }

        result.Sort(Organizations.PartyGroupOrder.Instance);
        return result;
    }

    /// <summary>Whether the branch has a committee (支委人数 &gt; 0).</summary>
    public static bool HasCommittee(BranchProfile branch) => branch.CommitteeSize > 0;

    private static string? ReasonInvalid(MeetingRecordFact record, BranchProfile branch)
    {
        if (record.Returned)
        {
            return "已退回";
        }

        switch (record.Type)
        {
            case MeetingType.Assembly:
            case MeetingType.LifeMeeting:
            case MeetingType.Review:
                return (long)record.Present * 2 > record.Expected
                    ? null
                    : $"实到{record.Present}人，未超过应到{record.Expected}人的半数";

            case MeetingType.Committee:
                if (!HasCommittee(branch))
                {
                    return "所在支部未设支部委员会";
                }

                return (long)record.Present * 2 > branch.CommitteeSize
                    ? null
                    : $"实到{record.Present}人，未超过支委人数{branch.CommitteeSize}人的半数";

            case MeetingType.Group:
                var named = record.Group?.Trim();
                if (string.IsNullOrEmpty(named))
                {
                    return "未注明所属党小组";
                }

                return MatchGroup(named, branch) is null ? $"所属党小组“{named}”不存在" : null;

            case MeetingType.Lecture:
            case MeetingType.ThemeDay:
                return record.Present >= 1 ? null : $"实到{record.Present}人";

            default:
                throw new ArgumentOutOfRangeException(nameof(record), record.Type, "未知的会议类型");
        }
    }
}

/// <summary>How dates and periods are written in explanations.</summary>
internal static class MeetingText
{
    public static string Date(DateOnly date) => $"{date.Month}月{date.Day}日";

    public static string Month(int month) => $"{month}月";

    public static string Join(IEnumerable<string> parts) => string.Join("、", parts);
}
