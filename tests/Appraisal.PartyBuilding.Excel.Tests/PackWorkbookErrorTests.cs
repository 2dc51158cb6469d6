using Appraisal.PartyBuilding.Core.Imports;
using Appraisal.PartyBuilding.Excel.Packs;
using static Appraisal.PartyBuilding.Excel.Packs.PackWorkbookLayout;

namespace Appraisal.PartyBuilding.Excel.Tests;

/// <summary>
/// One test per kind of mistake in a pack workbook: each breaks one thing in <see cref="PackWorkbookFile.Valid"/> and
/// expects exactly the error (row as Excel shows it, column letter, message naming the sheet), and no pack.
/// </summary>
public sealed class PackWorkbookErrorTests
{
    private const string Category = PackWorkbookFile.Category;

    [Fact]
    public void Indicator_points_that_do_not_add_up_to_the_dimension_max()
    {
        AssertSingle(f => f.Set(IndicatorsSheet, 3, "满分", 11),
            3, "D", "工作表“指标”：维度“service”的“维度满分”为30，但其3行指标的满分之和为29");
    }

    [Fact]
    public void Category_total_that_differs_from_its_dimensions()
    {
        AssertSingle(f => f.Set(CategoriesSheet, 2, "满分合计", 95),
            2, "C", "工作表“类别”：类别“town-offices/department”的“满分合计”为95，但“指标”工作表中各维度满分之和为100（shyk 40、service 30、conduct 30）");
    }

    [Fact]
    public void Dimension_without_a_declared_max()
    {
        AssertSingle(f => f.Set(IndicatorsSheet, 3, "维度满分", null),
            3, "D", "工作表“指标”：维度“service”没有填写“维度满分”（该维度至少一行填写，用于核对指标满分之和）");
    }

    [Fact]
    public void Dimension_max_that_disagrees_between_rows()
    {
        AssertSingle(f => f.Set(IndicatorsSheet, 7, "维度满分", 25),
            7, "D", "工作表“指标”：维度“conduct”的“维度满分”25与第6行的30不一致");
    }

    [Fact]
    public void Rule_parameter_that_is_not_a_number()
    {
        AssertSingle(f => f.Set(IndicatorsSheet, 4, "门槛值", "八十"),
            4, "O", "工作表“指标”：“门槛值”“八十”不是数字");
    }

    [Fact]
    public void Kpi_target_on_the_wrong_side_of_the_threshold_for_its_direction()
    {
        AssertSingle(f => f.Set(IndicatorsSheet, 4, "方向", "越低越好"),
            4, "P", "工作表“指标”：方向为“越低越好”时“目标值”100不能大于“门槛值”80");
    }

    [Fact]
    public void Rating_weights_that_do_not_sum_to_one()
    {
        AssertSingle(f => f.Set(IndicatorsSheet, 3, "服务对象权重", 0.4),
            3, "S", "工作表“指标”：“领导权重”“同级权重”“服务对象权重”之和为0.9，应为1");
    }

    [Fact]
    public void Rating_weight_out_of_range()
    {
        AssertSingle(f => f.Set(IndicatorsSheet, 3, "领导权重", "130%"),
            3, "S", "工作表“指标”：“领导权重”“130%”应为0到1之间的小数（如0.3）或百分数（如30%）");
    }

    [Fact]
    public void Required_rule_parameter_left_empty()
    {
        AssertSingle(f => f.Set(IndicatorsSheet, 6, "每次分值", null),
            6, "L", "工作表“指标”：计分方式为“扣分”时“每次分值”不能为空");
    }

    [Fact]
    public void Parameter_of_another_rule_kind_filled_in()
    {
        AssertSingle(f => f.Set(IndicatorsSheet, 5, "门槛值", 3),
            5, "O", "工作表“指标”：计分方式为“加分”时“门槛值”应留空");
    }

    [Fact]
    public void Unknown_rule_kind()
    {
        AssertSingle(f => f.Set(IndicatorsSheet, 8, "计分方式", "打分"),
            8, "H", "工作表“指标”：“计分方式”“打分”无效，应为：会议频次、人工评分、扣分、KPI目标、测评、加分、否决、三会一课标准");
    }

    [Fact]
    public void Unknown_meeting_type()
    {
        AssertSingle(f => f.Set(IndicatorsSheet, 7, "会议类型", "支部大会"),
            7, "I", "工作表“指标”：“会议类型”“支部大会”无效，应为：支部党员大会、支部委员会、党小组会、党课、主题党日、组织生活会、民主评议党员");
    }

    [Fact]
    public void Meeting_type_and_unit_codes_are_accepted_too()
    {
        using var file = PackWorkbookFile.Valid().Set(IndicatorsSheet, 7, "会议类型", "review").Set(IndicatorsSheet, 7, "计数单位", "year");

        Assert.True(file.Read().Succeeded);
    }

    [Fact]
    public void Duplicate_indicator_code_in_a_category()
    {
        AssertSingle(f => f.Set(IndicatorsSheet, 5, "指标编码", "service.on-time"),
            5, "E", "工作表“指标”：“指标编码”“service.on-time”在类别“town-offices/department”中重复（第4行已有）");
    }

    [Fact]
    public void Indicator_code_that_clashes_with_the_standard_section()
    {
        AssertSingle(f => f.Set(IndicatorsSheet, 4, "指标编码", "shyk.committee"),
            4, "E", "工作表“指标”：“指标编码”“shyk.committee”在类别“town-offices/department”中重复（第2行已有）");
    }

    [Fact]
    public void Duplicate_category_code()
    {
        AssertSingle(f => f.CategoryRow(Category, "镇属站所", 100),
            3, "A", "工作表“类别”：“类别编码”“town-offices/department”重复（第2行已有）");
    }

    [Fact]
    public void Category_code_not_prefixed_by_the_pack_id()
    {
        AssertSingle(f => f.CategoryRow("offices/station", "站所", 40),
            3, "A", "工作表“类别”：“类别编码”“offices/station”无效：须以“town-offices/”开头，后接小写英文字母、数字或连字符，如 town-offices/department");
    }

    [Fact]
    public void Category_without_grades()
    {
        AssertSingle(f => f.CategoryRow("town-offices/station", "镇属站所", 40).Indicator("town-offices/station", "shyk", null, 40, null, null, null, StandardSection),
            3, "A", "工作表“类别”：类别“town-offices/station”在“等级”工作表中没有等级，请至少填写一个最低得分率为0的等级");
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("v1.0.0")]
    [InlineData("1.0.0.0")]
    public void Version_that_is_not_semver(string version)
    {
        AssertSingle(f => f.Set(ManifestSheet, 2, "版本", version),
            2, "B", $"工作表“指标包”：“版本”“{version}”不是有效的语义化版本号（SemVer，如 1.0.0、1.2.0-beta.1）");
    }

    [Fact]
    public void Pack_id_with_capitals_or_spaces()
    {
        AssertSingle(f => f.Set(ManifestSheet, 2, "包标识", "Town Offices"),
            2, "A", "工作表“指标包”：“包标识”“Town Offices”无效：只能由小写英文字母、数字和连字符（-）组成，最多50个字符，如 town-offices");
    }

    [Fact]
    public void Second_manifest_row()
    {
        AssertSingle(f => f.Set(ManifestSheet, 3, "包标识", "another"),
            3, "", "工作表“指标包”：只能填写一行（一个指标包），请删除多余的行");
    }

    [Fact]
    public void Wrong_header()
    {
        AssertSingle(f => f.Set(IndicatorsSheet, 1, "计分方式", "计分规则"),
            1, "H", "工作表“指标”：H列表头应为“计分方式”，实际为“计分规则”");
    }

    [Fact]
    public void Missing_sheet()
    {
        AssertSingle(f => f.Sheet(GradesSheet).Workbook.Worksheets.Delete(GradesSheet),
            0, "", "缺少工作表“等级”，请使用指标包模板填写");
    }

    [Fact]
    public void Sheet_without_data_rows()
    {
        AssertSingle(f => f.Sheet(GradesSheet).Cells["A2:C5"].Value = null,
            0, "", "工作表“等级”：没有数据行（第1行为表头，数据从第2行开始）");
    }

    [Fact]
    public void Grade_cap_that_is_not_a_grade_of_the_category()
    {
        AssertSingle(f => f.Set(IndicatorsSheet, 9, "等级上限", "一星"),
            9, "W", "工作表“指标”：“等级上限”“一星”不是类别“town-offices/department”的等级（“等级”工作表中为：优秀、良好、一般、较差）");
    }

    [Fact]
    public void Veto_with_points()
    {
        AssertSingle(f => f.Set(IndicatorsSheet, 9, "满分", 5),
            9, "G", "工作表“指标”：计分方式为“否决”的指标不计分，“满分”应为0或留空，实际为5");
    }

    [Fact]
    public void Lowest_grade_that_does_not_start_at_zero()
    {
        AssertSingle(f => f.Set(GradesSheet, 5, "最低得分率", 10),
            5, "C", "工作表“等级”：类别“town-offices/department”最低一档等级“较差”的“最低得分率”为10，应为0（否则得分率低于10%的支部没有等级）");
    }

    [Fact]
    public void Duplicate_grade_name()
    {
        AssertSingle(f => f.Set(GradesSheet, 4, "等级名称", "良好"),
            4, "B", "工作表“等级”：“等级名称”“良好”在类别“town-offices/department”中重复（第3行已有）");
    }

    [Fact]
    public void Standard_section_row_with_an_indicator_code()
    {
        AssertSingle(f => f.Set(IndicatorsSheet, 2, "指标编码", "shyk.all"),
            2, "E", "工作表“指标”：计分方式为“三会一课标准”时“指标编码”应留空：本行插入标准三会一课模块（5项指标共40分）");
    }

    [Fact]
    public void Indicator_added_to_the_standard_section_dimension()
    {
        using var file = PackWorkbookFile.Valid()
            .Indicator(Category, "shyk", null, null, "shyk.extra", "额外会议", 5, Manual, ("评分指引", "查看记录"));

        var result = file.Read();

        Assert.Null(result.Pack);
        Assert.Contains(new ImportError(11, "B", "工作表“指标”：维度“shyk”已由第2行的“三会一课标准”定义（5项指标共40分），不能再添加指标，请换一个维度编码"), result.Errors);
    }

    [Fact]
    public void Formula_cell_is_refused_not_evaluated()
    {
        AssertSingle(f => f.Sheet(IndicatorsSheet).Cells["G3"].Formula = "6+6",
            3, "G", "工作表“指标”：单元格含公式，请填写数值或文本");
    }

    [Fact]
    public void Indicator_of_a_category_not_on_the_categories_sheet()
    {
        using var file = PackWorkbookFile.Valid().Set(IndicatorsSheet, 5, "类别编码", "town-offices/unknown");

        var result = file.Read();

        Assert.Null(result.Pack);
        Assert.Contains(new ImportError(5, "A", "工作表“指标”：“类别编码”“town-offices/unknown”不在“类别”工作表中"), result.Errors);
    }

    [Fact]
    public void File_that_is_not_an_xlsx()
    {
        var result = PackWorkbook.Read(new MemoryStream("这不是Excel文件"u8.ToArray()));

        Assert.Null(result.Pack);
        Assert.Equal([new ImportError(0, "", "文件不是Excel（.xlsx）文件，请上传用模板填写的.xlsx文件")], result.Errors);
    }

    [Fact]
    public void Bad_category_code_is_reported_on_the_categories_sheet_only()
    {
        using var file = PackWorkbookFile.Valid().Set(CategoriesSheet, 2, "类别编码", "offices/department");
        for (var row = 2; row <= 10; row++)
        {
            file.Set(IndicatorsSheet, row, "类别编码", "offices/department");
        }

        for (var row = 2; row <= 5; row++)
        {
            file.Set(GradesSheet, row, "类别编码", "offices/department");
        }

        var result = file.Read();

        Assert.Equal(
            [new ImportError(2, "A", "工作表“类别”：“类别编码”“offices/department”无效：须以“town-offices/”开头，后接小写英文字母、数字或连字符，如 town-offices/department")],
            result.Errors);
    }

    [Fact]
    public void File_over_the_size_limit_is_refused_before_it_is_opened()
    {
        using var file = PackWorkbookFile.Valid();

        var result = PackWorkbook.Read(new MemoryStream(file.Bytes()), new SheetReaderOptions { MaxFileBytes = 1024 });

        Assert.Equal([new ImportError(0, "", "文件大小超过1 KB上限")], result.Errors);
    }

    [Fact]
    public void Every_error_is_listed_at_once_file_order_then_sheet_row_column()
    {
        using var file = PackWorkbookFile.Valid()
            .Set(GradesSheet, 5, "最低得分率", 10)
            .Set(IndicatorsSheet, 8, "计分方式", "打分")
            .Set(IndicatorsSheet, 3, "服务对象权重", 0.4)
            .Set(CategoriesSheet, 2, "满分合计", 95)
            .Set(ManifestSheet, 2, "版本", "1.0");

        var result = file.Read();

        Assert.Null(result.Pack);
        Assert.Equal(
            [
                new ImportError(2, "B", "工作表“指标包”：“版本”“1.0”不是有效的语义化版本号（SemVer，如 1.0.0、1.2.0-beta.1）"),
                new ImportError(2, "C", "工作表“类别”：类别“town-offices/department”的“满分合计”为95，但“指标”工作表中各维度满分之和为100（shyk 40、service 30、conduct 30）"),
                new ImportError(3, "S", "工作表“指标”：“领导权重”“同级权重”“服务对象权重”之和为0.9，应为1"),
                new ImportError(8, "H", "工作表“指标”：“计分方式”“打分”无效，应为：会议频次、人工评分、扣分、KPI目标、测评、加分、否决、三会一课标准"),
                new ImportError(5, "C", "工作表“等级”：类别“town-offices/department”最低一档等级“较差”的“最低得分率”为10，应为0（否则得分率低于10%的支部没有等级）"),
            ],
            result.Errors);
    }

    private static void AssertSingle(Action<PackWorkbookFile> breakIt, int row, string column, string message)
    {
        using var file = PackWorkbookFile.Valid();
        breakIt(file);

        var result = file.Read();

        Assert.Null(result.Pack);
        Assert.False(result.Succeeded);
        Assert.Equal([new ImportError(row, column, message)], result.Errors);
    }
}
