using Appraisal.PartyBuilding.Excel.Incentives;
using OfficeOpenXml;

namespace Appraisal.PartyBuilding.Excel.Tests;

/// <summary>The payroll export: header in row 1, numbers as numbers, text never taken for a formula.</summary>
public class IncentiveWorkbookTests
{
    private static IncentiveRow Row(string name, string notes = "") =>
        new("ZB01", name, "第一党委", "农村党支部", 38.5m, 40m, "五星", 1, 10, 1.2m, true, false, notes);

    [Fact]
    public void Branches_come_below_the_header_with_numbers_as_numbers_and_the_coefficients_on_their_own_sheet()
    {
        using var package = new ExcelPackage(new MemoryStream(IncentiveWorkbook.Write([Row("第一党支部")], [("五星", 1.2m), ("一星", 0.8m)])));

        var sheet = package.Workbook.Worksheets[IncentiveWorkbook.SheetName];
        Assert.Equal(IncentiveWorkbook.Headers, Enumerable.Range(1, IncentiveWorkbook.Headers.Count).Select(c => sheet.Cells[1, c].Text));
        Assert.True(sheet.Cells[1, 1].Style.Font.Bold);
        Assert.Equal("第一党支部", sheet.Cells[2, 2].Text);
        Assert.IsType<double>(sheet.Cells[2, 5].Value);
        Assert.Equal(38.5, (double)sheet.Cells[2, 5].Value);
        Assert.Equal(1.2, (double)sheet.Cells[2, 10].Value);
        Assert.Equal("是", sheet.Cells[2, 11].Text);
        Assert.Equal("", sheet.Cells[2, 12].Text);
        var table = package.Workbook.Worksheets[IncentiveWorkbook.CoefficientSheetName];
        Assert.Equal(["五星", "一星"], new[] { table.Cells[2, 1].Text, table.Cells[3, 1].Text });
        Assert.Equal(0.8, (double)table.Cells[3, 2].Value);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")")]
    [InlineData("+1+1")]
    [InlineData("-2")]
    [InlineData("@SUM(A1)")]
    public void Text_that_looks_like_a_formula_is_stored_as_neutralised_text(string text)
    {
        using var package = new ExcelPackage(new MemoryStream(IncentiveWorkbook.Write([Row(text, text)], [])));

        var sheet = package.Workbook.Worksheets[IncentiveWorkbook.SheetName];
        Assert.Equal("'" + text, sheet.Cells[2, 2].Value);
        Assert.Equal("'" + text, sheet.Cells[2, 13].Value);
        Assert.True(string.IsNullOrEmpty(sheet.Cells[2, 2].Formula));
    }
}
