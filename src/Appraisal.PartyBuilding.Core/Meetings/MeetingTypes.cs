using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Core.Meetings;

/// <summary>Codes and Chinese names of the meeting types, as SPEC's Records table lists them.</summary>
public static class MeetingTypes
{
    private static readonly (MeetingType Type, string Code, string Name, string Traditional)[] All =
    [
        (MeetingType.Assembly, "assembly", "支部党员大会", "支部黨員大會"),
        (MeetingType.Committee, "committee", "支部委员会", "支部委員會"),
        (MeetingType.Group, "group", "党小组会", "黨小組會"),
        (MeetingType.Lecture, "lecture", "党课", "黨課"),
        (MeetingType.ThemeDay, "theme-day", "主题党日", "主題黨日"),
        (MeetingType.LifeMeeting, "life-meeting", "组织生活会", "組織生活會"),
        (MeetingType.Review, "review", "民主评议党员", "民主評議黨員"),
    ];

    public static IEnumerable<MeetingType> Each => All.Select(t => t.Type);

    public static string Code(this MeetingType type) => All.Single(t => t.Type == type).Code;

    public static string DisplayName(this MeetingType type) => All.Single(t => t.Type == type).Name;

    /// <summary>The short name used in explanations, e.g. 支委会 for 支部委员会.</summary>
    public static string ShortName(this MeetingType type) => type switch
    {
        MeetingType.Assembly => "党员大会",
        MeetingType.Committee => "支委会",
        MeetingType.Group => "党小组会",
        MeetingType.Lecture => "党课",
        MeetingType.ThemeDay => "主题党日",
        MeetingType.LifeMeeting => "组织生活会",
        MeetingType.Review => "民主评议党员",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Parses a Simplified or Traditional name or a code, ignoring surrounding spaces.</summary>
    public static MeetingType? Parse(string? text)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        foreach (var t in All)
        {
            if (trimmed == t.Name || trimmed == t.Traditional || string.Equals(trimmed, t.Code, StringComparison.OrdinalIgnoreCase))
            {
                return t.Type;
            }
        }

        return null;
    }
}
