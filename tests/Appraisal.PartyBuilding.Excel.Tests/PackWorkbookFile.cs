using Appraisal.PartyBuilding.Excel.Packs;
using OfficeOpenXml;

namespace Appraisal.PartyBuilding.Excel.Tests;

/// <summary>
/// Fills the real pack workbook template cell by cell, as an author would in Excel, addressing columns by their
/// headers. <see cref="Valid"/> is a complete 100-point pack the error tests break one cell at a time.
/// </summary>
internal sealed class PackWorkbookFile : IDisposable
{
    public const string Category = "town-offices/department";

    private readonly ExcelPackage package = new(new MemoryStream(PackWorkbook.Template()));
    private readonly Dictionary<string, int> nextRow = new(StringComparer.Ordinal);

    public ExcelWorksheet Sheet(string name) => package.Workbook.Worksheets[name];

    /// <summary>Sets a cell of <paramref name="sheet"/> by row number and header; null clears it.</summary>
    public PackWorkbookFile Set(string sheet, int row, string header, object? value)
    {
        var worksheet = Sheet(sheet);
        var column = Enumerable.Range(1, 30).First(c => worksheet.Cells[1, c].Text == header);
        worksheet.Cells[row, column].Value = value;
        return this;
    }

    public PackWorkbookFile Manifest(string id, string version, string name) =>
        Set(PackWorkbookLayout.ManifestSheet, 2, "包标识", id).Set(PackWorkbookLayout.ManifestSheet, 2, "版本", version).Set(PackWorkbookLayout.ManifestSheet, 2, "名称", name);

    public PackWorkbookFile CategoryRow(string code, string name, object total) =>
        Row(PackWorkbookLayout.CategoriesSheet, ("类别编码", code), ("类别名称", name), ("满分合计", total));

    /// <summary>An indicator row: the eight leading columns, then the rule's parameters by header.</summary>
    public PackWorkbookFile Indicator(
        string category, string dimension, string? dimensionName, object? dimensionMax, string? code, string? name, object? points, string kind,
        params (string Header, object? Value)[] parameters) =>
        Row(PackWorkbookLayout.IndicatorsSheet,
            [("类别编码", category), ("维度编码", dimension), ("维度名称", dimensionName), ("维度满分", dimensionMax), ("指标编码", code), ("指标名称", name), ("满分", points), ("计分方式", kind), .. parameters]);

    public PackWorkbookFile Grade(string category, string name, object minPercent) =>
        Row(PackWorkbookLayout.GradesSheet, ("类别编码", category), ("等级名称", name), ("最低得分率", minPercent));

    public PackWorkbookFile Row(string sheet, params (string Header, object? Value)[] cells)
    {
        var row = nextRow.TryGetValue(sheet, out var r) ? r : 2;
        nextRow[sheet] = row + 1;
        foreach (var (header, value) in cells)
        {
            Set(sheet, row, header, value);
        }

        return this;
    }

    public byte[] Bytes() => package.GetAsByteArray();

    public PackWorkbookResult Read() => PackWorkbook.Read(new MemoryStream(Bytes()));

    public void Dispose() => package.Dispose();

    /// <summary>
    /// 镇属科室考核 1.0.0, one category of 100 points: the standard 三会一课 section (40, row 2), 服务群众 (30, rows 3–5:
    /// rating, KPI, bonus) and 作风纪律 (30, rows 6–10: deduction, record frequency, manual and two vetoes); grades
    /// 优秀 90, 良好 75, 一般 60, 较差 0 (rows 2–5).
    /// </summary>
    public static PackWorkbookFile Valid() => new PackWorkbookFile()
        .Manifest("town-offices", "1.0.0", "镇属科室考核")
        .CategoryRow(Category, "镇属科室", 100)
        .Indicator(Category, "shyk", "组织建设·三会一课", 40, null, null, null, "三会一课标准")
        .Indicator(Category, "service", "服务群众", 30, "service.satisfaction", "群众满意度", 12, "测评",
            ("题目编码", "resident-satisfaction"), ("领导权重", "0.3"), ("同级权重", "20%"), ("服务对象权重", 0.5))
        .Indicator(Category, "service", null, null, "service.on-time", "办件按时办结率（%）", 10, "KPI目标",
            ("指标值编码", "on-time-rate"), ("门槛值", 80), ("目标值", 100), ("方向", "越高越好"))
        .Indicator(Category, "service", null, null, "service.urgent-needs", "急难愁盼事项办结", 8, "加分",
            ("事项类型", "urgent-need-solved"), ("每次分值", 2))
        .Indicator(Category, "conduct", "作风纪律", 30, "conduct.complaints", "有效投诉", 10, "扣分",
            ("事项类型", "valid-complaint"), ("每次分值", 5), ("扣分上限", 10))
        .Indicator(Category, "conduct", null, 30, "conduct.review", "民主评议党员", 5, "会议频次",
            ("会议类型", "民主评议党员"), ("计数单位", "年度"))
        .Indicator(Category, "conduct", null, null, "conduct.study", "作风建设学习", 15, "人工评分",
            ("评分指引", "查看本季度作风建设学习记录和整改台账。"))
        .Indicator(Category, "conduct", null, null, "conduct.serious-case", "严重违纪（一票否决）", 0, "否决",
            ("事项类型", "serious-discipline-case"), ("否决效果", "等级封顶"), ("等级上限", "较差"))
        .Indicator(Category, "conduct", null, null, "conduct.eight-rules", "违反八项规定（本维度清零）", null, "否决",
            ("事项类型", "eight-rules-violation"), ("否决效果", "维度清零"))
        .Grade(Category, "优秀", 90)
        .Grade(Category, "良好", "75%")
        .Grade(Category, "一般", 60)
        .Grade(Category, "较差", 0);
}
