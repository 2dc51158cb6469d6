namespace Appraisal.PartyBuilding.Core.Imports;

/// <summary>
/// One problem found in an imported file, as the API reports it (<c>{ row, column, message }</c>).
/// </summary>
/// <param name="Row">
/// The row as Excel shows it: the header is row 1, the first data row is row 2.
/// Row 0 means the file as a whole (empty, too large, not an .xlsx, corrupt, no sheet, no data rows, too many rows).
/// Row 1 means the header row.
/// </param>
/// <param name="Column">The Excel column letter (e.g. <c>C</c>), or an empty string when the error concerns a whole row or the file.</param>
/// <param name="Message">A specific message in Simplified Chinese naming the column header, e.g. <c>“上级组织编码”不能为空</c>.</param>
public sealed record ImportError(int Row, string Column, string Message);
