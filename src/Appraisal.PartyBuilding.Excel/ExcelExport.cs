using OfficeOpenXml;

namespace Appraisal.PartyBuilding.Excel;

/// <summary>Helpers for writing user-supplied text into exported workbooks safely.</summary>
public static class ExcelExport
{
    /// <summary>
    /// Neutralises text that a spreadsheet could take for a formula (CSV / formula injection): text starting with
    /// <c>=</c>, <c>+</c>, <c>-</c> or <c>@</c> (or a tab or carriage return, which some tools strip before such a
    /// character) gets a leading <c>'</c>. Other text, and null, is returned unchanged.
    /// Use it for text only: write numbers as numbers, so that a negative number stays a number.
    /// </summary>
    public static string? Neutralize(string? text) =>
        text is { Length: > 0 } && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    /// <summary>
    /// Writes <paramref name="text"/> into <paramref name="cell"/> as a text cell: neutralised
    /// (<see cref="Neutralize"/>), stored as a string, and formatted as text (<c>@</c>), never as a formula.
    /// </summary>
    public static void SetText(ExcelRange cell, string? text)
    {
        ArgumentNullException.ThrowIfNull(cell);
        cell.Style.Numberformat.Format = "@";
        cell.Value = Neutralize(text);
    }
}
