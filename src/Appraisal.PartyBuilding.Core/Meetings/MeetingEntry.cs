using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Periods;

namespace Appraisal.PartyBuilding.Core.Meetings;

/// <summary>What a secretary enters for one meeting, before it is stored (form, API or one import row).</summary>
public sealed record MeetingEntry(
    MeetingType Type,
    DateOnly Date,
    int Expected,
    int Present,
    string Topic,
    string? Group,
    string? Minutes = null)
{
    /// <summary>The group trimmed, or null when blank.</summary>
    public string? GroupName => string.IsNullOrWhiteSpace(Group) ? null : Group.Trim();

    /// <summary>The quarter the meeting belongs to.</summary>
    public AssessmentQuarter Quarter => AssessmentQuarter.Of(Date);
}

/// <summary>The fields of a meeting entry, in the order of the import columns (A … G), then the minutes.</summary>
public enum MeetingField
{
    Branch,
    Type,
    Date,
    Expected,
    Present,
    Topic,
    Group,
    Minutes,
}

/// <summary>One problem with one field of an entry, in Chinese.</summary>
public sealed record MeetingFieldError(MeetingField Field, string Message);

/// <summary>
/// The checks every new or corrected meeting record passes, whichever way it comes in (phone form, API, Excel row).
/// They decide what may be stored, not whether it counts: a meeting that missed its quorum is stored and shown as
/// 不计 by <see cref="MeetingValidity"/>.
/// </summary>
public static class MeetingEntryRules
{
    public const int MaxTopicLength = 200;
    public const int MaxGroupLength = 50;
    public const int MaxMinutesLength = 20_000;
    public const int MaxAttendance = 100_000;

    /// <summary>The earliest meeting date accepted (the first year a period can have).</summary>
    public static readonly DateOnly EarliestDate = new(Period.FirstYear, 1, 1);

    /// <summary>Checks an entry for a branch with the given party groups; <paramref name="today"/> is China time.</summary>
    public static IReadOnlyList<MeetingFieldError> Check(MeetingEntry entry, IReadOnlyList<string> branchGroups, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(branchGroups);
        var errors = new List<MeetingFieldError>();
        void Add(MeetingField field, string message) => errors.Add(new MeetingFieldError(field, message));

        if (entry.Date > today)
        {
            Add(MeetingField.Date, $"会议日期{Text(entry.Date)}晚于今天（{Text(today)}），不能录入未召开的会议");
        }
        else if (entry.Date < EarliestDate)
        {
            Add(MeetingField.Date, $"会议日期不能早于{Text(EarliestDate)}");
        }

        if (entry.Expected < 0)
        {
            Add(MeetingField.Expected, "“应到人数”不能为负数");
        }
        else if (entry.Expected == 0)
        {
            Add(MeetingField.Expected, "“应到人数”应至少为1");
        }
        else if (entry.Expected > MaxAttendance)
        {
            Add(MeetingField.Expected, "“应到人数”数值过大");
        }

        if (entry.Present < 0)
        {
            Add(MeetingField.Present, "“实到人数”不能为负数");
        }
        else if (entry.Expected >= 0 && entry.Present > entry.Expected)
        {
            Add(MeetingField.Present, $"“实到人数”（{entry.Present}）不能大于“应到人数”（{entry.Expected}）");
        }

        var topic = entry.Topic?.Trim() ?? string.Empty;
        if (topic.Length == 0)
        {
            Add(MeetingField.Topic, "“主题”不能为空");
        }
        else if (topic.Length > MaxTopicLength)
        {
            Add(MeetingField.Topic, $"“主题”不能超过{MaxTopicLength}个字");
        }

        var group = entry.GroupName;
        if (entry.Type == MeetingType.Group)
        {
            var groups = branchGroups.Select(g => g.Trim()).Where(g => g.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            if (groups.Count == 0)
            {
                Add(MeetingField.Group, "本支部未设党小组，不能录入党小组会");
            }
            else if (group is null)
            {
                Add(MeetingField.Group, $"党小组会须填写“党小组”（本支部的党小组：{string.Join("、", groups)}）");
            }
            else if (!groups.Contains(group, StringComparer.Ordinal))
            {
                Add(MeetingField.Group, $"“{group}”不是本支部的党小组（本支部的党小组：{string.Join("、", groups)}）");
            }
        }
        else if (group is not null)
        {
            Add(MeetingField.Group, $"只有党小组会填写“党小组”，{entry.Type.DisplayName()}应留空");
        }

        if (entry.Minutes is { Length: > MaxMinutesLength })
        {
            Add(MeetingField.Minutes, $"会议记录不能超过{MaxMinutesLength}个字");
        }

        return errors;
    }

    /// <summary>
    /// Why records of <paramref name="quarter"/> are no longer accepted, or null when they are: a quarter accepts
    /// records while its period is open, or before a period has been opened for it.
    /// </summary>
    public static string? QuarterClosed(AssessmentQuarter quarter, PeriodState? state) =>
        state is null or PeriodState.Open
            ? null
            : $"{quarter}的考核期处于“{state.Value.DisplayName()}”阶段，不再接收或修改该季度的会议记录";

    /// <summary>Why a record of <paramref name="quarter"/> can no longer be reviewed, or null: review runs until results are published.</summary>
    public static string? ReviewClosed(AssessmentQuarter quarter, PeriodState? state) =>
        state is null or PeriodState.Open or PeriodState.Scoring
            ? null
            : $"{quarter}的考核期处于“{state.Value.DisplayName()}”阶段，该季度的会议记录不能再审核";

    /// <summary>A date as secretaries write it, e.g. 2026年7月3日.</summary>
    public static string Text(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    /// <summary>The identity of a meeting: the same meeting twice is a duplicate.</summary>
    public static (MeetingType Type, DateOnly Date, string? Group) Key(MeetingEntry entry) => (entry.Type, entry.Date, entry.GroupName);

    /// <summary>Whether a stored record holds exactly what an entry says (the re-import of a row already stored).</summary>
    public static bool SameAs(MeetingRecord record, MeetingEntry entry) =>
        record.Type == entry.Type
        && record.Date == entry.Date
        && record.Expected == entry.Expected
        && record.Present == entry.Present
        && string.Equals(record.Topic.Trim(), entry.Topic.Trim(), StringComparison.Ordinal)
        && string.Equals(string.IsNullOrWhiteSpace(record.GroupName) ? null : record.GroupName.Trim(), entry.GroupName, StringComparison.Ordinal);
}
