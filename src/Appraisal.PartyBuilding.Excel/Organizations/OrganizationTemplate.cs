namespace Appraisal.PartyBuilding.Excel.Organizations;

/// <summary>The organization import template (<c>GET /api/v1/organizations/import</c>).</summary>
public static class OrganizationTemplate
{
    /// <summary>The name of the data sheet.</summary>
    public const string SheetName = "组织";

    /// <summary>The choices of the 组织类型 drop-down.</summary>
    public static IReadOnlyList<string> KindChoices { get; } = ["党委", "党总支", "党支部"];

    /// <summary>The template's columns, with help and drop-downs.</summary>
    /// <param name="categories">The installed branch categories as (code, name) pairs; their names fill the 支部类别 drop-down.</param>
    public static IReadOnlyList<TemplateColumn> Columns(IEnumerable<(string Code, string Name)> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        var list = categories.ToList();
        var names = list.Select(c => c.Name).Distinct(StringComparer.Ordinal).ToList();
        var codes = list.Count == 0 ? "（尚未安装类别）" : string.Join("、", list.Select(c => $"{c.Name}={c.Code}"));
        var h = OrganizationSheet.Headers;
        return
        [
            new(h[0], $"必填。本组织的编码，唯一，最多{OrganizationSheet.MaxCodeLength}个字符，只能包含英文字母、数字、“-”和“_”。已存在的编码将被更新。", 16),
            new(h[1], $"必填。组织全称，最多{OrganizationSheet.MaxNameLength}个字符。", 30),
            new(h[2], "必填。上级组织的编码：ROOT（根组织，仅党委可直接挂在其下）、本表中另一行的编码或系统中已有组织的编码。行的顺序不限。", 16),
            new(h[3], "必填。党委、党总支或党支部（从下拉列表选择）。党总支的上级为党委；党支部的上级为党委或党总支。", 12, KindChoices),
            new(h[4], $"党支部必填，党委、党总支留空。填写类别名称（下拉列表）或类别编码：{codes}。", 20, names, ChoicesStrict: false),
            new(h[5], "党支部必填，党委、党总支留空。非负整数。", 10, IsText: false),
            new(h[6], "党支部填写，党委、党总支留空。非负整数，留空为0；不能大于党员人数；不足7名正式党员的支部不设支部委员会，应为0。", 10, IsText: false),
            new(h[7], $"党支部选填，党委、党总支留空。党小组名称，多个用“;”或“；”分隔，不能重复，每个最多{OrganizationSheet.MaxGroupNameLength}个字符。", 30),
        ];
    }

    /// <summary>Writes the template and returns the .xlsx bytes.</summary>
    /// <param name="categories">The installed branch categories as (code, name) pairs.</param>
    public static byte[] Create(IEnumerable<(string Code, string Name)> categories) =>
        TemplateWriter.Write(SheetName, Columns(categories),
        [
            "说明：第1行为表头，请勿修改；数据从第2行开始，每行一个组织。",
            "导入为“全部成功或全部不导入”：任何一行有错误，将列出所有错误的行和列，不保存任何数据。",
            $"单个文件不超过{SheetReader.FormatSize(SheetReaderOptions.Default.MaxFileBytes)}、{SheetReaderOptions.Default.MaxDataRows}行；单元格请填写数值或文本，不要使用公式。",
        ]);
}
