using Appraisal.PartyBuilding.Core.Imports;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Excel.Organizations;

namespace Appraisal.PartyBuilding.Excel.Tests;

public class OrganizationSheetTests
{
    private static OrganizationSheetResult Read(params object?[][] rows) => OrganizationSheet.Read(TestFiles.Organizations(rows));

    private static ImportError Single(params object?[][] rows)
    {
        var result = Read(rows);
        Assert.Empty(result.Rows);
        return Assert.Single(result.Errors);
    }

    private static readonly object?[] GoodBranch = ["ZB01", "第一党支部", "DW01", "党支部", "生产运行型", 12, 5, "一组;二组"];

    private static object?[] Branch(int column, object? value)
    {
        var row = (object?[])GoodBranch.Clone();
        row[column] = value;
        return row;
    }

    [Fact]
    public void Good_rows_are_parsed()
    {
        var result = Read(
            ["DW01", "某某党委", "ROOT", "党委"],
            ["ZZ01", "某某党总支", "DW01", "党总支", "", null, null, "  "],
            GoodBranch);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var committee = result.Rows[0];
        Assert.Equal((2, "DW01", "某某党委", "ROOT", OrganizationKind.PartyCommittee, (string?)null, (int?)null, (int?)null, 0),
            (committee.Row, committee.Code, committee.Name, committee.ParentCode, committee.Kind, committee.CategoryText, committee.MemberCount, committee.CommitteeSize, committee.Groups.Count));
        Assert.Empty(result.Rows[1].Groups);
        var branch = result.Rows[2];
        Assert.Equal((4, "ZB01", "DW01", OrganizationKind.Branch, "生产运行型", 12, 5), (branch.Row, branch.Code, branch.ParentCode, branch.Kind, branch.CategoryText, branch.MemberCount, branch.CommitteeSize));
        Assert.Equal(["一组", "二组"], branch.Groups);
    }

    [Fact]
    public void Traditional_branch_kind_is_accepted()
    {
        var result = Read(Branch(3, " 黨支部 "));
        Assert.True(result.Succeeded);
        Assert.Equal(OrganizationKind.Branch, Assert.Single(result.Rows).Kind);
    }

    [Fact]
    public void Numbers_written_as_text_are_accepted()
    {
        var result = Read(Branch(5, "12"));
        Assert.Equal(12, Assert.Single(result.Rows).MemberCount);
    }

    [Fact]
    public void Code_is_required() =>
        Assert.Equal(new ImportError(2, "A", "“组织编码”不能为空"), Single(Branch(0, "  ")));

    [Fact]
    public void Code_longer_than_50_is_rejected() =>
        Assert.Equal(new ImportError(2, "A", "“组织编码”不能超过50个字符"), Single(Branch(0, new string('A', 51))));

    [Fact]
    public void Code_with_other_characters_is_rejected() =>
        Assert.Equal(new ImportError(2, "A", "“组织编码”只能包含英文字母、数字、“-”和“_”"), Single(Branch(0, "ZB 01/党")));

    [Fact]
    public void Code_of_50_letters_digits_dash_underscore_is_accepted() =>
        Assert.True(Read(Branch(0, "Ab-_9" + new string('x', 45))).Succeeded);

    [Fact]
    public void Name_is_required() =>
        Assert.Equal(new ImportError(2, "B", "“组织名称”不能为空"), Single(Branch(1, null)));

    [Fact]
    public void Name_longer_than_100_is_rejected() =>
        Assert.Equal(new ImportError(2, "B", "“组织名称”不能超过100个字符"), Single(Branch(1, new string('名', 101))));

    [Fact]
    public void Parent_is_required() =>
        Assert.Equal(new ImportError(2, "C", "“上级组织编码”不能为空"), Single(Branch(2, "")));

    [Fact]
    public void Kind_is_required() =>
        Assert.Equal(new ImportError(2, "D", "“组织类型”不能为空"), Single(Branch(3, null)));

    [Fact]
    public void Unknown_kind_is_rejected() =>
        Assert.Equal(new ImportError(2, "D", "“组织类型”应为党委、党总支或党支部，实际为“党小组”"), Single(Branch(3, "党小组")));

    [Fact]
    public void Branch_category_is_required() =>
        Assert.Equal(new ImportError(2, "E", "“支部类别”不能为空（党支部必填）"), Single(Branch(4, null)));

    [Fact]
    public void Branch_member_count_is_required() =>
        Assert.Equal(new ImportError(2, "F", "“党员人数”不能为空（党支部必填）"), Single(Branch(5, null)));

    [Fact]
    public void Negative_member_count_is_rejected() =>
        Assert.Equal(new ImportError(2, "F", "“党员人数”不能为负数"), Single(Branch(5, -3)));

    [Fact]
    public void Member_count_that_is_not_a_number_is_rejected() =>
        Assert.Equal(new ImportError(2, "F", "“党员人数”应为整数，实际为“abc”"), Single(Branch(5, "abc")));

    [Fact]
    public void Fractional_member_count_is_rejected() =>
        Assert.Equal(new ImportError(2, "F", "“党员人数”应为整数，实际为“12.5”"), Single(Branch(5, 12.5)));

    [Fact]
    public void Negative_committee_size_is_rejected() =>
        Assert.Equal(new ImportError(2, "G", "“支委人数”不能为负数"), Single(Branch(6, "-1")));

    [Fact]
    public void Committee_size_that_is_not_a_number_is_rejected() =>
        Assert.Equal(new ImportError(2, "G", "“支委人数”应为整数，实际为“五”"), Single(Branch(6, "五")));

    [Fact]
    public void Empty_committee_size_is_zero() =>
        Assert.Equal(0, Assert.Single(Read(Branch(6, null)).Rows).CommitteeSize);

    [Fact]
    public void Groups_are_split_on_both_semicolons_trimmed_and_empties_dropped() =>
        Assert.Equal(["一组", "二组", "三组"], Assert.Single(Read(Branch(7, " 一组 ；二组; ;;三组；")).Rows).Groups);

    [Fact]
    public void Duplicate_group_in_one_cell_is_rejected() =>
        Assert.Equal(new ImportError(2, "H", "“党小组”中“一组”重复"), Single(Branch(7, "一组；二组;一组")));

    [Fact]
    public void Group_name_longer_than_50_is_rejected()
    {
        var longName = new string('组', 51);
        Assert.Equal(new ImportError(2, "H", $"党小组名称“{longName}”不能超过50个字符"), Single(Branch(7, "一组;" + longName)));
    }

    [Fact]
    public void Party_committee_must_leave_the_last_four_columns_empty()
    {
        var result = Read(["DW01", "某某党委", "ROOT", "党委", "生产运行型", 10, 0, "一组"]);
        Assert.Empty(result.Rows);
        Assert.Equal(
        [
            new ImportError(2, "E", "组织类型为党委时“支部类别”应为空（仅党支部填写）"),
            new ImportError(2, "F", "组织类型为党委时“党员人数”应为空（仅党支部填写）"),
            new ImportError(2, "G", "组织类型为党委时“支委人数”应为空（仅党支部填写）"),
            new ImportError(2, "H", "组织类型为党委时“党小组”应为空（仅党支部填写）"),
        ], result.Errors);
    }

    [Fact]
    public void General_branch_must_leave_the_last_four_columns_empty() =>
        Assert.Equal(new ImportError(2, "F", "组织类型为党总支时“党员人数”应为空（仅党支部填写）"),
            Single(["ZZ01", "某某党总支", "DW01", "党总支", null, 0]));

    [Fact]
    public void Every_bad_cell_of_every_row_is_listed()
    {
        var result = Read(
            ["", "某某党委", "ROOT", "党委"],
            GoodBranch,
            ["ZB02", "", "", "党支部", "", "abc", -1, "甲;甲"]);
        Assert.Equal("ZB01", Assert.Single(result.Rows).Code);
        Assert.Equal(["ZB02"], result.RejectedCodes);
        Assert.Equal(
        [
            new ImportError(2, "A", "“组织编码”不能为空"),
            new ImportError(4, "B", "“组织名称”不能为空"),
            new ImportError(4, "C", "“上级组织编码”不能为空"),
            new ImportError(4, "E", "“支部类别”不能为空（党支部必填）"),
            new ImportError(4, "F", "“党员人数”应为整数，实际为“abc”"),
            new ImportError(4, "G", "“支委人数”不能为负数"),
            new ImportError(4, "H", "“党小组”中“甲”重复"),
        ], result.Errors);
    }

    [Fact]
    public void Formula_cell_is_reported_once()
    {
        var file = TestFiles.Xlsx(sheet =>
        {
            for (var c = 0; c < OrganizationSheet.Headers.Count; c++)
            {
                sheet.Cells[1, c + 1].Value = OrganizationSheet.Headers[c];
            }

            for (var c = 0; c < GoodBranch.Length; c++)
            {
                sheet.Cells[2, c + 1].Value = GoodBranch[c];
            }

            sheet.Cells[2, 6].Formula = "SUM(1,2)";
        });
        var result = OrganizationSheet.Read(file);
        Assert.Equal(new ImportError(2, "F", "单元格含公式，请填写数值或文本"), Assert.Single(result.Errors));
    }

    [Fact]
    public void Wrong_header_is_reported_on_row_1()
    {
        var header = OrganizationSheet.Headers.ToArray();
        header[2] = "上级编码";
        var result = OrganizationSheet.Read(TestFiles.WithHeader(header, GoodBranch));
        Assert.Equal(new ImportError(1, "C", "C列表头应为“上级组织编码”，实际为“上级编码”"), Assert.Single(result.Errors));
    }

    [Fact]
    public void Missing_column_is_reported_on_row_1()
    {
        var header = OrganizationSheet.Headers.Where(h => h != "支部类别").ToArray();
        var result = OrganizationSheet.Read(TestFiles.WithHeader(header, ["DW01", "党委", "ROOT", "党委"]));
        Assert.Equal(new ImportError(1, "E", "缺少列“支部类别”（应在E列）"), Assert.Single(result.Errors));
    }
}
