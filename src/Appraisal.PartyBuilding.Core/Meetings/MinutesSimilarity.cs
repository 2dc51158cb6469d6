using System.Globalization;

namespace Appraisal.PartyBuilding.Core.Meetings;

/// <summary>
/// How alike two meetings' minutes are (the 痕迹主义 check: minutes copied from another meeting).
/// </summary>
/// <remarks>
/// <para>
/// The text is normalised first — only letters and digits are kept (Chinese characters included), Latin letters
/// lower-cased — so that re-spacing, re-punctuating or re-wrapping a copy changes nothing. The normalised text is cut
/// into overlapping <see cref="ShingleLength"/>-character shingles, and the measure is the Jaccard index of the two
/// shingle sets: shared shingles ÷ all distinct shingles, 0 to 1.
/// </para>
/// <para>
/// Minutes are flagged at <see cref="Threshold"/> or above, and only when both normalised texts have at least
/// <see cref="MinimumLength"/> characters, so that short boilerplate (“会议由支部书记主持，学习…”) is never flagged.
/// </para>
/// <para>
/// To avoid comparing a new record with every record ever stored, each comparable text also gets a MinHash signature
/// of <see cref="Bands"/> × <see cref="RowsPerBand"/> values; a band's hash is stored in an indexed table, and only
/// records sharing at least one band hash are compared exactly (locality-sensitive hashing). With 20 bands of 3, a
/// pair at Jaccard 0.6 becomes a candidate with probability 1 − (1 − 0.6³)²⁰ ≈ 0.99, at 0.8 ≈ 1.
/// </para>
/// </remarks>
public static class MinutesSimilarity
{
    /// <summary>Characters per shingle.</summary>
    public const int ShingleLength = 3;

    /// <summary>Fewest normalised characters a text needs to be compared at all.</summary>
    public const int MinimumLength = 60;

    /// <summary>Jaccard index of the shingle sets from which two minutes count as copied.</summary>
    public const double Threshold = 0.6;

    /// <summary>MinHash bands stored per text.</summary>
    public const int Bands = 20;

    /// <summary>MinHash values per band.</summary>
    public const int RowsPerBand = 3;

    /// <summary>Letters and digits only, Latin letters lower-cased.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var kept = new System.Text.StringBuilder(text.Length);
        foreach (var ch in text)
        {
            var category = char.GetUnicodeCategory(ch);
            if (char.IsLetterOrDigit(ch) || category is UnicodeCategory.Surrogate or UnicodeCategory.LetterNumber)
            {
                kept.Append(char.ToLowerInvariant(ch));
            }
        }

        return kept.ToString();
    }

    /// <summary>Whether a normalised text is long enough to be compared.</summary>
    public static bool IsComparable(string normalized) => normalized.Length >= MinimumLength;

    /// <summary>
    /// The hashed shingles of a normalised text; a text shorter than a shingle is one shingle; an empty text has none.
    /// </summary>
    public static HashSet<ulong> Shingles(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        var set = new HashSet<ulong>();
        if (normalized.Length == 0)
        {
            return set;
        }

        if (normalized.Length < ShingleLength)
        {
            set.Add(Hash(normalized.AsSpan()));
            return set;
        }

        for (var i = 0; i + ShingleLength <= normalized.Length; i++)
        {
            set.Add(Hash(normalized.AsSpan(i, ShingleLength)));
        }

        return set;
    }

    /// <summary>|A ∩ B| ÷ |A ∪ B|; 0 when both are empty.</summary>
    public static double Jaccard(IReadOnlySet<ulong> a, IReadOnlySet<ulong> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count == 0 && b.Count == 0)
        {
            return 0;
        }

        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var shared = small.Count(large.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }

    /// <summary>The Jaccard index of two raw texts' shingles (normalised first).</summary>
    public static double Similarity(string? a, string? b) => Jaccard(Shingles(Normalize(a)), Shingles(Normalize(b)));

    /// <summary>Whether two raw texts count as copied: both comparable and at or above <see cref="Threshold"/>.</summary>
    public static bool IsCopy(string? a, string? b)
    {
        var x = Normalize(a);
        var y = Normalize(b);
        return IsComparable(x) && IsComparable(y) && Jaccard(Shingles(x), Shingles(y)) >= Threshold;
    }

    /// <summary>The MinHash signature (<see cref="Bands"/> × <see cref="RowsPerBand"/> values) of a non-empty shingle set.</summary>
    public static ulong[] Signature(IReadOnlySet<ulong> shingles)
    {
        ArgumentNullException.ThrowIfNull(shingles);
        if (shingles.Count == 0)
        {
            throw new ArgumentException("An empty text has no signature.", nameof(shingles));
        }

        var signature = new ulong[Bands * RowsPerBand];
        Array.Fill(signature, ulong.MaxValue);
        foreach (var shingle in shingles)
        {
            for (var i = 0; i < signature.Length; i++)
            {
                var value = Mix(shingle ^ Seeds[i]);
                if (value < signature[i])
                {
                    signature[i] = value;
                }
            }
        }

        return signature;
    }

    /// <summary>One hash per band of a signature; two texts sharing any band hash are compared exactly.</summary>
    public static long[] BandHashes(ulong[] signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        if (signature.Length != Bands * RowsPerBand)
        {
            throw new ArgumentException($"A signature has {Bands * RowsPerBand} values.", nameof(signature));
        }

        var bands = new long[Bands];
        for (var band = 0; band < Bands; band++)
        {
            var hash = 0x9E3779B97F4A7C15UL * (ulong)(band + 1);
            for (var row = 0; row < RowsPerBand; row++)
            {
                hash = Mix(hash ^ signature[band * RowsPerBand + row]);
            }

            bands[band] = unchecked((long)hash);
        }

        return bands;
    }

    /// <summary>The band hashes of a raw text, or empty when it is too short to compare.</summary>
    public static long[] BandHashes(string? text)
    {
        var normalized = Normalize(text);
        return IsComparable(normalized) ? BandHashes(Signature(Shingles(normalized))) : [];
    }

    private static readonly ulong[] Seeds = Enumerable.Range(1, Bands * RowsPerBand).Select(i => Mix(0xD1B54A32D192ED03UL * (ulong)i)).ToArray();

    /// <summary>FNV-1a over the UTF-16 code units: stable across runs and machines (string.GetHashCode is not).</summary>
    private static ulong Hash(ReadOnlySpan<char> text)
    {
        var hash = 14695981039346656037UL;
        foreach (var ch in text)
        {
            hash = (hash ^ (byte)ch) * 1099511628211UL;
            hash = (hash ^ (byte)(ch >> 8)) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>SplitMix64's finaliser.</summary>
    private static ulong Mix(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}

/// <summary>One stored MinHash band of a record's minutes (see <see cref="MinutesSimilarity"/>).</summary>
public sealed class MinutesBand
{
    public long MeetingRecordId { get; set; }

    public int Band { get; set; }

    public long Hash { get; set; }
}

/// <summary>A record whose minutes nearly duplicate an earlier record's (痕迹主义), shown to reviewers.</summary>
public sealed class MinutesMatch
{
    public long Id { get; set; }

    /// <summary>The record found to be a copy (the later one).</summary>
    public long MeetingRecordId { get; set; }

    /// <summary>The record it resembles.</summary>
    public long OtherRecordId { get; set; }

    /// <summary>Jaccard index of the shingles, 0 to 1, 4 decimals.</summary>
    public decimal Similarity { get; set; }

    public DateTimeOffset FoundAt { get; set; }
}
