using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Core.Reports;
using Appraisal.PartyBuilding.Excel.Reports;
using OfficeOpenXml;

namespace Appraisal.PartyBuilding.Excel.Tests;

/// <summary>
/// The quarterly report's cells and their formats: every cell of a table column carries the column's format (set once
/// per column, issue 11), text as text, numbers as numbers.
/// </summary>
public class QuarterlyReportWorkbookTests
{
    private static QuarterlyReport Report(bool compared, params Mover[] movers) => new(
        new AssessmentQuarter(2026, 3),
        "第一党委",
        PeriodState.Published,
        new DateTimeOffset(2026, 10, 10, 1, 0, 0, TimeSpan.Zero),
        null,
        new ReportRules(),
        [new CategorySummary("rural", "农村党支部", 2, 36.25m, 40m, 38.5m, 34m)],
        [
            new RankingLine("rural", "农村党支部", 1, "ZB01", "第一党支部", 38.5m, 40m, 0.9625m, "优秀", 100m),
            new RankingLine("rural", "农村党支部", 2, "ZB02", "=HYPERLINK(\"http://x\")", 34m, 40m, 0.85m, "良好", 0m),
        ],
        [new GradeCount("rural", "农村党支部", "优秀", 1, 0.5m)],
        compared,
        movers,
        [new IndicatorStat("JC01", "三会一课", 2, 3.5m, 5m, 0.7m, 1, 0.5m, 0)],
        []);

    private static ExcelPackage Open(QuarterlyReport report) => new(new MemoryStream(QuarterlyReportWorkbook.Write(report)));

    private static string Format(ExcelWorksheet sheet, int row, int column) => sheet.Cells[row, column].Style.Numberformat.Format;

    /// <summary>
    /// The formats are the columns' styles, but Excel applies a column's style only to cells that have none in the file:
    /// so every cell written below the header must carry its column's style itself (EPPlus writes it for a cell without
    /// one of its own). Read from the sheet's XML, not through EPPlus, which would fall back to the column's style too.
    /// </summary>
    [Fact]
    public void Every_cell_below_the_header_carries_its_columns_style_in_the_file()
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(QuarterlyReportWorkbook.Write(Report(false))));
        System.Xml.Linq.XNamespace main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var sheet = System.Xml.Linq.XDocument.Load(zip.GetEntry("xl/worksheets/sheet2.xml")!.Open()); // the ranking, after the summary
        var columnStyles = sheet.Descendants(main + "col").ToDictionary(c => (string)c.Attribute("min")!, c => (string?)c.Attribute("style") ?? "0");
        var cells = sheet.Descendants(main + "row").Where(r => (int)r.Attribute("r")! >= 2).SelectMany(r => r.Elements(main + "c")).ToList();

        Assert.Equal(2 * 9, cells.Count);
        foreach (var cell in cells)
        {
            var column = ((string)cell.Attribute("r")!)[0] - 'A' + 1;
            Assert.Equal(columnStyles[column.ToString(System.Globalization.CultureInfo.InvariantCulture)], (string?)cell.Attribute("s"));
        }

        Assert.NotEqual("0", columnStyles["5"]); // 总分: a number format, not General
    }

    [Fact]
    public void Every_row_of_the_ranking_has_its_columns_format_text_as_text_and_numbers_as_numbers()
    {
        using var package = Open(Report(false));

        var ranking = package.Workbook.Worksheets[QuarterlyReportWorkbook.RankingSheet];
        for (var row = 2; row <= 3; row++)
        {
            Assert.Equal(["@", "General", "@", "@", "0.00", "0.00", "0.0%", "@", "0.00"], Enumerable.Range(1, 9).Select(c => Format(ranking, row, c)));
        }

        Assert.Equal("@", Format(ranking, 1, 5)); // the header is text above a number column
        Assert.True(ranking.Cells[1, 5].Style.Font.Bold);
        Assert.Equal("第一党支部", ranking.Cells[2, 4].Value);
        Assert.Equal("'=HYPERLINK(\"http://x\")", ranking.Cells[3, 4].Value);
        Assert.True(string.IsNullOrEmpty(ranking.Cells[3, 4].Formula));
        Assert.Equal(0.9625, ranking.Cells[2, 7].Value);
        Assert.Equal(1d, ranking.Cells[2, 2].Value);
        Assert.Equal("85.0%", ranking.Cells[3, 7].Text);

        var weak = package.Workbook.Worksheets[QuarterlyReportWorkbook.WeakSheet];
        Assert.Equal(["@", "@", "General", "0.00", "0.00", "0.0%", "General", "0.0%", "General"], Enumerable.Range(1, 9).Select(c => Format(weak, 2, c)));
        var grades = package.Workbook.Worksheets[QuarterlyReportWorkbook.GradesSheet];
        Assert.Equal(["@", "@", "General", "0.0%"], Enumerable.Range(1, 4).Select(c => Format(grades, 2, c)));
        var summary = package.Workbook.Worksheets[QuarterlyReportWorkbook.SummarySheet];
        Assert.Equal("36.25", summary.Cells[14, 3].Text);
        Assert.Equal("0.00", Format(summary, 14, 6));
    }

    [Fact]
    public void Movers_show_signed_changes_and_a_category_change_as_text_under_the_same_format()
    {
        using var package = Open(Report(
            true,
            new Mover("ZB01", "第一党支部", "农村党支部", 30m, 38.5m, 8.5m, 2, 1, 1),
            new Mover("ZB02", "第二党支部", "农村党支部", 36m, 34m, -2m, 1, 2, null)));

        var movers = package.Workbook.Worksheets[QuarterlyReportWorkbook.MoversSheet];
        Assert.Equal(["@", "@", "@", "0.00", "0.00", "+0.00;-0.00;0.00", "General", "General", "+0;-0;0"], Enumerable.Range(1, 9).Select(c => Format(movers, 3, c)));
        Assert.Equal("+8.50", movers.Cells[2, 6].Text);
        Assert.Equal("-2.00", movers.Cells[3, 6].Text);
        Assert.Equal("+1", movers.Cells[2, 9].Text);
        Assert.Equal("类别已变更", movers.Cells[3, 9].Value);
    }

    [Fact]
    public void Without_a_previous_quarter_the_movers_sheet_says_so_in_one_text_cell()
    {
        using var package = Open(Report(false));

        var movers = package.Workbook.Worksheets[QuarterlyReportWorkbook.MoversSheet];
        Assert.Equal("上季度没有已公示的考核结果，不作比较。", movers.Cells[2, 1].Value);
        Assert.Equal("@", Format(movers, 2, 1));
        Assert.Equal(2, movers.Dimension.End.Row);
    }

    [Fact]
    public async Task Indicators_arriving_after_the_tables_give_the_same_cells_and_formats_as_writing_at_once()
    {
        var report = Report(true, new Mover("ZB01", "第一党支部", "农村党支部", 30m, 38.5m, 8.5m, 2, 1, 1)) with
        {
            UniformIndicators = [new IndicatorStat("JC02", "主题党日", 2, 5m, 5m, 1m, 2, 1m, 0)],
        };
        var indicators = new TaskCompletionSource<QuarterlyReport>();

        var writing = QuarterlyReportWorkbook.WriteAsync(report with { WeakIndicators = [], UniformIndicators = [] }, indicators.Task);
        Assert.False(writing.IsCompleted); // the tables are written, the indicators awaited
        indicators.SetResult(report);
        using var late = new ExcelPackage(new MemoryStream(await writing));
        using var atOnce = Open(report);

        Assert.Equal(atOnce.Workbook.Worksheets.Select(s => s.Name), late.Workbook.Worksheets.Select(s => s.Name));
        foreach (var expected in atOnce.Workbook.Worksheets)
        {
            var actual = late.Workbook.Worksheets[expected.Name];
            Assert.Equal(expected.Dimension.Address, actual.Dimension.Address);
            foreach (var cell in expected.Cells[expected.Dimension.Address])
            {
                var (row, column) = (cell.Start.Row, cell.Start.Column);
                Assert.Equal(cell.Value, actual.Cells[row, column].Value);
                Assert.Equal(Format(expected, row, column), Format(actual, row, column));
                Assert.Equal(cell.Style.Font.Bold, actual.Cells[row, column].Style.Font.Bold);
            }
        }

        var summary = late.Workbook.Worksheets[QuarterlyReportWorkbook.SummarySheet];
        Assert.Equal("1", summary.Cells[11, 2].Value); // 无差别考核指标: counted from the late indicators
        Assert.Equal("JC02", late.Workbook.Worksheets[QuarterlyReportWorkbook.UniformSheet].Cells[2, 1].Value);
    }

    [Fact]
    public async Task A_workbook_whose_complete_report_is_withheld_is_dropped_after_the_tables_and_one_given_it_is_the_same_file()
    {
        var report = Report(true);
        var tables = report with { WeakIndicators = [], UniformIndicators = [] };

        var abandoned = await QuarterlyReportWorkbook.WriteUnlessAbandonedAsync(tables, Task.FromResult<QuarterlyReport?>(null));
        var kept = await QuarterlyReportWorkbook.WriteUnlessAbandonedAsync(tables, Task.FromResult<QuarterlyReport?>(report));

        Assert.Null(abandoned);
        Assert.NotNull(kept);
        using var written = new ExcelPackage(new MemoryStream(kept));
        using var atOnce = Open(report);
        Assert.Equal(atOnce.Workbook.Worksheets.Select(s => s.Name), written.Workbook.Worksheets.Select(s => s.Name));
        foreach (var expected in atOnce.Workbook.Worksheets)
        {
            var actual = written.Workbook.Worksheets[expected.Name];
            Assert.Equal(expected.Dimension.Address, actual.Dimension.Address);
            foreach (var cell in expected.Cells[expected.Dimension.Address])
            {
                var (row, column) = (cell.Start.Row, cell.Start.Column);
                Assert.Equal(cell.Value, actual.Cells[row, column].Value);
                Assert.Equal(Format(expected, row, column), Format(actual, row, column));
            }
        }
    }
}
