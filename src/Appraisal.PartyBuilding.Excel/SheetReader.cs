using System.Globalization;
using System.IO.Compression;
using System.Text;
using Appraisal.PartyBuilding.Core.Imports;
using OfficeOpenXml;

namespace Appraisal.PartyBuilding.Excel;

/// <summary>
/// Reads the first sheet of an uploaded .xlsx as text, checking the file before anything parses it.
/// Reused by every import (organizations, records, …). It never throws for bad input: every problem is an
/// <see cref="ImportError"/>.
/// </summary>
/// <remarks>
/// <para>Checks, in this order, each stopping the read:</para>
/// <list type="number">
/// <item>empty file; larger than <see cref="SheetReaderOptions.MaxFileBytes"/>;</item>
/// <item>not an .xlsx by content: no zip signature (<c>PK\x03\x04</c>), a zip that cannot be opened, or a zip that is
/// not a spreadsheet OOXML package (<c>[Content_Types].xml</c> must declare the workbook part);</item>
/// <item>zip bomb, before EPPlus sees the file: too many entries, declared uncompressed sizes summing to more than
/// <see cref="SheetReaderOptions.MaxUncompressedBytes"/>, a compression ratio above
/// <see cref="SheetReaderOptions.MaxCompressionRatio"/>, or an entry that inflates to more than it declares
/// (every entry is inflated into a counting sink, bounded by the limits);</item>
/// <item>corrupt (EPPlus fails to open it); no worksheet;</item>
/// <item>header row (row 1) not exactly the expected columns (cells trimmed);</item>
/// <item>no data rows; more than <see cref="SheetReaderOptions.MaxDataRows"/> data rows.</item>
/// </list>
/// <para>
/// Error positions: errors about the file as a whole use row 0 and column <c>""</c>; header errors use row 1 and
/// the letter of the wrong header cell (column <c>""</c> when the whole header is missing); cell errors use the
/// cell's row and column letter.
/// </para>
/// <para>
/// Cell text: the stored value, never a formula's result. Strings are trimmed; numbers are formatted with the
/// invariant culture and no exponent (<c>12</c>, <c>0.5</c>); a number in a date-formatted cell becomes
/// <c>yyyy-MM-dd</c>; booleans become <c>TRUE</c> / <c>FALSE</c>. A cell holding a formula, or an error value such
/// as <c>#N/A</c>, is reported and read as empty. Fully empty rows are skipped; cells right of the expected
/// columns are ignored.
/// </para>
/// </remarks>
public static partial class SheetReader
{
    /// <summary>The message for a cell that holds a formula.</summary>
    public const string FormulaMessage = "单元格含公式，请填写数值或文本";

    private const string SpreadsheetMainContentType =
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";

    /// <summary>Reads and checks the first sheet of <paramref name="stream"/>.</summary>
    /// <param name="stream">The uploaded file; read to its end, not disposed.</param>
    /// <param name="expectedHeaders">The exact header texts of columns A, B, … in row 1.</param>
    /// <param name="options">Limits; <see cref="SheetReaderOptions.Default"/> when null.</param>
    public static SheetReadResult Read(Stream stream, IReadOnlyList<string> expectedHeaders, SheetReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(expectedHeaders);
        if (expectedHeaders.Count == 0)
        {
            throw new ArgumentException("At least one header column is required.", nameof(expectedHeaders));
        }

        options ??= SheetReaderOptions.Default;

        var (bytes, fileError) = ReadBounded(stream, options.MaxFileBytes);
        if (fileError is not null)
        {
            return Fail(fileError);
        }

        var packageError = CheckPackage(bytes!, options, out var scan, scanFirstSheet: true);
        if (packageError is not null)
        {
            return Fail(packageError);
        }

        try
        {
            using var memory = new MemoryStream(bytes!, writable: false);
            using var package = new ExcelPackage(memory);
            var sheet = package.Workbook.Worksheets.FirstOrDefault();
            if (sheet is null)
            {
                return Fail("文件中没有工作表");
            }

            return ReadSheet(sheet, expectedHeaders, options, scan);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return Fail("文件已损坏，无法读取，请用Excel重新保存为.xlsx后再上传");
        }
    }

    private static SheetReadResult Fail(string message) => new([new ImportError(0, string.Empty, message)], []);

    private static (byte[]? Bytes, string? Error) ReadBounded(Stream stream, long maxBytes)
    {
        if (stream.CanSeek && stream.Length - stream.Position > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                return (null, TooLarge(maxBytes));
            }
        }

        return buffer.Length == 0 ? (null, "文件为空") : (buffer.ToArray(), null);
    }

    private static string TooLarge(long maxBytes) => $"文件大小超过{FormatSize(maxBytes)}上限";

    /// <summary>Formats a byte count as MB, KB or bytes, e.g. <c>5 MB</c>.</summary>
    internal static string FormatSize(long bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => $"{bytes / (1024 * 1024)} MB",
        >= 1024 * 1024 => $"{(bytes / (1024d * 1024)).ToString("0.#", CultureInfo.InvariantCulture)} MB",
        >= 1024 when bytes % 1024 == 0 => $"{bytes / 1024} KB",
        _ => $"{bytes} 字节",
    };

    /// <summary>
    /// The checks of the file as a package (not an .xlsx, zip bomb) and, when <paramref name="scanFirstSheet"/>,
    /// the row limit of the first sheet, counted while the zip-bomb pass inflates that sheet: the file is inflated
    /// once here and once by EPPlus (issue 11: it used to be three times). <paramref name="scan"/> is what the pass
    /// over the first sheet found (<see cref="SheetScan.Unknown"/> when it did not run).
    /// </summary>
    private static string? CheckPackage(byte[] bytes, SheetReaderOptions options, out SheetScan scan, bool scanFirstSheet = false)
    {
        scan = SheetScan.Unknown;
        const string notXlsx = "文件不是Excel（.xlsx）文件，请上传用模板填写的.xlsx文件";
        if (bytes.Length >= 8 && bytes[0] == 0xD0 && bytes[1] == 0xCF && bytes[2] == 0x11 && bytes[3] == 0xE0)
        {
            return "文件是旧版Excel（.xls）或加密文件，请另存为不加密的.xlsx后再上传";
        }

        if (bytes.Length < 4 || bytes[0] != (byte)'P' || bytes[1] != (byte)'K' || bytes[2] != 3 || bytes[3] != 4)
        {
            return notXlsx;
        }

        const string corrupt = "文件已损坏，无法读取，请用Excel重新保存为.xlsx后再上传";
        const string bomb = "文件解压后过大或压缩比异常，疑似压缩炸弹，已拒绝";
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read, leaveOpen: false);
            var entries = zip.Entries;
            if (entries.Count > options.MaxZipEntries)
            {
                return bomb;
            }

            long declared = 0;
            long compressed = 0;
            foreach (var entry in entries)
            {
                declared += entry.Length;
                compressed += entry.CompressedLength;
                if (declared > options.MaxUncompressedBytes || RatioTooHigh(entry.Length, entry.CompressedLength, options))
                {
                    return bomb;
                }
            }

            if (RatioTooHigh(declared, compressed, options))
            {
                return bomb;
            }

            var contentTypes = entries.FirstOrDefault(e => e.FullName == "[Content_Types].xml");
            if (contentTypes is null)
            {
                return notXlsx;
            }

            // Inflate every entry through a guard that counts what comes out: a header may lie about its size.
            var budget = new InflationBudget(options.MaxUncompressedBytes);
            var sheetPath = scanFirstSheet ? FirstSheetPath(zip, options) : null;
            string? contentTypesXml = null;
            foreach (var entry in entries)
            {
                using var inflated = new InflationGuard(entry.Open(), entry.Length, budget);
                if (entry == contentTypes)
                {
                    using var copy = new MemoryStream();
                    inflated.CopyTo(copy);
                    contentTypesXml = Encoding.UTF8.GetString(copy.ToArray());
                }
                else if (entry.FullName == sheetPath)
                {
                    scan = ScanSheet(inflated, options.MaxDataRows);
                }

                // The rest of the entry (all of it, or what the row count left unread) still goes through the guard.
                inflated.CopyTo(Stream.Null);
            }

            if (contentTypesXml is null || !contentTypesXml.Contains(SpreadsheetMainContentType, StringComparison.OrdinalIgnoreCase))
            {
                return notXlsx;
            }

            return scan.Problem;
        }
        catch (ZipBombException)
        {
            return bomb;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException or ArgumentException)
        {
            return corrupt;
        }
    }

    private static bool RatioTooHigh(long uncompressed, long compressedLength, SheetReaderOptions options) =>
        uncompressed > options.RatioCheckThresholdBytes
        && (compressedLength <= 0 || (double)uncompressed / compressedLength > options.MaxCompressionRatio);

    private static SheetReadResult ReadSheet(
        ExcelWorksheet sheet, IReadOnlyList<string> expected, SheetReaderOptions options, SheetScan scan, string noRowsMessage = "文件中没有数据行（第1行为表头，数据从第2行开始）")
    {
        var columns = expected.Count;
        var dimension = sheet.Dimension;
        if (dimension is null)
        {
            return new([new ImportError(1, string.Empty, $"工作表为空，第1行应为表头：{string.Join(" | ", expected)}")], []);
        }

        var cells = new CellTexts(scan);
        var headerErrors = CheckHeader(sheet, expected, dimension.End.Column, cells);
        if (headerErrors.Count > 0)
        {
            return new(headerErrors, []);
        }

        var rows = new List<SheetRow>();
        var errors = new List<ImportError>();
        if (dimension.End.Row >= 2)
        {
            // A row gets an entry only once one of its cells has text or an error. Both ways of visiting the cells go
            // row by row, so the entries come in order; the sort at the end only guards that.
            var found = new Dictionary<int, FoundRow>();
            var order = new List<FoundRow>();
            FoundRow? last = null;
            foreach (var (row, column) in DataCells(sheet, dimension.End.Row, columns, options))
            {
                var (text, error) = cells.Read(sheet, row, column);
                if (error is null && text.Length == 0)
                {
                    continue;
                }

                if (last?.Row != row && !found.TryGetValue(row, out last))
                {
                    if (found.Count >= options.MaxDataRows)
                    {
                        return Fail(TooManyRows(options.MaxDataRows));
                    }

                    last = new FoundRow(row, columns);
                    found.Add(row, last);
                    order.Add(last);
                }

                if (error is null)
                {
                    last!.Texts[column - 1] = text;
                }
                else
                {
                    last!.Invalid[column - 1] = true;
                    (last.Errors ??= []).Add(new ImportError(row, ExcelColumns.Letter(column), error));
                }
            }

            order.Sort((x, y) => x.Row.CompareTo(y.Row));
            foreach (var entry in order)
            {
                rows.Add(new SheetRow(entry.Row, entry.Texts, entry.Invalid));
                if (entry.Errors is { } rowErrors)
                {
                    errors.AddRange(rowErrors.OrderBy(e => e.Column.Length).ThenBy(e => e.Column, StringComparer.Ordinal));
                }
            }
        }

        if (rows.Count == 0)
        {
            return Fail(noRowsMessage);
        }

        return new(errors, rows);
    }

    /// <summary>
    /// The (row, column) of every cell to read below the header, row by row. When the sheet's last row is within twice
    /// the row limit (every file that is not padded far down with styled, empty cells), every position is visited:
    /// <c>GetValue</c> is a lookup, where a range per cell makes EPPlus build and parse an address (issue 11: that was
    /// most of the read). Otherwise enumerating a range visits only the cells the sheet stores, so a styled cell at
    /// row 1,048,576 is still cheap.
    /// </summary>
    private static IEnumerable<(int Row, int Column)> DataCells(ExcelWorksheet sheet, int lastRow, int columns, SheetReaderOptions options)
    {
        if (lastRow - 1L <= 2L * options.MaxDataRows)
        {
            for (var row = 2; row <= lastRow; row++)
            {
                for (var column = 1; column <= columns; column++)
                {
                    yield return (row, column);
                }
            }
        }
        else
        {
            foreach (var cell in sheet.Cells[2, 1, lastRow, columns])
            {
                yield return (cell.Start.Row, cell.Start.Column);
            }
        }
    }

    /// <summary>A data row being read: its cells' texts, which cells the reader refused, and why.</summary>
    private sealed class FoundRow
    {
        public FoundRow(int row, int columns)
        {
            Row = row;
            Texts = new string[columns];
            Array.Fill(Texts, string.Empty);
            Invalid = new bool[columns];
        }

        public int Row { get; }

        public string[] Texts { get; }

        public bool[] Invalid { get; }

        public List<ImportError>? Errors { get; set; }
    }

    private static List<ImportError> CheckHeader(ExcelWorksheet sheet, IReadOnlyList<string> expected, int lastColumn, CellTexts cells)
    {
        var width = Math.Max(expected.Count, lastColumn);
        var actual = new List<string>(width);
        for (var c = 1; c <= width; c++)
        {
            var (text, error) = cells.Read(sheet, 1, c);
            actual.Add(error is null ? text : "（公式）");
        }

        while (actual.Count > 0 && actual[^1].Length == 0)
        {
            actual.RemoveAt(actual.Count - 1);
        }

        var errors = new List<ImportError>();
        if (actual.Count == 0)
        {
            errors.Add(new ImportError(1, string.Empty, $"第1行应为表头：{string.Join(" | ", expected)}"));
            return errors;
        }

        // Columns left out (the rest in order): name each missing one rather than every shifted column.
        if (actual.Count < expected.Count && actual.All(a => a.Length > 0) && IsSubsequence(actual, expected))
        {
            var j = 0;
            for (var i = 0; i < expected.Count; i++)
            {
                if (j < actual.Count && actual[j] == expected[i])
                {
                    j++;
                    continue;
                }

                var letter = ExcelColumns.Letter(i + 1);
                errors.Add(new ImportError(1, letter, $"缺少列“{expected[i]}”（应在{letter}列）"));
            }

            return errors;
        }

        for (var i = 0; i < Math.Max(expected.Count, actual.Count); i++)
        {
            var letter = ExcelColumns.Letter(i + 1);
            var found = i < actual.Count ? actual[i] : string.Empty;
            if (i >= expected.Count)
            {
                if (found.Length > 0)
                {
                    errors.Add(new ImportError(1, letter, $"多余的列“{found}”：表头应只有{expected.Count}列（{string.Join(" | ", expected)}）"));
                }
            }
            else if (found != expected[i])
            {
                errors.Add(found.Length == 0
                    ? new ImportError(1, letter, $"缺少列“{expected[i]}”：{letter}列表头应为“{expected[i]}”")
                    : new ImportError(1, letter, $"{letter}列表头应为“{expected[i]}”，实际为“{found}”"));
            }
        }

        return errors;
    }

    private static bool IsSubsequence(List<string> actual, IReadOnlyList<string> expected)
    {
        var j = 0;
        foreach (var e in expected)
        {
            if (j < actual.Count && actual[j] == e)
            {
                j++;
            }
        }

        return j == actual.Count;
    }

    /// <summary>
    /// Reads cells' stored values as trimmed text, or an error message. One per sheet: it remembers which styles show
    /// dates, so that EPPlus builds a style object once per style rather than once per number cell.
    /// </summary>
    private sealed class CellTexts(SheetScan scan)
    {
        private readonly Dictionary<int, bool> _dateStyles = [];

        public (string Text, string? Error) Read(ExcelWorksheet sheet, int row, int column)
        {
            // Each cell is asked for a formula only when the sheet's XML has one somewhere (the usual upload has none).
            if (scan.HasFormulas)
            {
                var cell = sheet.Cells[row, column];
                if (!string.IsNullOrEmpty(cell.Formula) || !string.IsNullOrEmpty(cell.FormulaR1C1))
                {
                    return (string.Empty, FormulaMessage);
                }
            }

            // What ExcelRange.Value returns for one cell, without building the range.
            var value = sheet.GetValue(row, column);
            switch (value)
            {
                case null:
                    return (string.Empty, null);
                case string s:
                    return (s.Trim(), null);
                case bool b:
                    return (b ? "TRUE" : "FALSE", null);
                case DateTime dt:
                    return (dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null);
                case DateTimeOffset dto:
                    return (dto.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null);
                case TimeSpan ts:
                    return (ts.ToString("c", CultureInfo.InvariantCulture), null);
                case ExcelErrorValue err:
                    return (string.Empty, $"单元格含错误值“{err}”，请填写数值或文本");
                case double or float or decimal or int or long or short or byte or sbyte or uint or ulong or ushort:
                    var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                    if (number is > -657435.0 and < 2958466.0 && IsDateFormatted(sheet.Cells[row, column]))
                    {
                        return (DateTime.FromOADate(number).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null);
                    }

                    return (value is decimal d ? d.ToString(CultureInfo.InvariantCulture) : FormatNumber(number), null);
                default:
                    return ((Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty).Trim(), null);
            }
        }

        /// <summary>
        /// Whether the cell's number format shows a date, remembered per <c>StyleID</c>. EPPlus's <c>Style</c> resolves
        /// the same id (the cell's, else its row's) except for a cell with neither, which <c>StyleID</c> reports as 0
        /// and <c>Style</c> gives its column's style: those cells are asked one by one when the sheet has column styles.
        /// </summary>
        private bool IsDateFormatted(ExcelRangeBase cell)
        {
            var id = cell.StyleID;
            if (id == 0 && scan.HasColumnStyles)
            {
                return ShowsDate(cell.Style.Numberformat);
            }

            if (!_dateStyles.TryGetValue(id, out var date))
            {
                date = ShowsDate(cell.Style.Numberformat);
                _dateStyles.Add(id, date);
            }

            return date;
        }
    }

    /// <summary>Invariant, no exponent, at most 15 significant digits (what Excel keeps).</summary>
    internal static string FormatNumber(double number)
    {
        if (double.IsNaN(number) || double.IsInfinity(number))
        {
            return number.ToString(CultureInfo.InvariantCulture);
        }

        if (Math.Abs(number) < 7.9e27)
        {
            return ((decimal)number).ToString(CultureInfo.InvariantCulture);
        }

        return number.ToString("F0", CultureInfo.InvariantCulture);
    }

    private static bool ShowsDate(OfficeOpenXml.Style.ExcelNumberFormat format)
    {
        var id = format.NumFmtID;
        // Built-in date formats, including the CJK ones (27–36, 50–58).
        if (id is (>= 14 and <= 17) or 22 or (>= 27 and <= 36) or (>= 50 and <= 58))
        {
            return true;
        }

        return IsDateFormatString(format.Format);
    }

    /// <summary>Whether a number format shows a date: it has y or d outside quotes, brackets and escapes.</summary>
    internal static bool IsDateFormatString(string? format)
    {
        if (string.IsNullOrEmpty(format))
        {
            return false;
        }

        for (var i = 0; i < format.Length; i++)
        {
            var ch = format[i];
            switch (ch)
            {
                case '"':
                    i = format.IndexOf('"', i + 1);
                    if (i < 0)
                    {
                        return false;
                    }

                    break;
                case '[':
                    i = format.IndexOf(']', i + 1);
                    if (i < 0)
                    {
                        return false;
                    }

                    break;
                case '\\' or '_' or '*':
                    i++;
                    break;
                case 'y' or 'Y' or 'd' or 'D':
                    return true;
            }
        }

        return false;
    }
}
