using System.Drawing;
using System.Globalization;
using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Meetings;
using OfficeOpenXml;
using OfficeOpenXml.DataValidation;
using OfficeOpenXml.Style;
using static Appraisal.PartyBuilding.Excel.Packs.PackWorkbookLayout;
using C = Appraisal.PartyBuilding.Excel.Packs.IndicatorColumn;

namespace Appraisal.PartyBuilding.Excel.Packs;

/// <summary>Writes the pack workbook template, empty or holding a manifest.</summary>
internal static class PackWorkbookWriter
{
    /// <summary>Data rows that get the drop-downs and text formats: far more than any indicator tree needs.</summary>
    public const int DataRows = 1000;

    public static byte[] Write(PackManifest? manifest)
    {
        using var package = new ExcelPackage();
        var sheets = new (string Name, IReadOnlyList<TemplateColumn> Columns)[]
        {
            (ManifestSheet, ManifestColumns),
            (CategoriesSheet, CategoryColumns),
            (IndicatorsSheet, IndicatorColumns),
            (GradesSheet, GradeColumns),
        };
        var data = sheets.Select(s => package.Workbook.Worksheets.Add(s.Name)).ToList();
        var help = package.Workbook.Worksheets.Add(HelpSheet);
        var lists = package.Workbook.Worksheets.Add(ListsSheet);
        var listColumns = new Dictionary<string, string>(StringComparer.Ordinal);

        for (var s = 0; s < sheets.Length; s++)
        {
            var sheet = data[s];
            var columns = sheets[s].Columns;
            var lastRow = 1 + (sheets[s].Name == ManifestSheet ? 1 : DataRows);
            for (var i = 0; i < columns.Count; i++)
            {
                var column = columns[i];
                var c = i + 1;
                var header = sheet.Cells[1, c];
                ExcelExport.SetText(header, column.Header);
                header.Style.Font.Bold = true;
                header.Style.Fill.PatternType = ExcelFillStyle.Solid;
                header.Style.Fill.BackgroundColor.SetColor(Color.FromArgb(0xFF, 0xF2, 0xF2, 0xF2));
                sheet.Column(c).Width = column.Width;
                if (column.IsText)
                {
                    // A column style rather than a style on each cell: cheap to write, and the reader does not have to
                    // walk a thousand empty formatted cells per column.
                    sheet.Column(c).Style.Numberformat.Format = "@";
                }

                if (column.Choices is { Count: > 0 } choices)
                {
                    var key = string.Join("\u001f", choices);
                    if (!listColumns.TryGetValue(key, out var listColumn))
                    {
                        listColumn = ExcelColumns.Letter(listColumns.Count + 1);
                        listColumns.Add(key, listColumn);
                        for (var r = 0; r < choices.Count; r++)
                        {
                            ExcelExport.SetText(lists.Cells[$"{listColumn}{r + 1}"], choices[r]);
                        }
                    }

                    var letter = ExcelColumns.Letter(c);
                    var validation = sheet.DataValidations.AddListValidation($"{letter}2:{letter}{lastRow}");
                    validation.Formula.ExcelFormula = $"{ListsSheet}!${listColumn}$1:${listColumn}${choices.Count}";
                    validation.AllowBlank = true;
                    validation.ShowErrorMessage = true;
                    validation.ErrorStyle = ExcelDataValidationWarningStyle.stop;
                    validation.ErrorTitle = column.Header;
                    validation.Error = "请从下拉列表中选择";
                    validation.ShowInputMessage = true;
                    validation.PromptTitle = column.Header;
                    validation.Prompt = column.Help.Length <= 255 ? column.Help : column.Help[..255];
                }
            }

            sheet.View.FreezePanes(2, 1);
        }

        WriteHelp(help, sheets);
        lists.Hidden = eWorkSheetHidden.Hidden;
        if (manifest is not null)
        {
            Fill(data[0], data[1], data[2], data[3], manifest);
        }

        data[0].Select();
        return package.GetAsByteArray();
    }

    private static void WriteHelp(ExcelWorksheet help, (string Name, IReadOnlyList<TemplateColumn> Columns)[] sheets)
    {
        string[] header = ["工作表", "列", "列名", "填写说明"];
        for (var c = 0; c < header.Length; c++)
        {
            ExcelExport.SetText(help.Cells[1, c + 1], header[c]);
        }

        help.Cells[1, 1, 1, header.Length].Style.Font.Bold = true;
        help.Column(1).Width = 10;
        help.Column(2).Width = 5;
        help.Column(3).Width = 14;
        help.Column(4).Width = 100;
        var row = 2;
        foreach (var (name, columns) in sheets)
        {
            for (var i = 0; i < columns.Count; i++, row++)
            {
                ExcelExport.SetText(help.Cells[row, 1], name);
                ExcelExport.SetText(help.Cells[row, 2], ExcelColumns.Letter(i + 1));
                ExcelExport.SetText(help.Cells[row, 3], columns[i].Header);
                ExcelExport.SetText(help.Cells[row, 4], columns[i].Help);
                help.Cells[row, 4].Style.WrapText = true;
            }
        }

        row++;
        foreach (var note in Notes())
        {
            ExcelExport.SetText(help.Cells[row++, 1], note);
        }

        help.View.FreezePanes(2, 1);
    }

    /// <summary>How the sheets fit together, which parameters each rule kind needs, and an example.</summary>
    private static IEnumerable<string> Notes()
    {
        yield return "说明：用Excel编写指标包，无需编写程序。每个工作表第1行为表头，请勿修改；数据从第2行开始。";
        yield return "“指标包”填写一行：包标识、版本、名称。“类别”每行一个支部类别。“指标”每行一项指标（类别→维度→指标）。“等级”每行一个等级。";
        yield return "分值核对：每个维度的“维度满分”须等于其各指标“满分”之和；每个类别的“满分合计”须等于其各维度“维度满分”之和。";
        yield return "各计分方式需填写的参数列（其他参数列须留空）：";
        yield return $"· {RecordFrequency}：会议类型、计数单位。按月计时每月至少一次有效会议得1/3，按党小组·月计时每个党小组每月一次；不设支委会或党小组的支部按满分计。";
        yield return $"· {Manual}：评分指引。考核员按0至满分评分并填写评语。";
        yield return $"· {Deduction}：事项类型、每次分值，扣分上限（选填）。无扣分事项得满分。";
        yield return $"· {KpiTarget}：指标值编码、门槛值、目标值、方向。达到门槛值得0分，达到目标值得满分，之间按比例计分；未报送得0分。";
        yield return $"· {Rating}：题目编码，领导权重、同级权重、服务对象权重（之和为1）。各评价组分别求平均分再加权，得分=加权平均分÷100×满分。";
        yield return $"· {Bonus}：事项类型、每次分值。每例经审核的事项加分，总额不超过满分。";
        yield return $"· {Veto}：事项类型、否决效果，等级上限（等级封顶时必填）。满分填0或留空；发生后等级封顶或本维度清零。";
        yield return $"· {StandardSection}：只填类别编码、维度编码（如 shyk）、维度名称（可留空，默认“组织建设·三会一课”）和维度满分（如填写须为40）。本行插入标准三会一课模块：支部党员大会10分、支部委员会12分、党小组会6分、党课6分、主题党日6分，指标编码为 shyk.assembly 等，不能与其他指标编码重复。";
        yield return "示例（指标）：town-offices/department | service | 服务群众 | 20 | service.satisfaction | 群众满意度 | 12 | 测评 | … | 题目编码 resident-satisfaction | 领导权重 0.3 | 同级权重 0.2 | 服务对象权重 0.5。";
        yield return "编码只能由英文字母、数字、点、连字符和下划线组成；单元格请填写数值或文本，不要使用公式。";
        yield return $"单个文件不超过{SheetReader.FormatSize(SheetReaderOptions.Default.MaxFileBytes)}。文件有错误时将列出所有错误的工作表、行和列。";
        yield return "安装：由根组织部在“管理指标包与版本”页面上传本工作簿（或调用 POST /api/v1/packs），校验通过后立即生效，无需重启；用 Excel 编写的指标包不含代码，无需签名。";
    }

    private static void Fill(ExcelWorksheet manifestSheet, ExcelWorksheet categories, ExcelWorksheet indicators, ExcelWorksheet grades, PackManifest manifest)
    {
        ExcelExport.SetText(manifestSheet.Cells[2, 1], manifest.Id);
        ExcelExport.SetText(manifestSheet.Cells[2, 2], manifest.Version);
        ExcelExport.SetText(manifestSheet.Cells[2, 3], manifest.Name);

        int categoryRow = 2, indicatorRow = 2, gradeRow = 2;
        var standard = StandardSections.ThreeMeetingsOneLesson().Indicators;
        foreach (var category in manifest.Categories)
        {
            ExcelExport.SetText(categories.Cells[categoryRow, 1], category.Code);
            ExcelExport.SetText(categories.Cells[categoryRow, 2], category.Name);
            categories.Cells[categoryRow++, 3].Value = category.MaxPoints;

            foreach (var dimension in category.Dimensions)
            {
                if (dimension.Indicators.SequenceEqual(standard))
                {
                    Cells(indicators, indicatorRow++, category.Code, dimension, first: true, indicator: null);
                    continue;
                }

                for (var i = 0; i < dimension.Indicators.Count; i++)
                {
                    Cells(indicators, indicatorRow++, category.Code, dimension, first: i == 0, dimension.Indicators[i]);
                }
            }

            foreach (var band in category.Grades.Bands)
            {
                ExcelExport.SetText(grades.Cells[gradeRow, 1], category.Code);
                ExcelExport.SetText(grades.Cells[gradeRow, 2], band.Name);
                ExcelExport.SetText(grades.Cells[gradeRow++, 3], Text(band.MinPercent));
            }
        }
    }

    private static void Cells(ExcelWorksheet sheet, int row, string category, Dimension dimension, bool first, Indicator? indicator)
    {
        void Set(int column, string? text) => ExcelExport.SetText(sheet.Cells[row, column + 1], text);
        void Number(int column, decimal value) => sheet.Cells[row, column + 1].Value = value;

        Set(C.Category, category);
        Set(C.DimensionCode, dimension.Code);
        if (first)
        {
            Set(C.DimensionName, dimension.Name);
            Number(C.DimensionMax, dimension.MaxPoints);
        }

        if (indicator is null)
        {
            Set(C.Kind, StandardSection);
            return;
        }

        Set(C.Code, indicator.Code);
        Set(C.Name, indicator.Name);
        Number(C.MaxPoints, indicator.MaxPoints);
        switch (indicator.Rule)
        {
            case RecordFrequencyRule r:
                Set(C.Kind, RecordFrequency);
                Set(C.MeetingType, r.MeetingType.DisplayName());
                Set(C.Unit, Units.Single(u => u.Unit == r.Unit).Name);
                break;
            case ManualRule r:
                Set(C.Kind, Manual);
                Set(C.Guidance, r.Guidance);
                break;
            case DeductionRule r:
                Set(C.Kind, Deduction);
                Set(C.EventType, r.EventType);
                Number(C.PointsPerEvent, r.PointsPerEvent);
                if (r.MaxDeduction is { } cap)
                {
                    Number(C.MaxDeduction, cap);
                }

                break;
            case KpiTargetRule r:
                Set(C.Kind, KpiTarget);
                Set(C.KpiCode, r.KpiCode);
                Number(C.Threshold, r.Threshold);
                Number(C.Target, r.Target);
                Set(C.Direction, Directions.Single(d => d.Direction == r.Direction).Name);
                break;
            case RatingRule r:
                Set(C.Kind, Rating);
                Set(C.Question, r.Question);
                foreach (var (column, group) in new[] { (C.LeaderWeight, RaterGroup.Leader), (C.PeerWeight, RaterGroup.Peer), (C.RecipientWeight, RaterGroup.ServiceRecipient) })
                {
                    if (r.Weights.TryGetValue(group, out var weight) && weight > 0)
                    {
                        Set(column, Text(weight));
                    }
                }

                break;
            case BonusRule r:
                Set(C.Kind, Bonus);
                Set(C.EventType, r.CaseType);
                Number(C.PointsPerEvent, r.PointsPerCase);
                break;
            case VetoRule r:
                Set(C.Kind, Veto);
                Set(C.EventType, r.EventType);
                Set(C.VetoEffect, VetoEffects.Single(e => e.Effect == r.Effect).Name);
                if (r.Effect == VetoEffect.CapGrade)
                {
                    Set(C.GradeCap, r.GradeCap);
                }

                break;
            case CodeRule r:
                throw new NotSupportedException($"指标“{indicator.Code}”由指标包代码计分（{r.ScorerId}），无法写入Excel指标包。");
            default:
                throw new NotSupportedException($"指标“{indicator.Code}”的计分规则“{indicator.Rule?.GetType().Name}”无法写入Excel指标包。");
        }
    }

    private static string Text(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);
}
