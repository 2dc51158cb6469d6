using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Imports;

namespace Appraisal.PartyBuilding.Excel.Packs;

/// <summary>The outcome of <see cref="PackWorkbook.Read"/>: the pack, or every error found.</summary>
/// <param name="Errors">
/// Every error, file-level ones first, then sheet by sheet (指标包, 类别, 指标, 等级) by row and column; each message names
/// its sheet. Empty when the workbook is a valid pack.
/// </param>
/// <param name="Pack">The pack; <c>null</c> when there is any error.</param>
public sealed record PackWorkbookResult(IReadOnlyList<ImportError> Errors, WorkbookPack? Pack)
{
    /// <summary>True when the workbook is a valid pack.</summary>
    public bool Succeeded => Pack is not null;
}

/// <summary>
/// Indicator packs authored in Excel, without code: the template, the reader that checks every cell and turns a
/// workbook into an <see cref="IIndicatorPack"/>, and the writer that puts a pack's manifest into the same layout
/// (<see cref="PackWorkbookLayout"/>).
/// </summary>
public static class PackWorkbook
{
    /// <summary>The file name of a workbook pack in its pack folder.</summary>
    public const string FileName = "pack.xlsx";

    /// <summary>
    /// The empty template (.xlsx bytes): the 指标包, 类别, 指标 and 等级 sheets with their headers and drop-downs,
    /// and the 说明 sheet explaining every column in Chinese.
    /// </summary>
    public static byte[] Template() => PackWorkbookWriter.Write(null);

    /// <summary>
    /// Writes <paramref name="manifest"/> into the template, e.g. to start a new workbook pack from an installed one.
    /// A dimension equal to the standard 三会一课 section is written as one <see cref="PackWorkbookLayout.StandardSection"/> row.
    /// </summary>
    /// <exception cref="NotSupportedException">An indicator is scored by code (<see cref="CodeRule"/>), which a workbook cannot express.</exception>
    public static byte[] Write(PackManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return PackWorkbookWriter.Write(manifest);
    }

    /// <summary>
    /// Reads and checks a pack workbook: the file checks of <see cref="SheetReader"/> (size, real .xlsx, zip bomb,
    /// formulas refused), every sheet's header and cells, points that add up (indicators → 维度满分 → 满分合计), rule
    /// parameters well-formed for their kind, unique codes, a SemVer version and category codes prefixed by the pack id.
    /// </summary>
    /// <param name="stream">The workbook; read to its end, not disposed.</param>
    /// <param name="options">File limits; <see cref="SheetReaderOptions.Default"/> when null.</param>
    public static PackWorkbookResult Read(Stream stream, SheetReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new PackWorkbookReader().Read(stream, options);
    }
}
