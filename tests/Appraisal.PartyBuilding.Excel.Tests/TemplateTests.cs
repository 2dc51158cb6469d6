using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Excel.Organizations;
using OfficeOpenXml;
using OfficeOpenXml.DataValidation;
using OfficeOpenXml.DataValidation.Contracts;

namespace Appraisal.PartyBuilding.Excel.Tests;

public class TemplateTests
{
    private static readonly (string Code, string Name)[] Categories =
    [
        ("one-plus-n/management", "机关管理型"),
        ("one-plus-n/operations", "生产运行型"),
        ("community/urban", "城市社区党支部"),
    ];

    private static ExcelPackage OpenTemplate() => new(new MemoryStream(OrganizationTemplate.Create(Categories)));

    [Fact]
    public void Template_has_a_bold_frozen_header_with_explicit_widths_and_text_columns()
    {
        using var package = OpenTemplate();
        var sheets = package.Workbook.Worksheets.ToList();
        Assert.Equal(["组织", "填写说明", "Lists"], sheets.Select(s => s.Name));
        var data = sheets[0];
        Assert.Equal(OrganizationSheet.Headers, Enumerable.Range(1, 8).Select(c => data.Cells[1, c].Text));
        Assert.All(Enumerable.Range(1, 8), c => Assert.True(data.Cells[1, c].Style.Font.Bold));
        Assert.Contains("state=\"frozen\"", data.WorksheetXml.OuterXml);
        Assert.Equal(16, data.Column(1).Width, 1);
        Assert.Equal(30, data.Column(2).Width, 1);
        Assert.Equal("@", data.Cells[2, 1].Style.Numberformat.Format);
        Assert.Equal("@", data.Cells[10001, 8].Style.Numberformat.Format);
        Assert.NotEqual("@", data.Cells[2, 6].Style.Numberformat.Format);
    }

    [Fact]
    public void Template_has_drop_downs_for_kind_and_category_from_a_hidden_sheet()
    {
        using var package = OpenTemplate();
        var data = package.Workbook.Worksheets["组织"];
        var lists = package.Workbook.Worksheets["Lists"];
        Assert.Equal(eWorkSheetHidden.Hidden, lists.Hidden);

        var validations = data.DataValidations.OfType<IExcelDataValidationList>().OrderBy(v => v.Address.Address).ToList();
        Assert.Equal(["D2:D10001", "E2:E10001"], validations.Select(v => v.Address.Address));
        Assert.Equal("Lists!$D$1:$D$3", validations[0].Formula.ExcelFormula);
        Assert.Equal("Lists!$E$1:$E$3", validations[1].Formula.ExcelFormula);
        Assert.Equal(ExcelDataValidationWarningStyle.stop, validations[0].ErrorStyle);
        Assert.Equal(ExcelDataValidationWarningStyle.warning, validations[1].ErrorStyle);
        Assert.Equal(["党委", "党总支", "党支部"], Enumerable.Range(1, 3).Select(r => lists.Cells[r, 4].Text));
        Assert.Equal(["机关管理型", "生产运行型", "城市社区党支部"], Enumerable.Range(1, 3).Select(r => lists.Cells[r, 5].Text));
    }

    [Fact]
    public void Template_has_a_help_sheet_with_one_line_per_column()
    {
        using var package = OpenTemplate();
        var help = package.Workbook.Worksheets["填写说明"];
        for (var i = 0; i < OrganizationSheet.Headers.Count; i++)
        {
            Assert.Equal(ExcelColumns.Letter(i + 1), help.Cells[i + 2, 1].Text);
            Assert.Equal(OrganizationSheet.Headers[i], help.Cells[i + 2, 2].Text);
            Assert.False(string.IsNullOrWhiteSpace(help.Cells[i + 2, 3].Text));
        }

        Assert.Contains("城市社区党支部=community/urban", help.Cells[6, 3].Text);
    }

    [Fact]
    public void Template_without_categories_has_no_category_drop_down()
    {
        using var package = new ExcelPackage(new MemoryStream(OrganizationTemplate.Create([])));
        var validation = Assert.Single(package.Workbook.Worksheets["组织"].DataValidations);
        Assert.Equal("D2:D10001", validation.Address.Address);
    }

    [Fact]
    public void Template_round_trip_filled_in_reads_back_and_plans()
    {
        byte[] filled;
        using (var package = OpenTemplate())
        {
            var data = package.Workbook.Worksheets["组织"];
            object?[][] rows =
            [
                ["ZB01", "第一党支部", "ZZ01", "党支部", "生产运行型", 12, 5, "一组；二组"],
                ["ZZ01", "第一党总支", "DW01", "党总支"],
                ["DW01", "某某党委", "ROOT", "党委"],
                ["001", "第二党支部", "DW01", "党支部", "community/urban", 6, null, null],
            ];
            for (var r = 0; r < rows.Length; r++)
            {
                for (var c = 0; c < rows[r].Length; c++)
                {
                    data.Cells[r + 2, c + 1].Value = rows[r][c];
                }
            }

            filled = package.GetAsByteArray();
        }

        var sheet = OrganizationSheet.Read(new MemoryStream(filled));
        Assert.True(sheet.Succeeded, string.Join("; ", sheet.Errors));
        Assert.Equal([2, 3, 4, 5], sheet.Rows.Select(r => r.Row));
        Assert.Equal("001", sheet.Rows[3].Code);

        var root = new ExistingOrganization("ROOT", "根", OrganizationKind.PartyCommittee, null, "/ROOT/", null, null, null, []);
        var plan = OrganizationImportPlanner.Plan(sheet.Rows, [root], Categories, "ROOT");
        Assert.True(plan.Succeeded, string.Join("; ", plan.Errors));
        Assert.Equal(["DW01", "ZZ01", "001", "ZB01"], plan.Plan!.Inserts.Select(p => p.Code));
        Assert.Equal("community/urban", plan.Plan.Inserts[2].CategoryCode);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+86 123", "'+86 123")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("第一党支部", "第一党支部")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    public void Export_neutralises_formula_like_text(string text, string expected) =>
        Assert.Equal(expected, ExcelExport.Neutralize(text));

    [Fact]
    public void Export_neutralise_keeps_null() => Assert.Null(ExcelExport.Neutralize(null));

    [Fact]
    public void Export_set_text_stores_a_neutralised_string_never_a_formula()
    {
        byte[] bytes;
        using (var package = new ExcelPackage())
        {
            var sheet = package.Workbook.Worksheets.Add("导出");
            ExcelExport.SetText(sheet.Cells[1, 1], "=HYPERLINK(\"http://evil\",\"点我\")");
            ExcelExport.SetText(sheet.Cells[1, 2], "正常文本");
            bytes = package.GetAsByteArray();
        }

        using var reopened = new ExcelPackage(new MemoryStream(bytes));
        var cell = reopened.Workbook.Worksheets.First().Cells[1, 1];
        Assert.Equal(string.Empty, cell.Formula);
        Assert.Equal("'=HYPERLINK(\"http://evil\",\"点我\")", cell.Value);
        Assert.Equal("@", cell.Style.Numberformat.Format);
        Assert.Equal("正常文本", reopened.Workbook.Worksheets.First().Cells[1, 2].Value);
    }

    [Fact]
    public void Column_letters()
    {
        Assert.Equal(["A", "H", "Z", "AA", "AZ", "BA", "XFD"], new[] { 1, 8, 26, 27, 52, 53, 16384 }.Select(ExcelColumns.Letter));
    }
}
