using Appraisal.PartyBuilding.Core.Meetings;

namespace Appraisal.PartyBuilding.Excel.Records;

/// <summary>The meeting record import template (<c>GET /api/v1/records/import</c>).</summary>
public static class RecordTemplate
{
    /// <summary>The name of the data sheet.</summary>
    public const string SheetName = "会议记录";

    /// <summary>The template's columns, with help and drop-downs.</summary>
    /// <param name="branchCodes">The codes of the branches the importer may name (the 支部编码 drop-down).</param>
    /// <param name="groups">The party groups of those branches (the 党小组 drop-down).</param>
    public static IReadOnlyList<TemplateColumn> Columns(IEnumerable<string> branchCodes, IEnumerable<string> groups)
    {
        ArgumentNullException.ThrowIfNull(branchCodes);
        ArgumentNullException.ThrowIfNull(groups);
        var h = RecordSheet.Headers;
        var types = MeetingTypes.Each.Select(t => t.DisplayName()).ToList();
        var groupList = groups.Select(g => g.Trim()).Where(g => g.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return
        [
            new(h[0], "必填。党支部的编码（下拉列表为您管理范围内的党支部）。", 16, branchCodes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(), ChoicesStrict: false),
            new(h[1], $"必填。从下拉列表选择：{RecordSheet.TypeNames}。也可填写繁体名称（如“支部黨員大會”）。", 16, types, ChoicesStrict: false),
            new(h[2], "必填。会议日期，如2026-07-03（也可写2026/7/3或2026年7月3日），不能晚于今天；所在季度的考核期已进入评分后不再接收。", 14, IsText: false),
            new(h[3], "必填。非负整数，至少为1。支部委员会填支委人数，其他会议一般填党员人数或党小组人数。", 10, IsText: false),
            new(h[4], "必填。非负整数，不能大于应到人数。", 10, IsText: false),
            new(h[5], $"必填。会议主题，最多{MeetingEntryRules.MaxTopicLength}个字。", 40),
            new(h[6], "仅党小组会填写，且必须是该支部的党小组（下拉列表）；其他会议留空。", 16, groupList, ChoicesStrict: false),
        ];
    }

    /// <summary>Writes the template and returns the .xlsx bytes.</summary>
    /// <param name="branchCodes">As for <see cref="Columns"/>.</param>
    /// <param name="groups">As for <see cref="Columns"/>.</param>
    /// <param name="maxDataRows">The row limit the import applies (configurable), stated in the help.</param>
    public static byte[] Create(IEnumerable<string> branchCodes, IEnumerable<string> groups, int maxDataRows = TemplateWriter.DefaultDataRows) =>
        TemplateWriter.Write(SheetName, Columns(branchCodes, groups),
        [
            "说明：第1行为表头，请勿修改；数据从第2行开始，每行一次会议。",
            "导入为“全部成功或全部不导入”：任何一行有错误，将列出所有错误的行和列，不保存任何数据。",
            "同一次会议（支部、会议类型、日期、党小组相同）在文件中只能出现一次；与已录入记录完全相同的行会被跳过，重复导入不会产生重复记录。",
            "会议记录正文和照片、PDF附件请在导入后到记录详情页补充。",
            $"单个文件不超过{SheetReader.FormatSize(SheetReaderOptions.Default.MaxFileBytes)}、{maxDataRows}行；单元格请填写数值或文本，不要使用公式。",
        ]);
}
