using OfficeOpenXml;

namespace Appraisal.PartyBuilding.Excel.Incentives;

/// <summary>One branch's line of the incentive export for payroll.</summary>
/// <param name="BranchCode">支部编码.</param>
/// <param name="BranchName">支部名称.</param>
/// <param name="ParentName">上级组织 (the branch's parent).</param>
/// <param name="CategoryName">支部类别.</param>
/// <param name="Total">总分.</param>
/// <param name="MaxPoints">满分.</param>
/// <param name="Grade">等级.</param>
/// <param name="Rank">类别排名.</param>
/// <param name="CategorySize">类别支部数.</param>
/// <param name="Coefficient">绩效系数 of the grade.</param>
/// <param name="FourStrong">Nominated as 四强党支部.</param>
/// <param name="Vanguard">Named to put forward 党员先锋岗 candidates.</param>
/// <param name="Notes">Why (说明).</param>
public sealed record IncentiveRow(
    string BranchCode,
    string BranchName,
    string ParentName,
    string CategoryName,
    decimal Total,
    decimal MaxPoints,
    string Grade,
    int Rank,
    int CategorySize,
    decimal Coefficient,
    bool FourStrong,
    bool Vanguard,
    string Notes);

/// <summary>
/// The payroll export of a final period's incentives (<c>GET /api/v1/periods/{id}/incentives.xlsx</c>): one sheet of
/// branches (header in row 1) and one of the coefficient table used. Text cells are neutralised
/// (<see cref="ExcelExport.SetText"/>), numbers are numbers.
/// </summary>
public static class IncentiveWorkbook
{
    /// <summary>The name of the branches sheet.</summary>
    public const string SheetName = "激励名单";

    /// <summary>The name of the coefficient sheet.</summary>
    public const string CoefficientSheetName = "系数表";

    /// <summary>The header row of the branches sheet.</summary>
    public static IReadOnlyList<string> Headers { get; } =
        ["支部编码", "支部名称", "上级组织", "支部类别", "总分", "满分", "等级", "类别排名", "类别支部数", "绩效系数", "四强党支部推荐", "党员先锋岗推荐", "说明"];

    private static readonly int[] Widths = [14, 28, 22, 16, 9, 9, 8, 10, 11, 10, 14, 14, 60];

    /// <summary>Writes the workbook and returns the .xlsx bytes.</summary>
    /// <param name="rows">The branches, in the order to list them.</param>
    /// <param name="coefficients">The coefficient table used, grade by grade.</param>
    public static byte[] Write(IEnumerable<IncentiveRow> rows, IEnumerable<(string Grade, decimal Coefficient)> coefficients)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(coefficients);
        using var package = new ExcelPackage();
        var sheet = package.Workbook.Worksheets.Add(SheetName);
        for (var c = 0; c < Headers.Count; c++)
        {
            ExcelExport.SetText(sheet.Cells[1, c + 1], Headers[c]);
            sheet.Column(c + 1).Width = Widths[c];
        }

        sheet.Row(1).Style.Font.Bold = true;
        sheet.View.FreezePanes(2, 1);
        var r = 2;
        foreach (var row in rows)
        {
            ExcelExport.SetText(sheet.Cells[r, 1], row.BranchCode);
            ExcelExport.SetText(sheet.Cells[r, 2], row.BranchName);
            ExcelExport.SetText(sheet.Cells[r, 3], row.ParentName);
            ExcelExport.SetText(sheet.Cells[r, 4], row.CategoryName);
            Number(sheet.Cells[r, 5], row.Total, "0.00");
            Number(sheet.Cells[r, 6], row.MaxPoints, "0.00");
            ExcelExport.SetText(sheet.Cells[r, 7], row.Grade);
            Number(sheet.Cells[r, 8], row.Rank, "0");
            Number(sheet.Cells[r, 9], row.CategorySize, "0");
            Number(sheet.Cells[r, 10], row.Coefficient, "0.00");
            ExcelExport.SetText(sheet.Cells[r, 11], row.FourStrong ? "是" : "");
            ExcelExport.SetText(sheet.Cells[r, 12], row.Vanguard ? "是" : "");
            ExcelExport.SetText(sheet.Cells[r, 13], row.Notes);
            r++;
        }

        var table = package.Workbook.Worksheets.Add(CoefficientSheetName);
        ExcelExport.SetText(table.Cells[1, 1], "等级");
        ExcelExport.SetText(table.Cells[1, 2], "绩效系数");
        table.Row(1).Style.Font.Bold = true;
        table.Column(1).Width = 12;
        table.Column(2).Width = 12;
        var t = 2;
        foreach (var (grade, coefficient) in coefficients)
        {
            ExcelExport.SetText(table.Cells[t, 1], grade);
            Number(table.Cells[t, 2], coefficient, "0.00");
            t++;
        }

        return package.GetAsByteArray();
    }

    private static void Number(ExcelRange cell, decimal value, string format)
    {
        cell.Value = value;
        cell.Style.Numberformat.Format = format;
    }
}
