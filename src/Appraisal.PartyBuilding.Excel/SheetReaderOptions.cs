namespace Appraisal.PartyBuilding.Excel;

/// <summary>Limits the <see cref="SheetReader"/> applies before and while it reads a file.</summary>
public sealed record SheetReaderOptions
{
    /// <summary>The default options: 5 MB, 10,000 data rows, 50 MB uncompressed, ratio 100, 1,000 zip entries.</summary>
    public static SheetReaderOptions Default { get; } = new();

    /// <summary>Largest accepted file, in bytes. Default 5 MB (5 × 1024 × 1024).</summary>
    public long MaxFileBytes { get; init; } = 5L * 1024 * 1024;

    /// <summary>Most data rows (non-empty rows below the header). Default 10,000.</summary>
    public int MaxDataRows { get; init; } = 10_000;

    /// <summary>Zip bomb guard: largest sum of the entries' uncompressed sizes, in bytes. Default 50 MB.</summary>
    public long MaxUncompressedBytes { get; init; } = 50L * 1024 * 1024;

    /// <summary>
    /// Zip bomb guard: highest compression ratio (uncompressed ÷ compressed) of an entry, or of the whole archive,
    /// once the entry (or the archive) is larger than <see cref="RatioCheckThresholdBytes"/>. Default 100.
    /// </summary>
    public double MaxCompressionRatio { get; init; } = 100;

    /// <summary>Entries (and archives) smaller than this, uncompressed, are not ratio-checked. Default 1 MB.</summary>
    public long RatioCheckThresholdBytes { get; init; } = 1024 * 1024;

    /// <summary>Zip bomb guard: most entries in the package. Default 1,000.</summary>
    public int MaxZipEntries { get; init; } = 1_000;
}
