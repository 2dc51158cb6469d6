using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Imports;
using Appraisal.PartyBuilding.Core.Scoring;
using Appraisal.PartyBuilding.Excel.Packs;
using OfficeOpenXml;
using OfficeOpenXml.DataValidation.Contracts;
using static Appraisal.PartyBuilding.Excel.Packs.PackWorkbookLayout;

namespace Appraisal.PartyBuilding.Excel.Tests;

/// <summary>Packs authored in Excel: the template, a filled-in template read back and scored, and the writer.</summary>
public sealed class PackWorkbookTests
{
    private static readonly AssessmentQuarter Q3 = new(2026, 3);

    [Fact]
    public void Template_has_the_four_data_sheets_with_headers_the_help_sheet_and_hidden_lists()
    {
        using var package = new ExcelPackage(new MemoryStream(PackWorkbook.Template()));

        Assert.Equal([ManifestSheet, CategoriesSheet, IndicatorsSheet, GradesSheet, HelpSheet, ListsSheet], package.Workbook.Worksheets.Select(s => s.Name));
        foreach (var spec in DataSheets)
        {
            var sheet = package.Workbook.Worksheets[spec.Name];
            Assert.Equal(spec.Headers, Enumerable.Range(1, spec.Headers.Count).Select(c => sheet.Cells[1, c].Text));
            Assert.True(sheet.Cells[1, 1].Style.Font.Bold);
            Assert.Contains("state=\"frozen\"", sheet.WorksheetXml.OuterXml);
            Assert.Null(sheet.Cells[2, 1].Value);
        }

        Assert.Equal(
            ["类别编码", "维度编码", "维度名称", "维度满分", "指标编码", "指标名称", "满分", "计分方式", "会议类型", "计数单位", "事项类型", "每次分值", "扣分上限",
             "指标值编码", "门槛值", "目标值", "方向", "题目编码", "领导权重", "同级权重", "服务对象权重", "否决效果", "等级上限", "评分指引"],
            DataSheets[2].Headers);
        Assert.Equal(eWorkSheetHidden.Hidden, package.Workbook.Worksheets[ListsSheet].Hidden);
        Assert.Equal("@", package.Workbook.Worksheets[ManifestSheet].Cells[2, 2].Style.Numberformat.Format);
        Assert.Equal("@", package.Workbook.Worksheets[GradesSheet].Cells[2, 3].Style.Numberformat.Format);
    }

    [Fact]
    public void Template_rule_kind_column_is_a_drop_down_of_the_seven_kinds_and_the_standard_section()
    {
        using var package = new ExcelPackage(new MemoryStream(PackWorkbook.Template()));
        var indicators = package.Workbook.Worksheets[IndicatorsSheet];
        var lists = package.Workbook.Worksheets[ListsSheet];

        var validations = indicators.DataValidations.OfType<IExcelDataValidationList>().ToDictionary(v => v.Address.Address);
        Assert.Equal(["H2:H1001", "I2:I1001", "J2:J1001", "Q2:Q1001", "V2:V1001"], validations.Keys.Order(StringComparer.Ordinal));
        var kinds = validations["H2:H1001"].Formula.ExcelFormula;
        Assert.Matches(@"^Lists!\$[A-Z]+\$1:\$[A-Z]+\$8$", kinds);
        var column = kinds.Split('$')[1];
        Assert.Equal(
            ["会议频次", "人工评分", "扣分", "KPI目标", "测评", "加分", "否决", "三会一课标准"],
            Enumerable.Range(1, 8).Select(r => lists.Cells[$"{column}{r}"].Text));
    }

    [Fact]
    public void Help_sheet_explains_every_column_of_every_sheet_in_Chinese()
    {
        using var package = new ExcelPackage(new MemoryStream(PackWorkbook.Template()));
        var help = package.Workbook.Worksheets[HelpSheet];

        var row = 2;
        foreach (var spec in DataSheets)
        {
            for (var c = 0; c < spec.Headers.Count; c++, row++)
            {
                Assert.Equal((spec.Name, ExcelColumns.Letter(c + 1), spec.Headers[c]), (help.Cells[row, 1].Text, help.Cells[row, 2].Text, help.Cells[row, 3].Text));
                Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", help.Cells[row, 4].Text);
            }
        }

        var notes = Enumerable.Range(row, 30).Select(r => help.Cells[r, 1].Text).Where(t => t.Length > 0).ToList();
        foreach (var kind in RuleKinds)
        {
            Assert.Contains(notes, n => n.StartsWith($"· {kind}：", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Filled_in_template_reads_back_as_a_pack_with_every_rule_kind()
    {
        using var file = PackWorkbookFile.Valid();

        var result = file.Read();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var manifest = result.Pack!.Manifest;
        Assert.Equal(("town-offices", "1.0.0", "镇属科室考核", HostContract.Version), (manifest.Id, manifest.Version, manifest.Name, manifest.ContractVersion));
        Assert.Empty(((IIndicatorPack)result.Pack).Scorers);
        var category = Assert.Single(manifest.Categories);
        Assert.Equal((PackWorkbookFile.Category, "镇属科室", 100m), (category.Code, category.Name, category.MaxPoints));
        Assert.Equal(["shyk", "service", "conduct"], category.Dimensions.Select(d => d.Code));
        Assert.Equal(StandardSections.ThreeMeetingsOneLesson().Indicators, category.Dimensions[0].Indicators);
        Assert.Equal("组织建设·三会一课", category.Dimensions[0].Name);
        Assert.Equal([40m, 30m, 30m], category.Dimensions.Select(d => d.MaxPoints));

        var rules = category.Dimensions.SelectMany(d => d.Indicators).ToDictionary(i => i.Code, i => i.Rule);
        var rating = Assert.IsType<RatingRule>(rules["service.satisfaction"]);
        Assert.Equal("resident-satisfaction", rating.Question);
        Assert.Equal([(RaterGroup.Leader, 0.3m), (RaterGroup.Peer, 0.2m), (RaterGroup.ServiceRecipient, 0.5m)], rating.Weights.OrderBy(w => w.Key).Select(w => (w.Key, w.Value)));
        Assert.Equal(new KpiTargetRule("on-time-rate", 80, 100, KpiDirection.HigherIsBetter), rules["service.on-time"]);
        Assert.Equal(new BonusRule("urgent-need-solved", 2), rules["service.urgent-needs"]);
        Assert.Equal(new DeductionRule("valid-complaint", 5, 10), rules["conduct.complaints"]);
        Assert.Equal(new RecordFrequencyRule(MeetingType.Review, CoverageUnit.Year), rules["conduct.review"]);
        Assert.Equal(new ManualRule("查看本季度作风建设学习记录和整改台账。"), rules["conduct.study"]);
        Assert.Equal(new VetoRule("serious-discipline-case", VetoEffect.CapGrade, "较差"), rules["conduct.serious-case"]);
        Assert.Equal(new VetoRule("eight-rules-violation", VetoEffect.ZeroDimension), rules["conduct.eight-rules"]);
        Assert.Equal([("优秀", 90m), ("良好", 75m), ("一般", 60m), ("较差", 0m)], category.Grades.Bands.Select(b => (b.Name, b.MinPercent)));
    }

    [Fact]
    public void Pack_read_from_the_workbook_scores_evidence_through_the_engine()
    {
        using var file = PackWorkbookFile.Valid();
        var category = file.Read().Pack!.Manifest.Categories[0];
        var evidence = Evidence() with { };

        var score = ScoringEngine.Score(category, evidence, _ => null);

        // 三会一课 40; 服务群众: rating 100 → 12, KPI 90 between 80 and 100 → 5, two cases × 2 → 4;
        // 作风纪律: one complaint → 10 − 5, 民主评议 held this year → 5, assessor 12. Total 83 → 良好.
        Assert.Equal(83m, score.Total);
        Assert.Equal("良好", score.Grade);
        Assert.Equal(40m, score.Dimensions[0].Score);
        Assert.Equal("实际值90（越高越好，门槛值80，目标值100），介于门槛值与目标值之间，按比例得5分", Indicator(score, "service.on-time").Explanation);
        Assert.StartsWith("扣5分：8月20日窗口服务态度差被投诉", Indicator(score, "conduct.complaints").Explanation);
        Assert.StartsWith("民主评议党员：本年度已开", Indicator(score, "conduct.review").Explanation);
        Assert.Equal("考核员评分12分：学习记录完整，整改台账缺2项", Indicator(score, "conduct.study").Explanation);
        Assert.Contains("领导平均100分", Indicator(score, "service.satisfaction").Explanation);

        var vetoed = ScoringEngine.Score(category, evidence with
        {
            Events = [.. evidence.Events, new EvidenceEvent("eight-rules-violation", new DateOnly(2026, 9, 1), "违规公款吃喝"), new EvidenceEvent("serious-discipline-case", new DateOnly(2026, 9, 2), "挪用资金被立案")],
        }, _ => null);

        Assert.Equal(83m - 22m, vetoed.Total);
        Assert.True(vetoed.Dimensions.Single(d => d.Code == "conduct").Zeroed);
        Assert.Equal(("一般", "较差"), (vetoed.GradeBeforeVeto, vetoed.Grade));
    }

    [Fact]
    public void Writer_puts_a_manifest_into_the_template_that_reads_back_the_same()
    {
        using var file = PackWorkbookFile.Valid();
        var original = file.Read().Pack!.Manifest;

        var again = PackWorkbook.Read(new MemoryStream(PackWorkbook.Write(original)));

        Assert.True(again.Succeeded, string.Join("\n", again.Errors));
        Assert.Equal(Describe(original), Describe(again.Pack!.Manifest));
        using var package = new ExcelPackage(new MemoryStream(PackWorkbook.Write(original)));
        Assert.Equal("三会一课标准", package.Workbook.Worksheets[IndicatorsSheet].Cells["H2"].Text);
    }

    [Fact]
    public void Writer_refuses_an_indicator_scored_in_code()
    {
        var manifest = new PackManifest("coded", "1.0.0", "代码计分",
        [
            new BranchCategory("coded/basic", "类别", [new Dimension("x", "维度", [new Indicator("x.one", "代码", 10, new CodeRule("my-scorer"))])], StandardSections.FiveStars),
        ]);

        var error = Assert.Throws<NotSupportedException>(() => PackWorkbook.Write(manifest));

        Assert.Equal("指标“x.one”由指标包代码计分（my-scorer），无法写入Excel指标包。", error.Message);
    }

    private static BranchEvidence Evidence()
    {
        var branch = new BranchProfile("KS01", "党政办党支部", PackWorkbookFile.Category, 20, 5, ["一组"]);
        MeetingRecordFact[] meetings =
        [
            new(MeetingType.Assembly, new DateOnly(2026, 8, 15), 20, 15),
            new(MeetingType.Committee, new DateOnly(2026, 7, 5), 5, 5), new(MeetingType.Committee, new DateOnly(2026, 8, 5), 5, 5), new(MeetingType.Committee, new DateOnly(2026, 9, 5), 5, 4),
            new(MeetingType.Group, new DateOnly(2026, 7, 10), 10, 8, "一组"), new(MeetingType.Group, new DateOnly(2026, 8, 10), 10, 8, "一组"), new(MeetingType.Group, new DateOnly(2026, 9, 10), 10, 8, "一组"),
            new(MeetingType.Lecture, new DateOnly(2026, 9, 20), 20, 18),
            new(MeetingType.ThemeDay, new DateOnly(2026, 7, 1), 20, 17), new(MeetingType.ThemeDay, new DateOnly(2026, 8, 1), 20, 17), new(MeetingType.ThemeDay, new DateOnly(2026, 9, 1), 20, 17),
            new(MeetingType.Review, new DateOnly(2026, 1, 20), 20, 18),
        ];
        return new BranchEvidence(Q3, branch, meetings)
        {
            Kpis = [new KpiValue("on-time-rate", 90)],
            Events =
            [
                new EvidenceEvent("urgent-need-solved", new DateOnly(2026, 7, 3), "帮助独居老人办理社保"),
                new EvidenceEvent("urgent-need-solved", new DateOnly(2026, 8, 3), "协调解决停车难"),
                new EvidenceEvent("valid-complaint", new DateOnly(2026, 8, 20), "窗口服务态度差被投诉"),
            ],
            Ratings =
            [
                new RatingAnswer("resident-satisfaction", RaterGroup.Leader, 100),
                new RatingAnswer("resident-satisfaction", RaterGroup.Peer, 100),
                new RatingAnswer("resident-satisfaction", RaterGroup.ServiceRecipient, 100),
            ],
            ManualScores = [new ManualScore("conduct.study", 12, "学习记录完整，整改台账缺2项")],
        };
    }

    private static IndicatorScore Indicator(BranchScore score, string code) => score.Indicators.Single(i => i.Code == code);

    /// <summary>A manifest as text, so that two manifests built separately compare by content.</summary>
    private static string Describe(PackManifest manifest) =>
        string.Join("\n", manifest.Categories.SelectMany(c =>
            new[] { $"{manifest.Id} {manifest.Version} {manifest.Name} | {c.Code} {c.Name} {string.Join(",", c.Grades.Bands.Select(b => $"{b.Name}:{b.MinPercent:0.##}"))}" }
                .Concat(c.Dimensions.Select(d => $"  {d.Code} {d.Name} {d.MaxPoints:0.##}"))
                .Concat(c.Dimensions.SelectMany(d => d.Indicators).Select(i => $"    {i.Code} {i.Name} {i.MaxPoints:0.##} {RuleText(i.Rule)}"))));

    private static string RuleText(IndicatorRule rule) => rule is RatingRule r
        ? $"Rating {r.Question} {string.Join(",", r.Weights.OrderBy(w => w.Key).Select(w => $"{w.Key}={w.Value:0.##}"))}"
        : rule.ToString();
}
