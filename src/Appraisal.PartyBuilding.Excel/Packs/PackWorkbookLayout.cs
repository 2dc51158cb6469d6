using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Meetings;

namespace Appraisal.PartyBuilding.Excel.Packs;

/// <summary>
/// The sheets and columns of a pack workbook (<c>pack.xlsx</c>): an indicator pack authored in Excel, without code.
/// Every sheet has its header in row 1 and data from row 2.
/// </summary>
public static class PackWorkbookLayout
{
    /// <summary>The manifest sheet: one row with 包标识, 版本, 名称.</summary>
    public const string ManifestSheet = "指标包";

    /// <summary>The categories sheet: one row per branch category.</summary>
    public const string CategoriesSheet = "类别";

    /// <summary>The indicator tree: one row per indicator (or one row for the standard 三会一课 section).</summary>
    public const string IndicatorsSheet = "指标";

    /// <summary>The grade bands: one row per grade of each category.</summary>
    public const string GradesSheet = "等级";

    /// <summary>The help sheet, ignored when reading.</summary>
    public const string HelpSheet = "说明";

    /// <summary>The hidden sheet holding the drop-down lists, ignored when reading.</summary>
    public const string ListsSheet = "Lists";

    /// <summary>Rule kind 会议频次: <see cref="RecordFrequencyRule"/>.</summary>
    public const string RecordFrequency = "会议频次";

    /// <summary>Rule kind 人工评分: <see cref="ManualRule"/>.</summary>
    public const string Manual = "人工评分";

    /// <summary>Rule kind 扣分: <see cref="DeductionRule"/>.</summary>
    public const string Deduction = "扣分";

    /// <summary>Rule kind KPI目标: <see cref="KpiTargetRule"/>.</summary>
    public const string KpiTarget = "KPI目标";

    /// <summary>Rule kind 测评: <see cref="RatingRule"/>.</summary>
    public const string Rating = "测评";

    /// <summary>Rule kind 加分: <see cref="BonusRule"/>.</summary>
    public const string Bonus = "加分";

    /// <summary>Rule kind 否决: <see cref="VetoRule"/>.</summary>
    public const string Veto = "否决";

    /// <summary>
    /// Not a rule but a whole dimension: the standard 三会一课 section (<see cref="StandardSections.ThreeMeetingsOneLesson"/>,
    /// five indicators, 40 points) under the row's 维度编码 and 维度名称.
    /// </summary>
    public const string StandardSection = "三会一课标准";

    /// <summary>The values of the 计分方式 drop-down.</summary>
    public static IReadOnlyList<string> RuleKinds { get; } =
        [RecordFrequency, Manual, Deduction, KpiTarget, Rating, Bonus, Veto, StandardSection];

    /// <summary>The values of the 计数单位 drop-down, with their units.</summary>
    public static IReadOnlyList<(string Name, string Code, CoverageUnit Unit)> Units { get; } =
    [
        ("季度", "quarter", CoverageUnit.Quarter),
        ("月", "month", CoverageUnit.Month),
        ("党小组·月", "group-month", CoverageUnit.GroupMonth),
        ("年度", "year", CoverageUnit.Year),
    ];

    /// <summary>The values of the 方向 drop-down.</summary>
    public static IReadOnlyList<(string Name, KpiDirection Direction)> Directions { get; } =
    [
        ("越高越好", KpiDirection.HigherIsBetter),
        ("越低越好", KpiDirection.LowerIsBetter),
    ];

    /// <summary>The values of the 否决效果 drop-down.</summary>
    public static IReadOnlyList<(string Name, VetoEffect Effect)> VetoEffects { get; } =
    [
        ("等级封顶", VetoEffect.CapGrade),
        ("维度清零", VetoEffect.ZeroDimension),
    ];

    /// <summary>The meeting types' Chinese names, for the 会议类型 drop-down (codes such as <c>committee</c> are accepted too).</summary>
    public static IReadOnlyList<string> MeetingTypeNames { get; } = MeetingTypes.Each.Select(t => t.DisplayName()).ToList();

    /// <summary>The columns of the manifest sheet.</summary>
    public static IReadOnlyList<TemplateColumn> ManifestColumns { get; } =
    [
        new("包标识", "必填。指标包的唯一标识，只能由小写英文字母、数字和连字符（-）组成，如 town-offices。类别编码须以“包标识/”开头。", 20),
        new("版本", "必填。语义化版本号（SemVer），如 1.0.0；修改指标后请提高版本号（如 1.1.0），已结束的考核期仍按原版本计分。", 12),
        new("名称", "必填。指标包的中文名称，最多100个字符，如“镇属科室考核”。", 40),
    ];

    /// <summary>The columns of the categories sheet.</summary>
    public static IReadOnlyList<TemplateColumn> CategoryColumns { get; } =
    [
        new("类别编码", "必填。支部类别编码，格式为“包标识/名称”，名称只能由小写英文字母、数字和连字符组成，如 town-offices/department；不能重复。", 28),
        new("类别名称", "必填。类别的中文名称，最多50个字符，不能重复，如“镇属科室”。组织导入时可填写类别名称。", 24),
        new("满分合计", "必填。该类别各维度满分之和，用于核对：与“指标”工作表中该类别各维度的“维度满分”之和不一致时报错。", 12, IsText: false),
    ];

    /// <summary>The columns of the indicator sheet (the tree: category → dimension → indicator, with the rule's parameters).</summary>
    public static IReadOnlyList<TemplateColumn> IndicatorColumns { get; } =
    [
        new("类别编码", "必填。本行指标所属类别，须是“类别”工作表中的类别编码。", 24),
        new("维度编码", "必填。维度（模块）编码，在类别内唯一，只能由英文字母、数字、连字符和下划线组成，如 service。同一维度的各行填写相同的维度编码。", 16),
        new("维度名称", "维度的中文名称，如“服务群众”。同一维度至少一行填写，多行填写时须一致。", 18),
        new("维度满分", "维度的满分，须等于该维度各指标“满分”之和。同一维度至少一行填写，多行填写时须一致。", 10, IsText: false),
        new("指标编码", "必填（“三会一课标准”行留空）。指标编码，在类别内唯一，如 service.satisfaction。只能由英文字母、数字、点、连字符和下划线组成。", 26),
        new("指标名称", "必填（“三会一课标准”行留空）。指标的中文名称，如“群众满意度”。", 24),
        new("满分", "必填（“三会一课标准”行留空；“否决”填0或留空）。指标的满分，大于0，最多两位小数。", 8, IsText: false),
        new("计分方式", "必填，从下拉列表选择：会议频次、人工评分、扣分、KPI目标、测评、加分、否决，或“三会一课标准”（整行插入标准三会一课模块：5项指标共40分）。各计分方式需填写的参数列见下方说明，其他参数列须留空。", 14, RuleKinds),
        new("会议类型", "“会议频次”必填：支部党员大会、支部委员会、党小组会、党课、主题党日、组织生活会、民主评议党员（或其英文代码，如 committee）。", 14, MeetingTypeNames),
        new("计数单位", "“会议频次”必填：季度（本季度至少1次）、月（每月至少1次）、党小组·月（每个党小组每月至少1次）、年度（本年度至少1次）。", 12, Units.Select(u => u.Name).ToList()),
        new("事项类型", "“扣分”“加分”“否决”必填：事项类型编码，如 late-dues（党费迟交）、urgent-need-solved（急难愁盼事项办结）、serious-discipline-case（严重违纪）。只能由英文字母、数字、点、连字符和下划线组成。", 24),
        new("每次分值", "“扣分”“加分”必填：每次事项扣或加的分数，大于0。加分总额不超过指标满分；扣分扣至0分为止。", 10, IsText: false),
        new("扣分上限", "“扣分”选填：一个考核期最多扣的分数，大于0；留空则最多扣完指标满分。", 10, IsText: false),
        new("指标值编码", "“KPI目标”必填：报送的指标值编码，如 grid-event-handling-rate（网格事件办结率）。", 26),
        new("门槛值", "“KPI目标”必填：达到（或差于）此值得0分。", 10, IsText: false),
        new("目标值", "“KPI目标”必填：达到（或优于）此值得满分，门槛值与目标值之间按比例计分。越高越好时目标值不能小于门槛值，越低越好时不能大于门槛值。", 10, IsText: false),
        new("方向", "“KPI目标”必填：越高越好（如办结率）或越低越好（如响应时长）。", 12, Directions.Select(d => d.Name).ToList()),
        new("题目编码", "“测评”必填：测评题目编码，如 resident-satisfaction。评价人按0到100分作答。", 24),
        new("领导权重", "“测评”：领导评价的权重，0到1之间的小数（如0.3）或百分数（如30%），留空为0。三项权重之和须为1；某一评价组无人评价时，其权重按其他评价组重新分配。", 10),
        new("同级权重", "“测评”：同级评价的权重，填法同“领导权重”。", 10),
        new("服务对象权重", "“测评”：服务对象（群众）评价的权重，填法同“领导权重”。", 12),
        new("否决效果", "“否决”必填：等级封顶（发生后等级最高为“等级上限”）或维度清零（发生后本行所在维度得0分）。", 12, VetoEffects.Select(e => e.Name).ToList()),
        new("等级上限", "“否决”且否决效果为“等级封顶”时必填：须是“等级”工作表中该类别的一个等级名称，如“较差”；维度清零时留空。", 12),
        new("评分指引", "“人工评分”必填：考核员评分时查看什么、怎样评分，显示在评分页面。", 50),
    ];

    /// <summary>The columns of the grades sheet.</summary>
    public static IReadOnlyList<TemplateColumn> GradeColumns { get; } =
    [
        new("类别编码", "必填。须是“类别”工作表中的类别编码；每个类别至少一个等级。", 28),
        new("等级名称", "必填。等级名称，在类别内唯一，最多20个字符，如“优秀”。", 14),
        new("最低得分率", "必填。达到该等级的最低得分率（总分占满分的百分比），0到100，如90或90%；在类别内唯一，最低一档须为0。", 12),
    ];

    /// <summary>The data sheets in the order they are read and their errors reported.</summary>
    public static IReadOnlyList<SheetSpec> DataSheets { get; } =
    [
        new(ManifestSheet, ManifestColumns.Select(c => c.Header).ToList()),
        new(CategoriesSheet, CategoryColumns.Select(c => c.Header).ToList()),
        new(IndicatorsSheet, IndicatorColumns.Select(c => c.Header).ToList()),
        new(GradesSheet, GradeColumns.Select(c => c.Header).ToList()),
    ];

    /// <summary>For each rule kind, the parameter columns (0-based indexes into <see cref="IndicatorColumns"/>) it uses.</summary>
    internal static IReadOnlyDictionary<string, int[]> ParametersOf { get; } = new Dictionary<string, int[]>(StringComparer.Ordinal)
    {
        [RecordFrequency] = [IndicatorColumn.MeetingType, IndicatorColumn.Unit],
        [Manual] = [IndicatorColumn.Guidance],
        [Deduction] = [IndicatorColumn.EventType, IndicatorColumn.PointsPerEvent, IndicatorColumn.MaxDeduction],
        [KpiTarget] = [IndicatorColumn.KpiCode, IndicatorColumn.Threshold, IndicatorColumn.Target, IndicatorColumn.Direction],
        [Rating] = [IndicatorColumn.Question, IndicatorColumn.LeaderWeight, IndicatorColumn.PeerWeight, IndicatorColumn.RecipientWeight],
        [Bonus] = [IndicatorColumn.EventType, IndicatorColumn.PointsPerEvent],
        [Veto] = [IndicatorColumn.EventType, IndicatorColumn.VetoEffect, IndicatorColumn.GradeCap],
        [StandardSection] = [],
    };
}

/// <summary>0-based column indexes of the indicator sheet.</summary>
internal static class IndicatorColumn
{
    public const int Category = 0, DimensionCode = 1, DimensionName = 2, DimensionMax = 3, Code = 4, Name = 5, MaxPoints = 6,
        Kind = 7, MeetingType = 8, Unit = 9, EventType = 10, PointsPerEvent = 11, MaxDeduction = 12, KpiCode = 13,
        Threshold = 14, Target = 15, Direction = 16, Question = 17, LeaderWeight = 18, PeerWeight = 19, RecipientWeight = 20,
        VetoEffect = 21, GradeCap = 22, Guidance = 23;

    /// <summary>The first parameter column.</summary>
    public const int FirstParameter = MeetingType;
}
