using System.Drawing;
using System.Globalization;
using Appraisal.PartyBuilding.Core;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Core.Reports;
using OfficeOpenXml;
using OfficeOpenXml.Style;

namespace Appraisal.PartyBuilding.Excel.Reports;

/// <summary>
/// Writes the quarterly report (季度通报) as an .xlsx: a summary sheet, then one table per analysis with a bold, frozen
/// header in row 1. Text is neutralised (<see cref="ExcelExport.Neutralize"/>) and formatted as text, numbers are
/// numbers, widths are set (AutoFit needs libgdiplus, and would measure every cell of a province's table).
/// </summary>
public static class QuarterlyReportWorkbook
{
    /// <summary>The title, the period's state and deadlines, the rules and a line per category.</summary>
    public const string SummarySheet = "概况";

    /// <summary>Every branch by category and rank: total, maximum, ratio, grade, percentile.</summary>
    public const string RankingSheet = "分类排名";

    /// <summary>Branches per grade and category (every grade of the scale), then over all categories.</summary>
    public const string GradesSheet = "等次分布";

    /// <summary>Total and rank changes since the previous quarter, climbers first.</summary>
    public const string MoversSheet = "进退步";

    /// <summary>The indicators with the lowest average score ratio.</summary>
    public const string WeakSheet = "薄弱指标";

    /// <summary>Indicators nearly every branch got full marks on.</summary>
    public const string UniformSheet = "无差别考核";

    private const string Points = "0.00";
    private const string Percent = "0.0%";

    /// <summary>Writes the report and returns the .xlsx bytes.</summary>
    public static byte[] Write(QuarterlyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var package = new ExcelPackage();
        var summary = WriteTables(package, report);
        WriteIndicators(package, summary, report);
        return package.GetAsByteArray();
    }

    /// <summary>
    /// Writes the same workbook as <see cref="Write"/>, but only the ranking, grades and movers come from
    /// <paramref name="tables"/>; the summary and the indicator sheets come from <paramref name="complete"/>, the same
    /// report with its indicator analyses, awaited after the tables are written. So the database can tally a
    /// province's indicator rows while EPPlus writes its ranking (issue 11).
    /// </summary>
    public static async Task<byte[]> WriteAsync(QuarterlyReport tables, Task<QuarterlyReport> complete)
    {
        ArgumentNullException.ThrowIfNull(complete);
        return (await WriteUnlessAbandonedAsync(tables, Completed(complete)))!;

        static async Task<QuarterlyReport?> Completed(Task<QuarterlyReport> complete) => await complete;
    }

    /// <summary>
    /// <see cref="WriteAsync"/>, except that <paramref name="complete"/> may give null instead of the complete report:
    /// the file is not wanted after all (its caller found a current copy once the report was complete), so the
    /// workbook is dropped after the tables, unsaved, and the result is null.
    /// </summary>
    public static async Task<byte[]?> WriteUnlessAbandonedAsync(QuarterlyReport tables, Task<QuarterlyReport?> complete)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(complete);
        using var package = new ExcelPackage();
        var summary = WriteTables(package, tables);
        if (await complete is not { } report)
        {
            return null;
        }

        WriteIndicators(package, summary, report);
        return package.GetAsByteArray();
    }

    /// <summary>The workbook up to the movers, the summary sheet added first but left empty; returns the summary sheet.</summary>
    private static ExcelWorksheet WriteTables(ExcelPackage package, QuarterlyReport report)
    {
        package.Workbook.Properties.Title = report.Title;
        var summary = package.Workbook.Worksheets.Add(SummarySheet);
        var ranking = Table(package, RankingSheet, RankingColumns);
        var row = 2;
        foreach (var line in report.Ranking)
        {
            Text(ranking, row, 1, line.CategoryName);
            Number(ranking, row, 2, line.Rank);
            Text(ranking, row, 3, line.BranchCode);
            Text(ranking, row, 4, line.BranchName);
            Number(ranking, row, 5, line.Total);
            Number(ranking, row, 6, line.MaxPoints);
            Number(ranking, row, 7, line.Ratio);
            Text(ranking, row, 8, line.Grade);
            Number(ranking, row, 9, line.Percentile);
            row++;
        }

        ColumnFormats(ranking, row - 1, RankingColumns);
        var grades = Table(package, GradesSheet, GradeColumns);
        row = 2;
        foreach (var count in report.Grades)
        {
            Text(grades, row, 1, count.CategoryName);
            Text(grades, row, 2, count.Grade);
            Number(grades, row, 3, count.Count);
            Number(grades, row, 4, count.Share);
            row++;
        }

        ColumnFormats(grades, row - 1, GradeColumns);
        var movers = Table(package, MoversSheet, MoverColumns);
        row = 2;
        if (!report.ComparedWithPrevious)
        {
            ExcelExport.SetText(movers.Cells[row, 1], "上季度没有已公示的考核结果，不作比较。");
        }

        foreach (var mover in report.Movers)
        {
            Text(movers, row, 1, mover.BranchCode);
            Text(movers, row, 2, mover.BranchName);
            Text(movers, row, 3, mover.CategoryName);
            Number(movers, row, 4, mover.PreviousTotal);
            Number(movers, row, 5, mover.Total);
            Number(movers, row, 6, mover.TotalChange);
            Number(movers, row, 7, mover.PreviousRank);
            Number(movers, row, 8, mover.Rank);
            if (mover.RankChange is { } change)
            {
                Number(movers, row, 9, change);
            }
            else
            {
                Text(movers, row, 9, "类别已变更");
            }

            row++;
        }

        ColumnFormats(movers, row - 1, MoverColumns);
        return summary;
    }

    /// <summary>The summary (it counts the 无差别考核 indicators) and the two indicator sheets.</summary>
    private static void WriteIndicators(ExcelPackage package, ExcelWorksheet summary, QuarterlyReport report)
    {
        WriteSummary(summary, report);
        IndicatorTable(Table(package, WeakSheet, IndicatorColumns), report.WeakIndicators);
        IndicatorTable(Table(package, UniformSheet, IndicatorColumns), report.UniformIndicators);
    }

    private const string AsText = "@";

    /// <summary>A table's column: its header, width and the number format of every cell below the header (null: General).</summary>
    private sealed record Column(string Header, double Width, string? Format = null);

    private static readonly Column[] RankingColumns =
        [new("类别", 16, AsText), new("排名", 7), new("支部编码", 14, AsText), new("支部名称", 28, AsText), new("总分", 9, Points), new("满分", 9, Points), new("得分率", 9, Percent), new("等次", 8, AsText), new("百分位", 9, Points)];

    private static readonly Column[] GradeColumns = [new("类别", 16, AsText), new("等次", 8, AsText), new("支部数", 9), new("占比", 9, Percent)];

    /// <summary>The last column holds the rank change, or 类别已变更 as text under the same signed format.</summary>
    private static readonly Column[] MoverColumns =
        [new("支部编码", 14, AsText), new("支部名称", 28, AsText), new("类别", 16, AsText), new("上季度总分", 11, Points), new("本季度总分", 11, Points), new("总分变化", 10, "+0.00;-0.00;0.00"), new("上季度排名", 11), new("本季度排名", 11), new("名次变化", 10, "+0;-0;0")];

    private static readonly Column[] IndicatorColumns =
        [new("指标编码", 22, AsText), new("指标名称", 24, AsText), new("参评支部数", 11), new("平均得分", 10, Points), new("满分", 8, Points), new("平均得分率", 11, Percent), new("满分支部数", 11), new("满分占比", 10, Percent), new("零分支部数", 11)];

    private static void IndicatorTable(ExcelWorksheet sheet, IReadOnlyList<IndicatorStat> stats)
    {
        var row = 2;
        foreach (var stat in stats)
        {
            Text(sheet, row, 1, stat.Code);
            Text(sheet, row, 2, stat.Name);
            Number(sheet, row, 3, stat.Branches);
            Number(sheet, row, 4, stat.AverageScore);
            Number(sheet, row, 5, stat.MaxScore);
            Number(sheet, row, 6, stat.AverageRatio);
            Number(sheet, row, 7, stat.FullMarks);
            Number(sheet, row, 8, stat.FullMarksShare);
            Number(sheet, row, 9, stat.Zero);
            row++;
        }

        ColumnFormats(sheet, row - 1, IndicatorColumns);
    }

    /// <summary>A few cells, each styled on its own: the title, the facts and the categories.</summary>
    private static void WriteSummary(ExcelWorksheet sheet, QuarterlyReport report)
    {
        sheet.Column(1).Width = 18;
        sheet.Column(2).Width = 44;
        for (var c = 3; c <= 7; c++)
        {
            sheet.Column(c).Width = 11;
        }

        ExcelExport.SetText(sheet.Cells[1, 1], report.Title);
        sheet.Cells[1, 1].Style.Font.Bold = true;
        sheet.Cells[1, 1].Style.Font.Size = 14;
        var facts = new (string Label, string Value)[]
        {
            ("考核期", report.Quarter.ToString()),
            ("范围", report.ScopeName),
            ("状态", report.State.DisplayName() + (report.State == PeriodState.Scoring ? "（未公示，仅供预览）" : "")),
            ("公示时间", report.PublishedAt is { } published ? ChinaTime.Format(published) : "—"),
            ("申诉截止", report.AppealsCloseAt is { } close ? ChinaTime.Format(close) : "—"),
            ("参评支部", report.BranchCount.ToString(CultureInfo.InvariantCulture)),
            ("平均得分率", report.AverageRatio.ToString("0.0%", CultureInfo.InvariantCulture)),
            ("无差别考核判定", $"满分支部占比≥{report.Rules.FullMarksShare.ToString("0.#%", CultureInfo.InvariantCulture)}且参评支部≥{report.Rules.MinBranchesForFlag}个的指标"),
            ("无差别考核指标", report.UniformIndicators.Count.ToString(CultureInfo.InvariantCulture)),
        };
        var row = 3;
        foreach (var (label, value) in facts)
        {
            ExcelExport.SetText(sheet.Cells[row, 1], label);
            sheet.Cells[row, 1].Style.Font.Bold = true;
            ExcelExport.SetText(sheet.Cells[row, 2], value);
            row++;
        }

        row++;
        string[] headers = ["类别", "支部数", "平均分", "满分", "最高分", "最低分"];
        for (var c = 0; c < headers.Length; c++)
        {
            ExcelExport.SetText(sheet.Cells[row, c + 1], headers[c]);
            Header(sheet.Cells[row, c + 1]);
        }

        foreach (var category in report.Categories)
        {
            row++;
            ExcelExport.SetText(sheet.Cells[row, 1], category.CategoryName);
            Number(sheet, row, 2, category.Branches);
            Number(sheet, row, 3, category.AverageTotal);
            Number(sheet, row, 4, category.MaxPoints);
            Number(sheet, row, 5, category.HighestTotal);
            Number(sheet, row, 6, category.LowestTotal);
            sheet.Cells[row, 3, row, 6].Style.Numberformat.Format = Points;
        }
    }

    private static ExcelWorksheet Table(ExcelPackage package, string name, Column[] columns)
    {
        var sheet = package.Workbook.Worksheets.Add(name);
        for (var c = 0; c < columns.Length; c++)
        {
            ExcelExport.SetText(sheet.Cells[1, c + 1], columns[c].Header);
            Header(sheet.Cells[1, c + 1]);
            sheet.Column(c + 1).Width = columns[c].Width;
        }

        sheet.View.FreezePanes(2, 1);
        return sheet;
    }

    /// <summary>
    /// One number format per column, set once after the rows (text columns as text, <c>@</c>): a format set cell by
    /// cell made EPPlus look up and copy the style of every cell, most of the time of a province's report (issue 11).
    /// The first row's cell gets the format, and the column gets that cell's style by its id: EPPlus writes every cell
    /// without a style of its own (all the cells below) with its column's style, so each cell still carries the format
    /// in the file, and no cell is visited to set it. (Setting the style of the range below visited each of a
    /// province's 100,000 cells per column: 0.3 s of the report.) The header keeps its own style.
    /// </summary>
    private static void ColumnFormats(ExcelWorksheet sheet, int lastRow, Column[] columns)
    {
        if (lastRow < 2)
        {
            return;
        }

        for (var c = 0; c < columns.Length; c++)
        {
            if (columns[c].Format is { } format)
            {
                var first = sheet.Cells[2, c + 1];
                first.Style.Numberformat.Format = format;
                sheet.Column(c + 1).StyleID = first.StyleID;
            }
        }
    }

    private static void Header(ExcelRange cell)
    {
        cell.Style.Font.Bold = true;
        cell.Style.Fill.PatternType = ExcelFillStyle.Solid;
        cell.Style.Fill.BackgroundColor.SetColor(Color.FromArgb(0xFF, 0xF2, 0xF2, 0xF2));
    }

    /// <summary>
    /// A text cell of a table, neutralised (<see cref="ExcelExport.Neutralize"/>); its column's text format comes from
    /// <see cref="ColumnFormats"/>. <c>SetValue</c> writes the cell store directly instead of building a range per cell.
    /// </summary>
    private static void Text(ExcelWorksheet sheet, int row, int column, string? text) => sheet.SetValue(row, column, ExcelExport.Neutralize(text));

    /// <summary>A number cell, as the double EPPlus would write for the decimal anyway.</summary>
    private static void Number(ExcelWorksheet sheet, int row, int column, decimal value) => sheet.SetValue(row, column, (double)value);
}
