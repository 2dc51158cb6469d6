using Appraisal.PartyBuilding.Core.Imports;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Excel.Organizations;

namespace Appraisal.PartyBuilding.Excel.Tests;

public class OrganizationImportPlannerTests
{
    private static readonly (string Code, string Name)[] Categories =
    [
        ("one-plus-n/management", "机关管理型"),
        ("one-plus-n/operations", "生产运行型"),
        ("community/rural", "农村党支部"),
        ("other/rural", "农村党支部"),
    ];

    private static OrganizationImportRow Committee(int row, string code, string parent, string? name = null) =>
        new(row, code, name ?? code + "党委", parent, OrganizationKind.PartyCommittee, null, null, null, []);

    private static OrganizationImportRow General(int row, string code, string parent) =>
        new(row, code, code + "党总支", parent, OrganizationKind.GeneralBranch, null, null, null, []);

    private static OrganizationImportRow Branch(int row, string code, string parent, string category = "生产运行型", int members = 10, int committee = 3, params string[] groups) =>
        new(row, code, code + "党支部", parent, OrganizationKind.Branch, category, members, committee, groups);

    private static ExistingOrganization Stored(string code, OrganizationKind kind, string parent, string path) =>
        new(code, code, kind, parent, path, null, null, null, []);

    /// <summary>ROOT → DW01 (党委) → ZZ01 (党总支) → ZB01 (党支部); ROOT → DW02 (党委) → ZB02 (党支部).</summary>
    private static readonly ExistingOrganization[] Tree =
    [
        new("ROOT", "根", OrganizationKind.PartyCommittee, null, "/ROOT/", null, null, null, []),
        Stored("DW01", OrganizationKind.PartyCommittee, "ROOT", "/ROOT/DW01/"),
        Stored("ZZ01", OrganizationKind.GeneralBranch, "DW01", "/ROOT/DW01/ZZ01/"),
        Stored("ZB01", OrganizationKind.Branch, "ZZ01", "/ROOT/DW01/ZZ01/ZB01/"),
        Stored("DW02", OrganizationKind.PartyCommittee, "ROOT", "/ROOT/DW02/"),
        Stored("ZB02", OrganizationKind.Branch, "DW02", "/ROOT/DW02/ZB02/"),
    ];

    private static OrganizationImportPlanResult Plan(IReadOnlyList<OrganizationImportRow> rows, string scope = "ROOT", IEnumerable<ExistingOrganization>? existing = null) =>
        OrganizationImportPlanner.Plan(rows, existing ?? Tree, Categories, scope);

    private static ImportError SingleError(IReadOnlyList<OrganizationImportRow> rows, string scope = "ROOT", IEnumerable<ExistingOrganization>? existing = null)
    {
        var result = Plan(rows, scope, existing);
        Assert.Null(result.Plan);
        return Assert.Single(result.Errors);
    }

    private static OrganizationImportPlan Ok(IReadOnlyList<OrganizationImportRow> rows, string scope = "ROOT", IEnumerable<ExistingOrganization>? existing = null)
    {
        var result = Plan(rows, scope, existing);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return result.Plan!;
    }

    [Fact]
    public void A_row_under_a_row_rejected_for_its_cells_is_not_reported_again_but_other_rows_still_are()
    {
        var result = OrganizationImportPlanner.Plan(
            [Branch(3, "ZB10", "DW10"), Branch(4, "ZB11", "NOPE")],
            Tree,
            Categories,
            "ROOT",
            rejectedCodes: ["DW10"]);

        Assert.Null(result.Plan);
        Assert.Equal(new ImportError(4, "C", "上级组织编码“NOPE”不存在或不在您的管理范围内"), Assert.Single(result.Errors));
    }

    [Fact]
    public void Rejected_rows_leave_no_plan_even_when_every_other_row_is_good()
    {
        var result = OrganizationImportPlanner.Plan([Branch(3, "ZB10", "DW10")], Tree, Categories, "ROOT", rejectedCodes: ["DW10"]);

        Assert.False(result.Succeeded);
        Assert.Null(result.Plan);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void File_with_parent_below_child_is_planned_parents_first()
    {
        // The real file: branch first, its 党总支 next, the 党委 last.
        var sheet = OrganizationSheet.Read(TestFiles.Organizations(
            ["ZB10", "第十党支部", "ZZ10", "党支部", "生产运行型", 9, 3, "一组；二组"],
            ["ZZ10", "第十党总支", "DW10", "党总支"],
            ["DW10", "第十党委", "ROOT", "党委"]));
        Assert.True(sheet.Succeeded, string.Join("; ", sheet.Errors));
        var plan = Ok(sheet.Rows);
        Assert.Equal(["DW10", "ZZ10", "ZB10"], plan.Inserts.Select(p => p.Code));
        Assert.Equal(["/ROOT/DW10/", "/ROOT/DW10/ZZ10/", "/ROOT/DW10/ZZ10/ZB10/"], plan.Inserts.Select(p => p.Path));
        Assert.Equal(["ROOT", "DW10", "ZZ10"], plan.Inserts.Select(p => p.ParentCode));
        Assert.Equal("one-plus-n/operations", plan.Inserts[2].CategoryCode);
        Assert.Equal((3, 0, 0), (plan.InsertedCount, plan.UpdatedCount, plan.UnchangedCount));
    }

    [Fact]
    public void Traditional_branch_from_file_is_planned()
    {
        var sheet = OrganizationSheet.Read(TestFiles.Organizations(["ZB09", "第九党支部", "ZZ01", "黨支部", "机关管理型", 5, null, null]));
        var planned = Assert.Single(Ok(sheet.Rows).Inserts);
        Assert.Equal((OrganizationKind.Branch, "one-plus-n/management", 0, "/ROOT/DW01/ZZ01/ZB09/"), (planned.Kind, planned.CategoryCode, planned.CommitteeSize, planned.Path));
    }

    [Fact]
    public void Category_by_name_resolves_to_its_code() =>
        Assert.Equal("one-plus-n/operations", Assert.Single(Ok([Branch(2, "ZB09", "DW01", "生产运行型")]).Inserts).CategoryCode);

    [Fact]
    public void Category_by_code_is_accepted() =>
        Assert.Equal("community/rural", Assert.Single(Ok([Branch(2, "ZB09", "DW01", "community/rural")]).Inserts).CategoryCode);

    [Fact]
    public void Ambiguous_category_name_lists_the_codes() =>
        Assert.Equal(new ImportError(2, "E", "支部类别“农村党支部”对应多个类别（community/rural、other/rural），请填写类别编码"),
            SingleError([Branch(2, "ZB09", "DW01", "农村党支部")]));

    [Fact]
    public void Unknown_category_is_rejected() =>
        Assert.Equal(new ImportError(2, "E", "支部类别“营销型”不存在，请填写已安装的类别名称或编码"),
            SingleError([Branch(2, "ZB09", "DW01", "营销型")]));

    [Fact]
    public void Code_twice_in_the_file_is_reported_on_the_second_row_naming_the_first() =>
        Assert.Equal(new ImportError(5, "A", "组织编码“zb09”与第3行重复"),
            SingleError([Committee(2, "DW09", "ROOT"), Branch(3, "ZB09", "DW09"), Branch(4, "ZB08", "DW09"), Branch(5, "zb09", "DW09")]));

    [Fact]
    public void Unknown_parent_is_rejected() =>
        Assert.Equal(new ImportError(2, "C", "上级组织编码“DW99”不存在或不在您的管理范围内"), SingleError([Branch(2, "ZB09", "DW99")]));

    [Fact]
    public void Parent_outside_the_scope_gets_the_same_message_as_an_unknown_one()
    {
        var outside = SingleError([Branch(2, "ZB09", "DW02")], scope: "DW01");
        var unknown = SingleError([Branch(2, "ZB09", "DW99")], scope: "DW01");
        Assert.Equal(new ImportError(2, "C", "上级组织编码“DW02”不存在或不在您的管理范围内"), outside);
        Assert.Equal(outside.Message.Replace("DW02", "DW99"), unknown.Message);
    }

    [Fact]
    public void Scoped_importer_cannot_hang_a_new_committee_under_root() =>
        Assert.Equal(new ImportError(2, "C", "上级组织编码“ROOT”不存在或不在您的管理范围内"), SingleError([Committee(2, "DW09", "ROOT")], scope: "DW01"));

    [Fact]
    public void Scoped_importer_may_add_below_the_scope() =>
        Assert.Equal("/ROOT/DW01/ZZ01/ZB09/", Assert.Single(Ok([Branch(2, "ZB09", "ZZ01")], scope: "DW01").Inserts).Path);

    [Fact]
    public void Existing_organization_outside_the_scope_cannot_be_updated() =>
        Assert.Equal(new ImportError(2, "A", "组织编码“ZB02”不可用：该编码已被管理范围以外的组织使用"),
            SingleError([Branch(2, "ZB02", "ZZ01")], scope: "DW01"));

    [Fact]
    public void Scope_root_row_may_keep_its_parent()
    {
        var plan = Ok([Committee(2, "DW01", "ROOT", name: "DW01")], scope: "DW01");
        Assert.Equal((0, 0, 1), (plan.InsertedCount, plan.UpdatedCount, plan.UnchangedCount));
    }

    [Fact]
    public void Root_cannot_be_imported() =>
        Assert.Equal(new ImportError(2, "A", "“组织编码”不能为“ROOT”：根组织不能导入或修改"), SingleError([Committee(2, "ROOT", "DW01")]));

    [Fact]
    public void Only_a_committee_may_stand_under_root()
    {
        Assert.Equal(new ImportError(2, "C", "党支部不能直接设在根组织“ROOT”之下，只有党委可以"), SingleError([Branch(2, "ZB09", "ROOT")]));
        Assert.Equal(new ImportError(2, "C", "党总支不能直接设在根组织“ROOT”之下，只有党委可以"), SingleError([General(2, "ZZ09", "ROOT")]));
    }

    [Fact]
    public void Branch_cannot_stand_under_a_branch() =>
        Assert.Equal(new ImportError(2, "C", "党支部不能设在党支部“ZB01”之下（党支部的上级应为党委或党总支）"), SingleError([Branch(2, "ZB09", "ZB01")]));

    [Fact]
    public void General_branch_cannot_stand_under_a_general_branch_of_the_file() =>
        Assert.Equal(new ImportError(3, "C", "党总支不能设在党总支“ZZ08”之下（党总支的上级应为党委）"),
            SingleError([General(2, "ZZ08", "DW01"), General(3, "ZZ09", "ZZ08")]));

    [Fact]
    public void Cycle_in_the_file_is_rejected()
    {
        var result = Plan([Committee(2, "DW08", "DW09"), Committee(3, "DW09", "DW08")]);
        Assert.Equal(
        [
            new ImportError(2, "C", "上级组织形成循环：DW08 → DW09 → DW08"),
            new ImportError(3, "C", "上级组织形成循环：DW08 → DW09 → DW08"),
        ], result.Errors);
    }

    [Fact]
    public void Own_code_as_parent_is_a_cycle() =>
        Assert.Equal(new ImportError(2, "C", "上级组织形成循环：DW08 → DW08"), SingleError([Committee(2, "DW08", "DW08")]));

    [Fact]
    public void Moving_a_stored_organization_below_its_own_descendant_is_a_cycle()
    {
        var existing = Tree.Append(Stored("DW03", OrganizationKind.PartyCommittee, "DW01", "/ROOT/DW01/DW03/"));
        Assert.Equal(new ImportError(2, "C", "上级组织形成循环：DW01 → DW03 → DW01"),
            SingleError([Committee(2, "DW01", "DW03", name: "DW01")], existing: existing));
    }

    [Fact]
    public void Branch_with_fewer_than_seven_members_has_no_committee() =>
        Assert.Equal(new ImportError(2, "G", "党员人数为6，不足7名正式党员不设支部委员会，“支委人数”应为0或留空"),
            SingleError([Branch(2, "ZB09", "DW01", members: 6, committee: 3)]));

    [Fact]
    public void Committee_cannot_exceed_members() =>
        Assert.Equal(new ImportError(2, "G", "“支委人数”（9）不能大于“党员人数”（8）"), SingleError([Branch(2, "ZB09", "DW01", members: 8, committee: 9)]));

    [Fact]
    public void Small_branch_without_committee_is_accepted() =>
        Assert.Equal(0, Assert.Single(Ok([Branch(2, "ZB09", "DW01", members: 3, committee: 0)]).Inserts).CommitteeSize);

    [Fact]
    public void Changing_a_kind_under_incompatible_children_is_rejected() =>
        Assert.Equal(new ImportError(2, "D", "不能把“ZZ01”的组织类型改为党支部：下级组织“ZB01”（党支部）不能设在党支部之下"),
            SingleError([new OrganizationImportRow(2, "ZZ01", "ZZ01", "DW01", OrganizationKind.Branch, "生产运行型", 10, 3, [])]));

    [Fact]
    public void Changing_a_kind_is_allowed_when_the_file_moves_the_children_away()
    {
        var plan = Ok(
        [
            new OrganizationImportRow(2, "ZZ01", "ZZ01", "DW01", OrganizationKind.Branch, "生产运行型", 10, 3, []),
            Branch(3, "ZB01", "DW01") with { Name = "ZB01" },
        ]);
        Assert.Equal(["ZZ01", "ZB01"], plan.Updates.Select(u => u.Code));
        Assert.Equal(("/ROOT/DW01/ZB01/", "/ROOT/DW01/ZZ01/ZB01/"), (plan.Updates[1].Path, plan.Updates[1].PreviousPath));
    }

    [Fact]
    public void Every_rule_violation_of_the_file_is_listed()
    {
        var result = Plan(
        [
            Branch(2, "ZB09", "DW99"),
            Branch(3, "ZB10", "DW01", "营销型", members: 5, committee: 1),
            Committee(4, "ROOT", "ROOT"),
        ]);
        Assert.Equal(
        [
            new ImportError(2, "C", "上级组织编码“DW99”不存在或不在您的管理范围内"),
            new ImportError(3, "E", "支部类别“营销型”不存在，请填写已安装的类别名称或编码"),
            new ImportError(3, "G", "党员人数为5，不足7名正式党员不设支部委员会，“支委人数”应为0或留空"),
            new ImportError(4, "A", "“组织编码”不能为“ROOT”：根组织不能导入或修改"),
        ], result.Errors);
    }

    [Fact]
    public void Reimporting_the_same_rows_reports_them_unchanged()
    {
        var rows = new[]
        {
            Branch(2, "ZB10", "ZZ10", "生产运行型", 9, 3, "一组", "二组"),
            General(3, "ZZ10", "DW10"),
            Committee(4, "DW10", "ROOT"),
        };
        var first = Ok(rows);
        Assert.Equal((3, 0, 0), (first.InsertedCount, first.UpdatedCount, first.UnchangedCount));

        var stored = Tree.Concat(first.Inserts.Select(p => new ExistingOrganization(
            p.Code, p.Name, p.Kind, p.ParentCode, p.Path, p.CategoryCode, p.MemberCount, p.CommitteeSize, p.Groups.Reverse().ToList())));
        var second = Ok(rows, existing: stored);
        Assert.Equal((0, 0, 3), (second.InsertedCount, second.UpdatedCount, second.UnchangedCount));

        var changed = Ok([rows[0] with { MemberCount = 11 }, rows[1], rows[2] with { Name = "新名称" }], existing: stored);
        Assert.Equal((0, 2, 1), (changed.InsertedCount, changed.UpdatedCount, changed.UnchangedCount));
        Assert.Equal(["DW10", "ZB10"], changed.Updates.Select(u => u.Code));
    }

    [Fact]
    public void Update_keeps_the_stored_spelling_of_a_code()
    {
        var planned = Assert.Single(Ok([Branch(2, "zb01", "zz01") with { Name = "ZB01" }]).Updates);
        Assert.Equal(("ZB01", "ZZ01", "/ROOT/DW01/ZZ01/ZB01/"), (planned.Code, planned.ParentCode, planned.Path));
    }
}
