using System.Drawing;
using OfficeOpenXml;
using OfficeOpenXml.DataValidation;
using OfficeOpenXml.Style;

namespace Appraisal.PartyBuilding.Excel;

/// <summary>
/// Writes import templates: a data sheet with a bold, frozen header row, explicit column widths, text-formatted
/// text columns and drop-down lists; a 填写说明 sheet with one help line per column; and a hidden sheet holding the
/// drop-down values.
/// </summary>
public static class TemplateWriter
{
    /// <summary>The name of the help sheet.</summary>
    public const string HelpSheetName = "填写说明";

    /// <summary>The name of the hidden sheet holding the drop-down lists.</summary>
    public const string ListsSheetName = "Lists";

    /// <summary>How many data rows (2 … 1 + this) get the drop-downs and text format. Matches the reader's default row limit.</summary>
    public const int DefaultDataRows = 10_000;

    /// <summary>Writes a template and returns the .xlsx bytes.</summary>
    /// <param name="sheetName">The name of the data sheet (the first sheet), e.g. 组织.</param>
    /// <param name="columns">The columns, A first.</param>
    /// <param name="notes">Extra help lines written below the column help (may be empty).</param>
    /// <param name="dataRows">Data rows that get the drop-downs and the text format.</param>
    public static byte[] Write(string sheetName, IReadOnlyList<TemplateColumn> columns, IEnumerable<string>? notes = null, int dataRows = DefaultDataRows)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sheetName);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
        {
            throw new ArgumentException("A template needs at least one column.", nameof(columns));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(dataRows, 1);

        using var package = new ExcelPackage();
        var data = package.Workbook.Worksheets.Add(sheetName);
        var help = package.Workbook.Worksheets.Add(HelpSheetName);
        ExcelWorksheet? lists = null;
        var lastRow = 1 + dataRows;

        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            var c = i + 1;
            var header = data.Cells[1, c];
            header.Style.Numberformat.Format = "@";
            header.Value = column.Header;
            header.Style.Font.Bold = true;
            header.Style.Fill.PatternType = ExcelFillStyle.Solid;
            header.Style.Fill.BackgroundColor.SetColor(Color.FromArgb(0xFF, 0xF2, 0xF2, 0xF2));
            data.Column(c).Width = column.Width;
            if (column.IsText)
            {
                data.Cells[2, c, lastRow, c].Style.Numberformat.Format = "@";
            }

            if (column.Choices is { Count: > 0 } choices)
            {
                lists ??= package.Workbook.Worksheets.Add(ListsSheetName);
                for (var r = 0; r < choices.Count; r++)
                {
                    lists.Cells[r + 1, c].Style.Numberformat.Format = "@";
                    lists.Cells[r + 1, c].Value = ExcelExport.Neutralize(choices[r]);
                }

                var letter = ExcelColumns.Letter(c);
                var validation = data.DataValidations.AddListValidation($"{letter}2:{letter}{lastRow}");
                validation.Formula.ExcelFormula = $"{ListsSheetName}!${letter}$1:${letter}${choices.Count}";
                validation.AllowBlank = true;
                validation.ShowErrorMessage = true;
                validation.ErrorStyle = column.ChoicesStrict ? ExcelDataValidationWarningStyle.stop : ExcelDataValidationWarningStyle.warning;
                validation.ErrorTitle = column.Header;
                validation.Error = column.ChoicesStrict ? "请从下拉列表中选择" : "不在下拉列表中，请确认填写正确";
                validation.ShowInputMessage = true;
                validation.PromptTitle = column.Header;
                validation.Prompt = Truncate(column.Help, 255);
            }
        }

        data.View.FreezePanes(2, 1);

        help.Cells[1, 1].Value = "列";
        help.Cells[1, 2].Value = "列名";
        help.Cells[1, 3].Value = "填写说明";
        help.Cells[1, 1, 1, 3].Style.Font.Bold = true;
        help.Column(1).Width = 6;
        help.Column(2).Width = 16;
        help.Column(3).Width = 90;
        for (var i = 0; i < columns.Count; i++)
        {
            help.Cells[i + 2, 1].Value = ExcelColumns.Letter(i + 1);
            ExcelExport.SetText(help.Cells[i + 2, 2], columns[i].Header);
            ExcelExport.SetText(help.Cells[i + 2, 3], columns[i].Help);
        }

        var noteRow = columns.Count + 3;
        foreach (var note in notes ?? [])
        {
            help.Cells[noteRow, 1].Style.Numberformat.Format = "@";
            help.Cells[noteRow++, 1].Value = note;
        }

        help.View.FreezePanes(2, 1);
        if (lists is not null)
        {
            lists.Hidden = eWorkSheetHidden.Hidden;
        }

        data.Select();
        return package.GetAsByteArray();
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
