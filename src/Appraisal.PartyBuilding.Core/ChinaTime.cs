namespace Appraisal.PartyBuilding.Core;

/// <summary>
/// Business dates are China calendar dates (UTC+8, no daylight saving): a meeting on the 1st, a quarter ending on
/// 30 September and a window closing at midnight all mean Beijing time, whatever the server's zone.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The China calendar date of an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>Midnight at the start of <paramref name="date"/>, China time.</summary>
    public static DateTimeOffset StartOf(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), Offset);

    /// <summary>An instant as China local time, e.g. for messages: <c>2026-10-18 00:00</c>.</summary>
    public static string Format(DateTimeOffset instant) =>
        instant.ToOffset(Offset).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
