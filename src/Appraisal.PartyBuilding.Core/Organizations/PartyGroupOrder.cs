namespace Appraisal.PartyBuilding.Core.Organizations;

/// <summary>
/// The order in which 党小组 are listed: by the number in their name, written in Chinese (第一、第二、……第十二) or in
/// digits (第3党小组), so that 第二 comes before 第三 and 第十 after 第九; names without a number come after, by text.
/// Plain text order would give 第一、第三、第二.
/// </summary>
public sealed class PartyGroupOrder : IComparer<string>
{
    public static readonly PartyGroupOrder Instance = new();

    private const string Digits = "零一二三四五六七八九";

    public static IEnumerable<string> Sort(IEnumerable<string> names) => names.Order(Instance);

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var (xPrefix, xNumber) = Key(x);
        var (yPrefix, yNumber) = Key(y);
        if (xNumber is null || yNumber is null)
        {
            // Numbered groups first, then the rest by text.
            return xNumber is null && yNumber is null ? string.CompareOrdinal(x, y) : xNumber is null ? 1 : -1;
        }

        var byPrefix = string.CompareOrdinal(xPrefix, yPrefix);
        if (byPrefix != 0)
        {
            return byPrefix;
        }

        var byNumber = xNumber.Value.CompareTo(yNumber.Value);
        return byNumber != 0 ? byNumber : string.CompareOrdinal(x, y);
    }

    /// <summary>The text before the first number and the number's value (null when the name has none).</summary>
    public static (string Prefix, long? Number) Key(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var start = name.AsSpan().IndexOfAny(NumberCharacters);
        if (start < 0)
        {
            return (name, null);
        }

        var end = start;
        while (end < name.Length && NumberCharacters.Contains(name[end]))
        {
            end++;
        }

        return (name[..start], Value(name[start..end]));
    }

    private const string NumberCharacters = "0123456789０１２３４５６７８９零〇一二两三四五六七八九十百千";

    /// <summary>The value of digits (ASCII or full-width) or of a Chinese numeral up to 9999 (十二 = 12, 二十 = 20, 一百零五 = 105).</summary>
    public static long? Value(string text)
    {
        if (text.All(c => c is >= '0' and <= '9' || c is >= '０' and <= '９'))
        {
            var digits = new string(text.Select(c => c >= '０' ? (char)('0' + (c - '０')) : c).ToArray());
            return digits.Length <= 18 ? long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) : null;
        }

        long total = 0;
        long current = 0;
        foreach (var c in text)
        {
            var digit = c switch { '〇' => 0, '两' => 2, _ => Digits.IndexOf(c) };
            if (digit >= 0)
            {
                current = current * 10 + digit;
                continue;
            }

            var unit = c switch { '十' => 10, '百' => 100, '千' => 1000, _ => 0 };
            if (unit == 0)
            {
                // Digits mixed with Chinese numerals: no reliable value.
                return null;
            }

            total += (current == 0 ? 1 : current) * unit;
            current = 0;
        }

        return total + current;
    }
}
