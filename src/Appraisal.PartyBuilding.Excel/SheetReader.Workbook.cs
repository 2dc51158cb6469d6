using Appraisal.PartyBuilding.Core.Imports;
using OfficeOpenXml;

namespace Appraisal.PartyBuilding.Excel;

/// <summary>A named sheet that a workbook import expects, with its exact header row.</summary>
/// <param name="Name">The sheet's name, e.g. 指标.</param>
/// <param name="Headers">The exact header texts of columns A, B, … in row 1.</param>
public sealed record SheetSpec(string Name, IReadOnlyList<string> Headers);

/// <summary>The outcome of <see cref="SheetReader.ReadWorkbook"/>.</summary>
/// <param name="Errors">
/// Every error found, sheet by sheet in the order asked for; each message starts with the sheet's name
/// (<c>工作表“指标”：…</c>). Errors about the file as a whole (row 0) come alone.
/// </param>
/// <param name="Sheets">
/// The data rows of each sheet that was found with the right header and at least one data row, by sheet name.
/// A sheet that is missing, has a wrong header or no rows is absent.
/// </param>
public sealed record WorkbookReadResult(IReadOnlyList<ImportError> Errors, IReadOnlyDictionary<string, IReadOnlyList<SheetRow>> Sheets)
{
    /// <summary>True when no error at all was found.</summary>
    public bool Succeeded => Errors.Count == 0;
}

public static partial class SheetReader
{
    /// <summary>
    /// Reads several named sheets of one uploaded .xlsx, with the same file checks as <see cref="Read"/> (size, real
    /// .xlsx, zip bomb, corrupt file) done once, and the same header, cell and row checks per sheet. Other sheets
    /// (help, drop-down lists) are ignored.
    /// </summary>
    /// <param name="stream">The uploaded file; read to its end, not disposed.</param>
    /// <param name="sheets">The sheets expected, in the order their errors are reported.</param>
    /// <param name="options">Limits (the row limit applies per sheet); <see cref="SheetReaderOptions.Default"/> when null.</param>
    public static WorkbookReadResult ReadWorkbook(Stream stream, IReadOnlyList<SheetSpec> sheets, SheetReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sheets);
        if (sheets.Count == 0 || sheets.Any(s => s.Headers.Count == 0))
        {
            throw new ArgumentException("At least one sheet, each with at least one header column, is required.", nameof(sheets));
        }

        options ??= SheetReaderOptions.Default;
        var (bytes, fileError) = ReadBounded(stream, options.MaxFileBytes);
        var problem = fileError ?? CheckPackage(bytes!, options, out _);
        if (problem is not null)
        {
            return FileFailed(problem);
        }

        try
        {
            using var memory = new MemoryStream(bytes!, writable: false);
            using var package = new ExcelPackage(memory);
            if (package.Workbook.Worksheets.Count == 0)
            {
                return FileFailed("文件中没有工作表");
            }

            var errors = new List<ImportError>();
            var found = new Dictionary<string, IReadOnlyList<SheetRow>>(StringComparer.Ordinal);
            foreach (var spec in sheets)
            {
                var sheet = package.Workbook.Worksheets.FirstOrDefault(w => string.Equals(w.Name?.Trim(), spec.Name, StringComparison.Ordinal));
                if (sheet is null)
                {
                    errors.Add(new ImportError(0, string.Empty, $"缺少工作表“{spec.Name}”，请使用指标包模板填写"));
                    continue;
                }

                var result = ReadSheet(sheet, spec.Headers, options, SheetScan.Unknown, noRowsMessage: "没有数据行（第1行为表头，数据从第2行开始）");
                errors.AddRange(result.Errors.Select(e => e with { Message = $"工作表“{spec.Name}”：{e.Message}" }));
                if (result.Rows.Count > 0 && !result.Errors.Any(e => e.Row <= 1))
                {
                    found.Add(spec.Name, result.Rows);
                }
            }

            return new WorkbookReadResult(errors, found);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return FileFailed("文件已损坏，无法读取，请用Excel重新保存为.xlsx后再上传");
        }
    }

    private static WorkbookReadResult FileFailed(string message) =>
        new([new ImportError(0, string.Empty, message)], new Dictionary<string, IReadOnlyList<SheetRow>>());
}
