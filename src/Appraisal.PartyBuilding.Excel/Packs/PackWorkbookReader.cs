using System.Globalization;
using System.Text.RegularExpressions;
using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Imports;
using Appraisal.PartyBuilding.Core.Meetings;
using static Appraisal.PartyBuilding.Excel.Packs.PackWorkbookLayout;
using C = Appraisal.PartyBuilding.Excel.Packs.IndicatorColumn;

namespace Appraisal.PartyBuilding.Excel.Packs;

/// <summary>
/// Checks a pack workbook cell by cell and across sheets, collecting every error with its sheet, row and column, and
/// builds the manifest when there is none. One instance reads one workbook.
/// </summary>
internal sealed partial class PackWorkbookReader
{
    private const int ManifestIndex = 0, CategoriesIndex = 1, IndicatorsIndex = 2, GradesIndex = 3;
    private const int MaxCodeLength = 100, MaxNameLength = 100, MaxCategoryNameLength = 50, MaxGradeNameLength = 20, MaxGuidanceLength = 500;
    private const decimal MaxPoints = 1000m;

    private static readonly decimal StandardSectionPoints = StandardSections.ThreeMeetingsOneLesson().MaxPoints;

    private readonly List<(int Sheet, ImportError Error)> errors = [];
    private readonly List<(int Row, string Category, string Cap)> gradeCaps = [];

    /// <summary>Every code written on the categories sheet, valid or not: a bad one is reported there, not again where it is used.</summary>
    private readonly HashSet<string> listedCategoryCodes = new(StringComparer.Ordinal);

    public PackWorkbookResult Read(Stream stream, SheetReaderOptions? options)
    {
        var workbook = SheetReader.ReadWorkbook(stream, DataSheets, options);
        errors.AddRange(workbook.Errors.Select(e => (SheetOf(e.Message), e)));
        if (workbook.Sheets.Count == 0)
        {
            return Result(null);
        }

        var rows = (string name) => workbook.Sheets.TryGetValue(name, out var found) ? found : null;
        var manifest = ReadManifest(rows(ManifestSheet));
        var categories = ReadCategories(rows(CategoriesSheet), manifest?.IdIsValid == true ? manifest.Id : null);
        var indicatorRows = rows(IndicatorsSheet);
        var gradeRows = rows(GradesSheet);
        if (indicatorRows is not null)
        {
            ReadIndicators(indicatorRows, categories);
        }

        if (gradeRows is not null)
        {
            ReadGrades(gradeRows, categories);
        }

        if (categories is not null)
        {
            CheckCategories(categories.Values, treeRead: indicatorRows is not null, gradesRead: gradeRows is not null);
        }

        if (errors.Count > 0 || manifest is null || categories is null)
        {
            return Result(null);
        }

        var pack = new PackManifest(
            manifest.Id,
            manifest.Version,
            manifest.Name,
            categories.Values.OrderBy(c => c.Row).Select(c => c.Build()).ToList());
        return Result(new WorkbookPack(pack));
    }

    private PackWorkbookResult Result(WorkbookPack? pack) =>
        new(
            errors
                .OrderBy(e => e.Sheet)
                .ThenBy(e => e.Error.Row)
                .ThenBy(e => e.Error.Column.Length)
                .ThenBy(e => e.Error.Column, StringComparer.Ordinal)
                .Select(e => e.Error)
                .ToList(),
            errors.Count == 0 ? pack : null);

    /// <summary>The sheet an error of the sheet reader is about, from the sheet name its message starts with; -1 for the file.</summary>
    private static int SheetOf(string message)
    {
        for (var i = 0; i < DataSheets.Count; i++)
        {
            if (message.StartsWith($"工作表“{DataSheets[i].Name}”", StringComparison.Ordinal)
                || message.StartsWith($"缺少工作表“{DataSheets[i].Name}”", StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private void Add(int sheet, int row, int? column, string message) =>
        errors.Add((sheet, new ImportError(
            row,
            column is { } c ? ExcelColumns.Letter(c + 1) : string.Empty,
            $"工作表“{DataSheets[sheet].Name}”：{message}")));

    private ManifestEntry? ReadManifest(IReadOnlyList<SheetRow>? rows)
    {
        if (rows is null)
        {
            return null;
        }

        foreach (var extra in rows.Skip(1))
        {
            Add(ManifestIndex, extra.Row, null, "只能填写一行（一个指标包），请删除多余的行");
        }

        var row = rows[0];
        var id = row[0];
        var idIsValid = false;
        if (!row.HasReaderError(0))
        {
            if (id.Length == 0)
            {
                Add(ManifestIndex, row.Row, 0, "“包标识”不能为空");
            }
            else if (id.Length > 50 || !PackId().IsMatch(id))
            {
                Add(ManifestIndex, row.Row, 0, $"“包标识”“{id}”无效：只能由小写英文字母、数字和连字符（-）组成，最多50个字符，如 town-offices");
            }
            else
            {
                idIsValid = true;
            }
        }

        var version = row[1];
        if (!row.HasReaderError(1))
        {
            if (version.Length == 0)
            {
                Add(ManifestIndex, row.Row, 1, "“版本”不能为空，请填写语义化版本号，如 1.0.0");
            }
            else if (!SemVer().IsMatch(version))
            {
                Add(ManifestIndex, row.Row, 1, $"“版本”“{version}”不是有效的语义化版本号（SemVer，如 1.0.0、1.2.0-beta.1）");
            }
        }

        var name = row[2];
        if (!row.HasReaderError(2))
        {
            if (name.Length == 0)
            {
                Add(ManifestIndex, row.Row, 2, "“名称”不能为空");
            }
            else if (name.Length > MaxNameLength)
            {
                Add(ManifestIndex, row.Row, 2, $"“名称”不能超过{MaxNameLength}个字符");
            }
        }

        return new ManifestEntry(id, version, name, idIsValid);
    }

    private Dictionary<string, CategoryEntry>? ReadCategories(IReadOnlyList<SheetRow>? rows, string? packId)
    {
        if (rows is null)
        {
            return null;
        }

        var categories = new Dictionary<string, CategoryEntry>(StringComparer.Ordinal);
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var code = row[0];
            var codeIsValid = false;
            listedCategoryCodes.Add(code);
            if (!row.HasReaderError(0))
            {
                if (code.Length == 0)
                {
                    Add(CategoriesIndex, row.Row, 0, "“类别编码”不能为空");
                }
                else if (packId is not null && !IsCategoryCode(code, packId))
                {
                    Add(CategoriesIndex, row.Row, 0, $"“类别编码”“{code}”无效：须以“{packId}/”开头，后接小写英文字母、数字或连字符，如 {packId}/department");
                }
                else if (packId is null && !CategoryCodeShape().IsMatch(code))
                {
                    Add(CategoriesIndex, row.Row, 0, $"“类别编码”“{code}”无效：格式为“包标识/名称”，只能由小写英文字母、数字和连字符组成");
                }
                else if (categories.TryGetValue(code, out var first))
                {
                    Add(CategoriesIndex, row.Row, 0, $"“类别编码”“{code}”重复（第{first.Row}行已有）");
                }
                else
                {
                    codeIsValid = true;
                }
            }

            var name = row[1];
            if (!row.HasReaderError(1))
            {
                if (name.Length == 0)
                {
                    Add(CategoriesIndex, row.Row, 1, "“类别名称”不能为空");
                }
                else if (name.Length > MaxCategoryNameLength)
                {
                    Add(CategoriesIndex, row.Row, 1, $"“类别名称”不能超过{MaxCategoryNameLength}个字符");
                }
                else if (names.TryGetValue(name, out var firstRow))
                {
                    Add(CategoriesIndex, row.Row, 1, $"“类别名称”“{name}”重复（第{firstRow}行已有）");
                }
                else
                {
                    names.Add(name, row.Row);
                }
            }

            var total = Number(CategoriesIndex, row, 2, "满分合计", required: true, mustBePositive: true);
            if (codeIsValid)
            {
                categories.Add(code, new CategoryEntry(row.Row, code, name) { Total = total });
            }
        }

        return categories;
    }

    private void ReadIndicators(IReadOnlyList<SheetRow> rows, Dictionary<string, CategoryEntry>? categories)
    {
        var headers = DataSheets[IndicatorsIndex].Headers;
        foreach (var row in rows)
        {
            var before = errors.Count;
            bool Usable(int column) => !row.HasReaderError(column);
            void Error(int column, string message) => Add(IndicatorsIndex, row.Row, column, message);

            CategoryEntry? category = null;
            var categoryCode = row[C.Category];
            if (Usable(C.Category))
            {
                if (categoryCode.Length == 0)
                {
                    Error(C.Category, "“类别编码”不能为空");
                }
                else if (categories is not null && !categories.TryGetValue(categoryCode, out category) && !listedCategoryCodes.Contains(categoryCode))
                {
                    Error(C.Category, $"“类别编码”“{categoryCode}”不在“类别”工作表中");
                }
            }

            var kind = row[C.Kind];
            var kindIsValid = false;
            if (Usable(C.Kind))
            {
                if (kind.Length == 0)
                {
                    Error(C.Kind, "“计分方式”不能为空");
                }
                else if (!ParametersOf.ContainsKey(kind))
                {
                    Error(C.Kind, $"“计分方式”“{kind}”无效，应为：{string.Join("、", RuleKinds)}");
                }
                else
                {
                    kindIsValid = true;
                }
            }

            var dimensionCode = row[C.DimensionCode];
            var dimensionCodeIsValid = false;
            if (Usable(C.DimensionCode))
            {
                if (dimensionCode.Length == 0)
                {
                    Error(C.DimensionCode, "“维度编码”不能为空");
                }
                else if (dimensionCode.Length > MaxCodeLength || !DimensionCodeShape().IsMatch(dimensionCode))
                {
                    Error(C.DimensionCode, $"“维度编码”“{dimensionCode}”无效：只能由英文字母、数字、连字符和下划线组成，最多{MaxCodeLength}个字符");
                }
                else
                {
                    dimensionCodeIsValid = true;
                }
            }

            var dimensionName = row[C.DimensionName];
            if (Usable(C.DimensionName) && dimensionName.Length > MaxNameLength)
            {
                Error(C.DimensionName, $"“维度名称”不能超过{MaxNameLength}个字符");
            }

            var dimensionMax = row[C.DimensionMax].Length == 0 ? null : Number(IndicatorsIndex, row, C.DimensionMax, "维度满分", required: false, mustBePositive: true);
            var dimensionMaxIsValid = Usable(C.DimensionMax) && (row[C.DimensionMax].Length == 0 || dimensionMax is not null);

            var standard = kindIsValid && kind == StandardSection;
            string code = row[C.Code], name = row[C.Name];
            decimal? points = null;
            if (standard)
            {
                foreach (var column in new[] { C.Code, C.Name, C.MaxPoints })
                {
                    if (Usable(column) && row[column].Length > 0)
                    {
                        Error(column, $"计分方式为“{StandardSection}”时“{headers[column]}”应留空：本行插入标准三会一课模块（5项指标共{N(StandardSectionPoints)}分）");
                    }
                }

                points = StandardSectionPoints;
            }
            else
            {
                CheckCode(IndicatorsIndex, row, C.Code, "指标编码", required: true);
                if (Usable(C.Name))
                {
                    if (name.Length == 0)
                    {
                        Error(C.Name, "“指标名称”不能为空");
                    }
                    else if (name.Length > MaxNameLength)
                    {
                        Error(C.Name, $"“指标名称”不能超过{MaxNameLength}个字符");
                    }
                }

                if (kindIsValid && kind == Veto)
                {
                    points = row[C.MaxPoints].Length == 0 ? 0m : Number(IndicatorsIndex, row, C.MaxPoints, "满分", required: false, mustBePositive: false);
                    if (points is > 0)
                    {
                        Error(C.MaxPoints, $"计分方式为“{Veto}”的指标不计分，“满分”应为0或留空，实际为{N(points.Value)}");
                        points = 0m;
                    }
                }
                else
                {
                    points = Number(IndicatorsIndex, row, C.MaxPoints, "满分", required: true, mustBePositive: true);
                }
            }

            IndicatorRule? rule = null;
            if (kindIsValid)
            {
                var parameters = ParametersOf[kind];
                for (var column = C.FirstParameter; column < headers.Count; column++)
                {
                    if (!parameters.Contains(column) && Usable(column) && row[column].Length > 0)
                    {
                        Error(column, $"计分方式为“{kind}”时“{headers[column]}”应留空");
                    }
                }

                rule = standard ? null : ParseRule(kind, row, categoryCode);
            }

            if (category is null || !dimensionCodeIsValid)
            {
                continue;
            }

            var dimension = category.Dimension(dimensionCode, row.Row);
            if (Usable(C.DimensionName) && dimensionName.Length > 0)
            {
                if (dimension.Name is null)
                {
                    (dimension.Name, dimension.NameRow) = (dimensionName, row.Row);
                }
                else if (dimension.Name != dimensionName)
                {
                    Error(C.DimensionName, $"维度“{dimensionCode}”的“维度名称”“{dimensionName}”与第{dimension.NameRow}行的“{dimension.Name}”不一致");
                }
            }

            if (!dimensionMaxIsValid)
            {
                dimension.MaxUnknown = true;
            }
            else if (dimensionMax is { } max)
            {
                if (dimension.Max is null)
                {
                    (dimension.Max, dimension.MaxRow) = (max, row.Row);
                }
                else if (dimension.Max != max)
                {
                    Error(C.DimensionMax, $"维度“{dimensionCode}”的“维度满分”{N(max)}与第{dimension.MaxRow}行的{N(dimension.Max.Value)}不一致");
                }
            }

            if (points is null)
            {
                dimension.PointsUnknown = true;
            }
            else
            {
                dimension.Points += points.Value;
            }

            if (standard)
            {
                if (dimension.StandardRow is { } other)
                {
                    Error(C.Kind, $"维度“{dimensionCode}”已由第{other}行的“{StandardSection}”定义，不能重复");
                }
                else if (dimension.Rows > 0)
                {
                    Error(C.Kind, $"“{StandardSection}”须单独成一个维度：维度“{dimensionCode}”已有第{dimension.FirstRow}行的指标，请换一个维度编码");
                }
                else
                {
                    dimension.StandardRow = row.Row;
                    dimension.Name ??= StandardSections.ThreeMeetingsOneLesson().Name;
                    dimension.NameRow ??= row.Row;
                    foreach (var indicator in StandardSections.ThreeMeetingsOneLesson().Indicators)
                    {
                        RegisterCode(category, indicator.Code, row.Row, C.Kind, $"标准三会一课模块的指标编码“{indicator.Code}”");
                    }
                }
            }
            else
            {
                if (dimension.StandardRow is { } standardRow)
                {
                    Error(C.DimensionCode, $"维度“{dimensionCode}”已由第{standardRow}行的“{StandardSection}”定义（5项指标共{N(StandardSectionPoints)}分），不能再添加指标，请换一个维度编码");
                }

                if (Usable(C.Code) && code.Length > 0)
                {
                    RegisterCode(category, code, row.Row, C.Code, $"“指标编码”“{code}”");
                }

                if (errors.Count == before && rule is not null && points is not null)
                {
                    dimension.Indicators.Add(new Indicator(code, name, points.Value, rule));
                }
            }

            dimension.Rows++;
        }
    }

    private void RegisterCode(CategoryEntry category, string code, int row, int column, string what)
    {
        if (category.IndicatorRows.TryGetValue(code, out var first))
        {
            Add(IndicatorsIndex, row, column, $"{what}在类别“{category.Code}”中重复（第{first}行已有）");
        }
        else
        {
            category.IndicatorRows.Add(code, row);
        }
    }

    private IndicatorRule? ParseRule(string kind, SheetRow row, string categoryCode)
    {
        var before = errors.Count;
        IndicatorRule? rule = null;
        switch (kind)
        {
            case RecordFrequency:
            {
                var type = Required(row, C.MeetingType, "会议类型") is { } text ? MeetingTypes.Parse(text) : null;
                if (type is null && row[C.MeetingType].Length > 0 && !row.HasReaderError(C.MeetingType))
                {
                    Add(IndicatorsIndex, row.Row, C.MeetingType, $"“会议类型”“{row[C.MeetingType]}”无效，应为：{string.Join("、", MeetingTypeNames)}");
                }

                var unit = Choice(row, C.Unit, "计数单位", Units.Select(u => (u.Name, u.Unit)).Concat(Units.Select(u => (u.Code, u.Unit))).ToList(), Units.Select(u => u.Name));
                if (type is { } meetingType && unit is { } coverage)
                {
                    rule = new RecordFrequencyRule(meetingType, coverage);
                }

                break;
            }

            case Manual:
            {
                var guidance = Required(row, C.Guidance, "评分指引");
                if (guidance is { Length: > MaxGuidanceLength })
                {
                    Add(IndicatorsIndex, row.Row, C.Guidance, $"“评分指引”不能超过{MaxGuidanceLength}个字符");
                }
                else if (guidance is not null)
                {
                    rule = new ManualRule(guidance);
                }

                break;
            }

            case Deduction:
            {
                var eventType = CheckCode(IndicatorsIndex, row, C.EventType, "事项类型", required: true);
                var each = Number(IndicatorsIndex, row, C.PointsPerEvent, "每次分值", required: true, mustBePositive: true);
                var cap = row[C.MaxDeduction].Length == 0 ? null : Number(IndicatorsIndex, row, C.MaxDeduction, "扣分上限", required: false, mustBePositive: true);
                if (eventType is not null && each is not null)
                {
                    rule = new DeductionRule(eventType, each.Value, cap);
                }

                break;
            }

            case KpiTarget:
            {
                var kpi = CheckCode(IndicatorsIndex, row, C.KpiCode, "指标值编码", required: true);
                var threshold = Number(IndicatorsIndex, row, C.Threshold, "门槛值", required: true, mustBePositive: false, allowNegative: true);
                var target = Number(IndicatorsIndex, row, C.Target, "目标值", required: true, mustBePositive: false, allowNegative: true);
                var direction = Choice(row, C.Direction, "方向", Directions.Select(d => (d.Name, d.Direction)).ToList(), Directions.Select(d => d.Name));
                if (threshold is { } t && target is { } g && direction is { } way)
                {
                    if (way == KpiDirection.HigherIsBetter && g < t)
                    {
                        Add(IndicatorsIndex, row.Row, C.Target, $"方向为“越高越好”时“目标值”{N(g)}不能小于“门槛值”{N(t)}");
                    }
                    else if (way == KpiDirection.LowerIsBetter && g > t)
                    {
                        Add(IndicatorsIndex, row.Row, C.Target, $"方向为“越低越好”时“目标值”{N(g)}不能大于“门槛值”{N(t)}");
                    }
                    else if (kpi is not null)
                    {
                        rule = new KpiTargetRule(kpi, t, g, way);
                    }
                }

                break;
            }

            case Rating:
            {
                var question = CheckCode(IndicatorsIndex, row, C.Question, "题目编码", required: true);
                var weights = new Dictionary<RaterGroup, decimal>();
                var readable = true;
                foreach (var (column, group) in new[] { (C.LeaderWeight, RaterGroup.Leader), (C.PeerWeight, RaterGroup.Peer), (C.RecipientWeight, RaterGroup.ServiceRecipient) })
                {
                    var weight = Weight(row, column);
                    if (weight is null)
                    {
                        readable = false;
                    }
                    else if (weight > 0)
                    {
                        weights.Add(group, weight.Value);
                    }
                }

                if (readable)
                {
                    var sum = weights.Values.Sum();
                    if (sum == 0)
                    {
                        Add(IndicatorsIndex, row.Row, C.LeaderWeight, "“测评”须至少填写一项大于0的权重（领导、同级、服务对象），三项之和为1");
                    }
                    else if (sum != 1m)
                    {
                        Add(IndicatorsIndex, row.Row, C.LeaderWeight, $"“领导权重”“同级权重”“服务对象权重”之和为{N4(sum)}，应为1");
                    }
                    else if (question is not null)
                    {
                        rule = new RatingRule(question, weights.AsReadOnly());
                    }
                }

                break;
            }

            case Bonus:
            {
                var caseType = CheckCode(IndicatorsIndex, row, C.EventType, "事项类型", required: true);
                var each = Number(IndicatorsIndex, row, C.PointsPerEvent, "每次分值", required: true, mustBePositive: true);
                if (caseType is not null && each is not null)
                {
                    rule = new BonusRule(caseType, each.Value);
                }

                break;
            }

            case Veto:
            {
                var eventType = CheckCode(IndicatorsIndex, row, C.EventType, "事项类型", required: true);
                var effect = Choice(row, C.VetoEffect, "否决效果", VetoEffects.Select(e => (e.Name, e.Effect)).ToList(), VetoEffects.Select(e => e.Name));
                var cap = row[C.GradeCap];
                if (effect == VetoEffect.CapGrade && !row.HasReaderError(C.GradeCap))
                {
                    if (cap.Length == 0)
                    {
                        Add(IndicatorsIndex, row.Row, C.GradeCap, "否决效果为“等级封顶”时“等级上限”不能为空，请填写该类别的一个等级名称");
                    }
                    else
                    {
                        gradeCaps.Add((row.Row, categoryCode, cap));
                    }
                }
                else if (effect == VetoEffect.ZeroDimension && cap.Length > 0)
                {
                    Add(IndicatorsIndex, row.Row, C.GradeCap, "否决效果为“维度清零”时“等级上限”应留空");
                }

                if (eventType is not null && effect is { } how && errors.Count == before)
                {
                    rule = new VetoRule(eventType, how, how == VetoEffect.CapGrade ? cap : null);
                }

                break;
            }
        }

        return errors.Count == before ? rule : null;
    }

    private void ReadGrades(IReadOnlyList<SheetRow> rows, Dictionary<string, CategoryEntry>? categories)
    {
        foreach (var row in rows)
        {
            CategoryEntry? category = null;
            var code = row[0];
            if (!row.HasReaderError(0))
            {
                if (code.Length == 0)
                {
                    Add(GradesIndex, row.Row, 0, "“类别编码”不能为空");
                }
                else if (categories is not null && !categories.TryGetValue(code, out category) && !listedCategoryCodes.Contains(code))
                {
                    Add(GradesIndex, row.Row, 0, $"“类别编码”“{code}”不在“类别”工作表中");
                }
            }

            var name = row[1];
            var nameIsValid = false;
            if (!row.HasReaderError(1))
            {
                if (name.Length == 0)
                {
                    Add(GradesIndex, row.Row, 1, "“等级名称”不能为空");
                }
                else if (name.Length > MaxGradeNameLength)
                {
                    Add(GradesIndex, row.Row, 1, $"“等级名称”不能超过{MaxGradeNameLength}个字符");
                }
                else if (category?.Grades.FirstOrDefault(g => g.Name == name) is { } same)
                {
                    Add(GradesIndex, row.Row, 1, $"“等级名称”“{name}”在类别“{code}”中重复（第{same.Row}行已有）");
                }
                else
                {
                    nameIsValid = true;
                }
            }

            decimal? percent = null;
            if (!row.HasReaderError(2))
            {
                var text = row[2];
                if (text.Length == 0)
                {
                    Add(GradesIndex, row.Row, 2, "“最低得分率”不能为空");
                }
                else if (!TryDecimal(text.EndsWith('%') ? text[..^1].TrimEnd() : text, out var value) || value < 0 || value > 100)
                {
                    Add(GradesIndex, row.Row, 2, $"“最低得分率”“{text}”应为0到100之间的数，如90或90%");
                }
                else if (category?.Grades.FirstOrDefault(g => g.MinPercent == value) is { } same)
                {
                    Add(GradesIndex, row.Row, 2, $"“最低得分率”{N(value)}在类别“{code}”中重复（第{same.Row}行“{same.Name}”已有）");
                }
                else
                {
                    percent = value;
                }
            }

            if (category is not null && nameIsValid && percent is not null)
            {
                category.Grades.Add(new GradeEntry(row.Row, name, percent.Value));
            }
            else if (category is not null)
            {
                category.GradesIncomplete = true;
            }
        }
    }

    private void CheckCategories(IEnumerable<CategoryEntry> categories, bool treeRead, bool gradesRead)
    {
        foreach (var category in categories)
        {
            if (treeRead)
            {
                CheckTree(category);
            }

            if (gradesRead)
            {
                CheckGrades(category);
            }
        }
    }

    private void CheckTree(CategoryEntry category)
    {
        if (category.Dimensions.Count == 0)
        {
            Add(CategoriesIndex, category.Row, 0, $"类别“{category.Code}”在“指标”工作表中没有任何指标");
            return;
        }

        var totalKnown = true;
        foreach (var dimension in category.Dimensions)
        {
            if (dimension.Name is null)
            {
                Add(IndicatorsIndex, dimension.FirstRow, C.DimensionName, $"维度“{dimension.Code}”没有填写“维度名称”（该维度至少一行填写）");
            }

            if (dimension.MaxUnknown)
            {
                totalKnown = false;
                continue;
            }

            if (dimension.Max is not { } declared)
            {
                Add(IndicatorsIndex, dimension.FirstRow, C.DimensionMax, $"维度“{dimension.Code}”没有填写“维度满分”（该维度至少一行填写，用于核对指标满分之和）");
                totalKnown = false;
                continue;
            }

            if (!dimension.PointsUnknown && dimension.Points != declared)
            {
                Add(IndicatorsIndex, dimension.MaxRow, C.DimensionMax,
                    $"维度“{dimension.Code}”的“维度满分”为{N(declared)}，但其{dimension.Rows}行指标的满分之和为{N(dimension.Points)}");
            }
        }

        if (totalKnown && category.Total is { } total)
        {
            var sum = category.Dimensions.Sum(d => d.Max!.Value);
            if (sum != total)
            {
                var parts = string.Join("、", category.Dimensions.Select(d => $"{d.Code} {N(d.Max!.Value)}"));
                Add(CategoriesIndex, category.Row, 2, $"类别“{category.Code}”的“满分合计”为{N(total)}，但“指标”工作表中各维度满分之和为{N(sum)}（{parts}）");
            }
        }

        foreach (var (row, categoryCode, cap) in gradeCaps.Where(g => g.Category == category.Code))
        {
            if (!category.GradesIncomplete && category.Grades.Count > 0 && category.Grades.All(g => g.Name != cap))
            {
                Add(IndicatorsIndex, row, C.GradeCap,
                    $"“等级上限”“{cap}”不是类别“{categoryCode}”的等级（“等级”工作表中为：{string.Join("、", category.Grades.OrderByDescending(g => g.MinPercent).Select(g => g.Name))}）");
            }
        }
    }

    private void CheckGrades(CategoryEntry category)
    {
        if (category.Grades.Count == 0)
        {
            if (!category.GradesIncomplete)
            {
                Add(CategoriesIndex, category.Row, 0, $"类别“{category.Code}”在“等级”工作表中没有等级，请至少填写一个最低得分率为0的等级");
            }

            return;
        }

        var lowest = category.Grades.MinBy(g => g.MinPercent)!;
        if (lowest.MinPercent != 0 && !category.GradesIncomplete)
        {
            Add(GradesIndex, lowest.Row, 2,
                $"类别“{category.Code}”最低一档等级“{lowest.Name}”的“最低得分率”为{N(lowest.MinPercent)}，应为0（否则得分率低于{N(lowest.MinPercent)}%的支部没有等级）");
        }
    }

    private string? Required(SheetRow row, int column, string header)
    {
        if (row.HasReaderError(column))
        {
            return null;
        }

        if (row[column].Length == 0)
        {
            Add(IndicatorsIndex, row.Row, column, $"计分方式为“{row[C.Kind]}”时“{header}”不能为空");
            return null;
        }

        return row[column];
    }

    private T? Choice<T>(SheetRow row, int column, string header, IReadOnlyList<(string Text, T Value)> choices, IEnumerable<string> names)
        where T : struct
    {
        if (Required(row, column, header) is not { } text)
        {
            return null;
        }

        foreach (var (choice, value) in choices)
        {
            if (string.Equals(choice, text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        Add(IndicatorsIndex, row.Row, column, $"“{header}”“{text}”无效，应为：{string.Join("、", names)}");
        return null;
    }

    /// <summary>A code cell (indicator, event type, KPI, question): letters, digits, dots, hyphens and underscores.</summary>
    private string? CheckCode(int sheet, SheetRow row, int column, string header, bool required)
    {
        if (row.HasReaderError(column))
        {
            return null;
        }

        var text = row[column];
        if (text.Length == 0)
        {
            if (required)
            {
                Add(sheet, row.Row, column, sheet == IndicatorsIndex && column != C.Code
                    ? $"计分方式为“{row[C.Kind]}”时“{header}”不能为空"
                    : $"“{header}”不能为空");
            }

            return null;
        }

        if (text.Length > MaxCodeLength || !CodeShape().IsMatch(text))
        {
            Add(sheet, row.Row, column, $"“{header}”“{text}”无效：只能由英文字母、数字、点、连字符和下划线组成，最多{MaxCodeLength}个字符");
            return null;
        }

        return text;
    }

    /// <summary>A number cell: points (0..1000, at most 2 decimals) or, with <paramref name="allowNegative"/>, a KPI value.</summary>
    private decimal? Number(int sheet, SheetRow row, int column, string header, bool required, bool mustBePositive, bool allowNegative = false)
    {
        if (row.HasReaderError(column))
        {
            return null;
        }

        var text = row[column];
        if (text.Length == 0)
        {
            if (required)
            {
                Add(sheet, row.Row, column, sheet == IndicatorsIndex && column > C.Kind
                    ? $"计分方式为“{row[C.Kind]}”时“{header}”不能为空"
                    : $"“{header}”不能为空");
            }

            return null;
        }

        if (!TryDecimal(text, out var value))
        {
            Add(sheet, row.Row, column, $"“{header}”“{text}”不是数字");
            return null;
        }

        if (allowNegative)
        {
            return value;
        }

        if (mustBePositive ? value <= 0 : value < 0)
        {
            Add(sheet, row.Row, column, mustBePositive ? $"“{header}”应大于0，实际为{text}" : $"“{header}”不能为负数，实际为{text}");
            return null;
        }

        if (value > MaxPoints || decimal.Round(value, 2) != value)
        {
            Add(sheet, row.Row, column, $"“{header}”“{text}”应不超过{N(MaxPoints)}且最多两位小数");
            return null;
        }

        return value;
    }

    /// <summary>A rater-group weight: empty (0), a decimal 0..1 or a percentage such as 30%.</summary>
    private decimal? Weight(SheetRow row, int column)
    {
        if (row.HasReaderError(column))
        {
            return null;
        }

        var text = row[column];
        if (text.Length == 0)
        {
            return 0m;
        }

        var percent = text.EndsWith('%');
        if (!TryDecimal(percent ? text[..^1].TrimEnd() : text, out var value) || (percent ? value / 100m : value) is < 0 or > 1)
        {
            var header = DataSheets[IndicatorsIndex].Headers[column];
            Add(IndicatorsIndex, row.Row, column, $"“{header}”“{text}”应为0到1之间的小数（如0.3）或百分数（如30%）");
            return null;
        }

        return percent ? value / 100m : value;
    }

    private static bool TryDecimal(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);

    private static bool IsCategoryCode(string code, string packId) =>
        code.StartsWith(packId + "/", StringComparison.Ordinal) && CategoryCodeShape().IsMatch(code) && code.Length <= MaxCodeLength;

    private static string N(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string N4(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^[a-z0-9-]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex PackId();

    [GeneratedRegex(@"^[a-z0-9-]+/[a-z0-9][a-z0-9-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex CategoryCodeShape();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex DimensionCodeShape();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex CodeShape();

    // The same SemVer 2.0 expression as the pack loader's manifest check (semver.org's, ASCII digits only, \z).
    [GeneratedRegex(
        @"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)"
        + @"(?:-((?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
        + @"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex SemVer();

    private sealed record ManifestEntry(string Id, string Version, string Name, bool IdIsValid);

    private sealed record GradeEntry(int Row, string Name, decimal MinPercent);

    private sealed class CategoryEntry(int row, string code, string name)
    {
        public int Row { get; } = row;

        public string Code { get; } = code;

        public string Name { get; } = name;

        public decimal? Total { get; init; }

        public List<DimensionEntry> Dimensions { get; } = [];

        public Dictionary<string, int> IndicatorRows { get; } = new(StringComparer.Ordinal);

        public List<GradeEntry> Grades { get; } = [];

        /// <summary>A grade row of this category had an error: checks on the grade set would only add noise.</summary>
        public bool GradesIncomplete { get; set; }

        public DimensionEntry Dimension(string code, int row)
        {
            var dimension = Dimensions.FirstOrDefault(d => d.Code == code);
            if (dimension is null)
            {
                dimension = new DimensionEntry(code, row);
                Dimensions.Add(dimension);
            }

            return dimension;
        }

        public BranchCategory Build() => new(
            Code,
            Name,
            Dimensions
                .Select(d => d.StandardRow is null
                    ? new Dimension(d.Code, d.Name!, d.Indicators.ToList())
                    : StandardSections.ThreeMeetingsOneLesson(d.Code, d.Name!))
                .ToList(),
            new GradeScale(Grades.OrderByDescending(g => g.MinPercent).Select(g => new GradeBand(g.Name, g.MinPercent)).ToList()));
    }

    private sealed class DimensionEntry(string code, int firstRow)
    {
        public string Code { get; } = code;

        public int FirstRow { get; } = firstRow;

        public string? Name { get; set; }

        public int? NameRow { get; set; }

        public decimal? Max { get; set; }

        public int MaxRow { get; set; }

        /// <summary>A 维度满分 cell of the dimension was unreadable: the sum checks are skipped.</summary>
        public bool MaxUnknown { get; set; }

        /// <summary>The sum of the points of the dimension's rows whose 满分 was readable.</summary>
        public decimal Points { get; set; }

        /// <summary>A row's 满分 was unreadable: the sum check is skipped.</summary>
        public bool PointsUnknown { get; set; }

        public int? StandardRow { get; set; }

        public int Rows { get; set; }

        public List<Indicator> Indicators { get; } = [];
    }
}
