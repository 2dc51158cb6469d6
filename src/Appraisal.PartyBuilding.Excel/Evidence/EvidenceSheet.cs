using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.AssessmentEvidence;

namespace Appraisal.PartyBuilding.Excel.Evidence;

/// <summary>One kind of other evidence (KPI values, events, ratings) as an import file: its sheet, columns and template.</summary>
/// <param name="Kind">The kind of evidence.</param>
/// <param name="Name">What the kind is called, e.g. 指标值.</param>
/// <param name="SheetName">The data sheet's name in the template.</param>
/// <param name="Columns">The columns, A first: header and the JSON field the column fills.</param>
public sealed record EvidenceSheet(EvidenceKind Kind, string Name, string SheetName, IReadOnlyList<EvidenceColumn> Columns)
{
    /// <summary>The header row the file must have.</summary>
    public IReadOnlyList<string> Headers => Columns.Select(c => c.Header).ToList();

    /// <summary>The 0-based column of a field, or -1.</summary>
    public int IndexOf(string field)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Field == field)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The Excel column letter of a field; empty for an unknown field (an error about the whole row).</summary>
    public string Letter(string field) => IndexOf(field) is var i and >= 0 ? ExcelColumns.Letter(i + 1) : string.Empty;

    /// <summary>The field of an Excel column letter; empty when the letter is not one of the sheet's columns.</summary>
    public string FieldAt(string letter)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (ExcelColumns.Letter(i + 1) == letter)
            {
                return Columns[i].Field;
            }
        }

        return string.Empty;
    }

    /// <summary>The header of a field, used in messages; the field itself when the sheet has no such column.</summary>
    public string Label(string field) => IndexOf(field) is var i and >= 0 ? Columns[i].Header : field;

    /// <summary>KPI values: 支部编码 | 年度 | 季度 | 指标值编码 | 数值.</summary>
    public static EvidenceSheet Kpis { get; } = new(EvidenceKind.Kpis, "指标值", "指标值",
    [
        new("支部编码", EvidenceFields.BranchCode),
        new("年度", EvidenceFields.Year),
        new("季度", EvidenceFields.Quarter),
        new("指标值编码", EvidenceFields.KpiCode),
        new("数值", EvidenceFields.Value),
    ]);

    /// <summary>Events: 支部编码 | 日期 | 事项类型编码 | 说明.</summary>
    public static EvidenceSheet Events { get; } = new(EvidenceKind.Events, "扣分、加分和一票否决事项", "事项",
    [
        new("支部编码", EvidenceFields.BranchCode),
        new("日期", EvidenceFields.Date),
        new("事项类型编码", EvidenceFields.EventType),
        new("说明", EvidenceFields.Description),
    ]);

    /// <summary>Rating answers: 支部编码 | 年度 | 季度 | 评价问题编码 | 评价组 | 分数 | 评价人标识.</summary>
    public static EvidenceSheet Ratings { get; } = new(EvidenceKind.Ratings, "评价（360度）答卷", "评价",
    [
        new("支部编码", EvidenceFields.BranchCode),
        new("年度", EvidenceFields.Year),
        new("季度", EvidenceFields.Quarter),
        new("评价问题编码", EvidenceFields.Question),
        new("评价组", EvidenceFields.RaterGroup),
        new("分数", EvidenceFields.Score),
        new("评价人标识", EvidenceFields.RaterReference),
    ]);

    /// <summary>The three kinds, in the order the import page shows them.</summary>
    public static IReadOnlyList<EvidenceSheet> All { get; } = [Kpis, Events, Ratings];

    /// <summary>Reads and checks the first sheet of an uploaded file: the file, the header and formula cells.</summary>
    public SheetReadResult Read(Stream stream, SheetReaderOptions? options = null) => SheetReader.Read(stream, Headers, options);

    /// <summary>
    /// The template: the data sheet with drop-downs of the codes the installed categories use, and a help sheet that
    /// lists every code with the indicators and categories using it.
    /// </summary>
    public byte[] Template(IEnumerable<BranchCategory> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        var vocabularies = categories.Select(CategoryEvidence.Of).ToList();
        var codes = Kind switch
        {
            EvidenceKind.Kpis => Codes(vocabularies, v => v.Kpis, (_, _, indicators) => Names(indicators)),
            EvidenceKind.Events => Codes(vocabularies, v => v.EventTypes, (v, code, _) => v.EventRole(code)),
            _ => Codes(vocabularies, v => v.RatingQuestions, (_, _, indicators) => Names(indicators)),
        };
        var columns = Columns.Select(c => Help(c, codes.Keys.ToList())).ToList();
        var notes = new List<string>
        {
            "说明：第1行为表头，请勿修改；数据从第2行开始，每行一条。",
            "导入为“全部成功或全部不导入”：任何一行有错误，将列出所有错误的行和列，不保存任何数据。与已保存数据完全相同的行会跳过并列出，重复导入同一文件不会重复计分。",
            $"单个文件不超过{SheetReader.FormatSize(SheetReaderOptions.Default.MaxFileBytes)}、{SheetReaderOptions.Default.MaxDataRows}行；单元格请填写数值或文本，不要使用公式。已定稿季度的数据不能再导入。",
            string.Empty,
            "可用的编码（只能填写该支部所属类别使用的编码）：",
        };
        notes.AddRange(codes.Select(c => $"{c.Key}：{c.Value}"));
        return TemplateWriter.Write(SheetName, columns, notes);
    }

    /// <summary>Code → what it counts for, naming the categories, e.g. <c>扣分：按时足额交纳党费（机关管理型、生产运行型）</c>.</summary>
    private static SortedDictionary<string, string> Codes(
        IEnumerable<CategoryEvidence> vocabularies,
        Func<CategoryEvidence, IReadOnlyDictionary<string, IReadOnlyList<Indicator>>> pick,
        Func<CategoryEvidence, string, IReadOnlyList<Indicator>, string> describe)
    {
        var uses = vocabularies
            .SelectMany(v => pick(v).Select(e => (Code: e.Key, Text: describe(v, e.Key, e.Value), Category: v.Category.Name)))
            .GroupBy(u => u.Code, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => string.Join("；", g.GroupBy(u => u.Text, StringComparer.Ordinal)
                    .Select(t => $"{t.Key}（{string.Join("、", t.Select(u => u.Category).Distinct(StringComparer.Ordinal))}）")));
        return new SortedDictionary<string, string>(uses, StringComparer.Ordinal);
    }

    private static string Names(IReadOnlyList<Indicator> indicators) => string.Join("、", indicators.Select(i => i.Name));

    private static TemplateColumn Help(EvidenceColumn column, IReadOnlyList<string> codes) => column.Field switch
    {
        EvidenceFields.BranchCode => new(column.Header, "必填。党支部的组织编码（见组织架构），须在您的管理范围内。", 16),
        EvidenceFields.Year => new(column.Header, "必填。年度，如2026。", 8, IsText: false),
        EvidenceFields.Quarter => new(column.Header, "必填。季度，1至4。", 8, ["1", "2", "3", "4"]),
        EvidenceFields.KpiCode => new(column.Header, "必填。指标值编码（下拉列表，含义见本页下方）。每个支部每季度每个编码一个值；再次导入不同数值将更新原值。", 34, codes),
        EvidenceFields.Value => new(column.Header, $"必填。数值，最多{EvidenceValues.KpiDecimals}位小数；比率按百分数填写（如95.5表示95.5%）。", 12, IsText: false),
        EvidenceFields.Date => new(column.Header, "必填。事项发生日期，如2026-08-03，不能晚于今天；按日期所在季度计分。", 14, IsText: false),
        EvidenceFields.EventType => new(column.Header, "必填。事项类型编码（下拉列表，含义见本页下方）：扣分事项、加分事项（导入即视为已审核通过）或一票否决事项。", 34, codes),
        EvidenceFields.Description => new(column.Header, $"选填。发生了什么，将显示在得分说明中，最多{EvidenceValues.MaxDescriptionLength}个字符。同一支部同一天同类型的事项请用不同说明区分。", 40),
        EvidenceFields.Question => new(column.Header, "必填。评价问题编码（下拉列表，含义见本页下方）。", 34, codes),
        EvidenceFields.RaterGroup => new(column.Header, "必填。领导、同级或服务对象（下拉列表）。", 12, ["领导", "同级", "服务对象"]),
        EvidenceFields.Score => new(column.Header, "必填。0至100分，最多2位小数。", 8, IsText: false),
        EvidenceFields.RaterReference => new(column.Header, $"选填。评价人或答卷在问卷系统中的编号（不要填写姓名），最多{EvidenceValues.MaxReferenceLength}个字符。填写后再次导入同一答卷不会重复计入；不填写则每行都计为一份新答卷。", 18),
        _ => new(column.Header, string.Empty),
    };
}

/// <summary>A column of an evidence sheet.</summary>
/// <param name="Header">The header text in row 1.</param>
/// <param name="Field">The JSON field it fills.</param>
public sealed record EvidenceColumn(string Header, string Field);
