using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Imports;
using Appraisal.PartyBuilding.Excel.Records;
using OfficeOpenXml;
using OfficeOpenXml.DataValidation.Contracts;

namespace Appraisal.PartyBuilding.Excel.Tests;

public sealed class RecordSheetTests
{
    private static RecordSheetResult Read(params object?[][] rows) => RecordSheet.Read(TestFiles.WithHeader(RecordSheet.Headers, rows));

    [Fact]
    public void Simplified_and_Traditional_names_codes_and_surrounding_spaces_are_read()
    {
        var result = Read(
            ["ZB01", "支部委员会", "2026-07-03", 5, 4, "研究工作", null],
            ["ZB01", " 支部黨員大會 ", "2026/7/15", "20", "18", "学习", null],
            ["ZB01", "黨小組會", "2026年7月20日", 8, 8.0, "学习", "一组"],
            ["ZB01", "主題黨日", "2026.7.1", 20, 19, "志愿服务", null],
            ["ZB01", "lecture", "20260725", 20, 19, "党课", null]);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal([MeetingType.Committee, MeetingType.Assembly, MeetingType.Group, MeetingType.ThemeDay, MeetingType.Lecture], result.Rows.Select(r => r.Entry.Type));
        Assert.Equal([new DateOnly(2026, 7, 3), new(2026, 7, 15), new(2026, 7, 20), new(2026, 7, 1), new(2026, 7, 25)], result.Rows.Select(r => r.Entry.Date));
        Assert.Equal("一组", result.Rows[2].Entry.GroupName);
        Assert.Equal(8, result.Rows[2].Entry.Present);
        Assert.Equal([2, 3, 4, 5, 6], result.Rows.Select(r => r.Row));
    }

    [Fact]
    public void A_real_date_cell_is_read_as_its_date()
    {
        var file = TestFiles.Xlsx(sheet =>
        {
            for (var c = 0; c < RecordSheet.Headers.Count; c++)
            {
                sheet.Cells[1, c + 1].Value = RecordSheet.Headers[c];
            }

            sheet.Cells[2, 1].Value = "ZB01";
            sheet.Cells[2, 2].Value = "党课";
            sheet.Cells[2, 3].Value = new DateTime(2026, 8, 16);
            sheet.Cells[2, 3].Style.Numberformat.Format = "yyyy-mm-dd";
            sheet.Cells[2, 4].Value = 20;
            sheet.Cells[2, 5].Value = 19;
            sheet.Cells[2, 6].Value = "专题党课";
        });

        var row = Assert.Single(RecordSheet.Read(file).Rows);
        Assert.Equal(new DateOnly(2026, 8, 16), row.Entry.Date);
    }

    [Fact]
    public void Every_bad_cell_is_reported_by_row_and_column()
    {
        var result = Read(
            [null, "支委会", "2026-13-01", "五", 4.5, "学习", null],
            ["ZB01", "支部委员会", "", "", "", "学习", null],
            ["ZB01", "党课", "2026-07-01", 20, 19, "学习", null]);

        Assert.Equal(
            [
                (2, "A", "“支部编码”不能为空"),
                (2, "B", $"“会议类型”应为{RecordSheet.TypeNames}之一，实际为“支委会”"),
                (2, "C", "“日期”应为日期，如2026-07-03，实际为“2026-13-01”"),
                (2, "D", "“应到人数”应为整数，实际为“五”"),
                (2, "E", "“实到人数”应为整数，实际为“4.5”"),
                (3, "C", "“日期”不能为空"),
                (3, "D", "“应到人数”不能为空"),
                (3, "E", "“实到人数”不能为空"),
            ],
            result.Errors.Select(e => (e.Row, e.Column, e.Message)));
        Assert.Equal([4], result.Rows.Select(r => r.Row));
    }

    [Fact]
    public void Negative_numbers_parse_so_that_the_rules_report_them()
    {
        var row = Assert.Single(Read(["ZB01", "党课", "2026-07-01", -3, -1, "学习", null]).Rows);
        Assert.Equal((-3, -1), (row.Entry.Expected, row.Entry.Present));
    }

    [Fact]
    public void The_header_must_be_exact()
    {
        var result = RecordSheet.Read(TestFiles.WithHeader(["支部编码", "会议类型", "日期", "应到", "实到人数", "主题", "党小组"], ["ZB01", "党课", "2026-07-01", 20, 19, "学习", null]));

        Assert.Equal(new ImportError(1, "D", "D列表头应为“应到人数”，实际为“应到”"), Assert.Single(result.Errors));
        Assert.Empty(result.Rows);
    }

    [Fact]
    public void Template_has_the_contract_header_help_and_drop_downs_for_type_branch_and_group()
    {
        using var package = new ExcelPackage(new MemoryStream(RecordTemplate.Create(["ZB02", "ZB01"], ["二组", "一组", "一组"])));
        var data = package.Workbook.Worksheets[RecordTemplate.SheetName];
        Assert.Same(data, package.Workbook.Worksheets.First());
        Assert.Equal(RecordSheet.Headers, Enumerable.Range(1, 7).Select(c => data.Cells[1, c].Text));
        var help = package.Workbook.Worksheets[TemplateWriter.HelpSheetName];
        Assert.All(Enumerable.Range(0, 7), i => Assert.Equal(RecordSheet.Headers[i], help.Cells[i + 2, 2].Text));

        var validations = data.DataValidations.OfType<IExcelDataValidationList>().OrderBy(v => v.Address.Address).ToList();
        Assert.Equal(["A2:A10001", "B2:B10001", "G2:G10001"], validations.Select(v => v.Address.Address));
        var lists = package.Workbook.Worksheets[TemplateWriter.ListsSheetName];
        Assert.Equal(["ZB01", "ZB02"], Enumerable.Range(1, 2).Select(r => lists.Cells[r, 1].Text));
        Assert.Equal(["支部党员大会", "支部委员会", "党小组会", "党课", "主题党日", "组织生活会", "民主评议党员"], Enumerable.Range(1, 7).Select(r => lists.Cells[r, 2].Text));
        Assert.Equal(["一组", "二组"], Enumerable.Range(1, 2).Select(r => lists.Cells[r, 7].Text));
        Assert.Equal("", lists.Cells[3, 7].Text);
    }

    [Fact]
    public void Template_states_the_row_limit_it_is_given()
    {
        string Notes(byte[] bytes)
        {
            using var package = new ExcelPackage(new MemoryStream(bytes));
            var help = package.Workbook.Worksheets[TemplateWriter.HelpSheetName];
            return string.Join("\n", Enumerable.Range(1, help.Dimension.End.Row).Select(r => help.Cells[r, 1].Text));
        }

        Assert.Contains("、10000行；", Notes(RecordTemplate.Create(["ZB01"], ["一组"])), StringComparison.Ordinal);
        var limited = Notes(RecordTemplate.Create(["ZB01"], ["一组"], maxDataRows: 500));
        Assert.Contains("单个文件不超过5 MB、500行；", limited, StringComparison.Ordinal);
        Assert.DoesNotContain("10000行", limited, StringComparison.Ordinal);
    }

    [Fact]
    public void A_filled_in_template_reads_back()
    {
        var bytes = RecordTemplate.Create(["ZB01"], ["一组"]);
        using var package = new ExcelPackage(new MemoryStream(bytes));
        var data = package.Workbook.Worksheets[RecordTemplate.SheetName];
        data.Cells[2, 1].Value = "ZB01";
        data.Cells[2, 2].Value = "党小组会";
        data.Cells[2, 3].Value = "2026-10-12";
        data.Cells[2, 4].Value = 8;
        data.Cells[2, 5].Value = 7;
        data.Cells[2, 6].Value = "学习";
        data.Cells[2, 7].Value = "一组";

        var result = RecordSheet.Read(new MemoryStream(package.GetAsByteArray()));

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal("一组", Assert.Single(result.Rows).Entry.GroupName);
    }
}
