using System.Text.RegularExpressions;

namespace Appraisal.PartyBuilding.Plugins;

/// <summary>
/// A SemVer 2.0 version (semver.org), ordered by its precedence rules so that the newest of a pack's versions can
/// be told apart from older ones: 1.0.0-alpha &lt; 1.0.0-alpha.1 &lt; 1.0.0-beta &lt; 1.0.0 &lt; 1.0.1 &lt; 1.10.0.
/// </summary>
public sealed partial class SemanticVersion : IComparable<SemanticVersion>
{
    private readonly string[] numbers;
    private readonly string[] preRelease;

    private SemanticVersion(string text, string[] numbers, string[] preRelease)
    {
        Text = text;
        this.numbers = numbers;
        this.preRelease = preRelease;
    }

    /// <summary>The version as written, build metadata included.</summary>
    public string Text { get; }

    /// <summary>Whether <paramref name="text"/> is a SemVer 2.0 version.</summary>
    public static bool IsValid(string? text) => TryParse(text, out _);

    /// <summary>Parses a SemVer 2.0 version; ASCII digits only, no surrounding space, no leading <c>v</c>.</summary>
    public static bool TryParse(string? text, out SemanticVersion version)
    {
        version = null!;
        if (text is null)
        {
            return false;
        }

        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var pre = match.Groups[4].Success ? match.Groups[4].Value.Split('.') : [];
        version = new SemanticVersion(text, [match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value], pre);
        return true;
    }

    /// <summary>Parses a version the caller already validated.</summary>
    /// <exception cref="FormatException">The text is not a SemVer 2.0 version.</exception>
    public static SemanticVersion Parse(string text) =>
        TryParse(text, out var version) ? version : throw new FormatException($"“{text}”不是有效的语义化版本。");

    /// <summary>
    /// Precedence order. Versions that differ only in build metadata have the same precedence; they are then ordered
    /// by their text so that the order is total and the same on every start.
    /// </summary>
    public int CompareTo(SemanticVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        for (var i = 0; i < 3; i++)
        {
            var byNumber = CompareNumeric(numbers[i], other.numbers[i]);
            if (byNumber != 0)
            {
                return byNumber;
            }
        }

        var byPreRelease = ComparePreRelease(preRelease, other.preRelease);
        return byPreRelease != 0 ? byPreRelease : string.CompareOrdinal(Text, other.Text);
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private static int ComparePreRelease(string[] left, string[] right)
    {
        // A release is newer than any of its pre-releases.
        if (left.Length == 0 || right.Length == 0)
        {
            return right.Length.CompareTo(left.Length);
        }

        for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
        {
            var leftNumeric = left[i].All(char.IsAsciiDigit);
            var rightNumeric = right[i].All(char.IsAsciiDigit);
            var compared = (leftNumeric, rightNumeric) switch
            {
                (true, true) => CompareNumeric(left[i], right[i]),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(left[i], right[i]),
            };
            if (compared != 0)
            {
                return compared;
            }
        }

        return left.Length.CompareTo(right.Length);
    }

    // Numeric identifiers have no leading zeros (the pattern refuses them), so the longer is the larger and equal
    // lengths compare digit by digit: no overflow on a 30-digit version.
    private static int CompareNumeric(string left, string right) =>
        left.Length != right.Length ? left.Length.CompareTo(right.Length) : string.CompareOrdinal(left, right);

    // The regular expression of semver.org, with [0-9] for \d so that non-ASCII digits are refused and \z for $
    // so that a trailing line break is too.
    [GeneratedRegex(
        @"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)"
        + @"(?:-((?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
        + @"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
