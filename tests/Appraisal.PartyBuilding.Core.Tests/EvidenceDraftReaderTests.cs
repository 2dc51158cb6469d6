using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.AssessmentEvidence;

namespace Appraisal.PartyBuilding.Core.Tests;

/// <summary>The field checks the evidence API and the evidence imports share, and the codes a category's rules use.</summary>
public sealed class EvidenceDraftReaderTests
{
    private static (T? Draft, List<EvidenceError> Errors) Read<T>(Func<EvidenceItem, T?> read, Dictionary<string, string?> fields, HashSet<string>? reported = null)
    {
        var errors = new List<EvidenceError>();
        var item = new EvidenceItem(7, f => new EvidenceCell(fields.GetValueOrDefault(f), reported?.Contains(f) == true), f => f, errors);
        return (read(item), errors);
    }

    private static Dictionary<string, string?> Kpi(string? value, string? year = "2026", string? quarter = "3") => new()
    {
        ["branchCode"] = " ZB01 ",
        ["year"] = year,
        ["quarter"] = quarter,
        ["kpiCode"] = "safe-production-days",
        ["value"] = value,
    };

    [Theory]
    [InlineData("95.5", 95.5)]
    [InlineData("-3", -3)]
    [InlineData("1.2500", 1.25)]
    [InlineData("0.1234", 0.1234)]
    [InlineData("1e2", 100)]
    public void A_kpi_value_is_any_number_with_at_most_four_decimals(string text, decimal expected)
    {
        var (draft, errors) = Read(EvidenceDraftReader.Kpi, Kpi(text));

        Assert.Empty(errors);
        Assert.Equal(new KpiDraft(7, "ZB01", 2026, 3, "safe-production-days", expected), draft);
    }

    [Theory]
    [InlineData("abc", "“value”应为数字，实际为“abc”")]
    [InlineData("95%", "“value”应为数字，实际为“95%”")]
    [InlineData("1,000", "“value”应为数字，实际为“1,000”")]
    [InlineData("0.12345", "“value”最多4位小数")]
    [InlineData("", "“value”不能为空")]
    [InlineData(null, "“value”不能为空")]
    public void A_bad_kpi_value_is_one_error_on_its_field(string? text, string message)
    {
        var (draft, errors) = Read(EvidenceDraftReader.Kpi, Kpi(text));

        Assert.Null(draft);
        Assert.Equal(new EvidenceError(7, "value", message), Assert.Single(errors));
    }

    [Fact]
    public void Every_bad_field_of_an_item_is_reported()
    {
        var (draft, errors) = Read(EvidenceDraftReader.Kpi, Kpi("x", year: "1999", quarter: "2.5"));

        Assert.Null(draft);
        Assert.Equal(["year", "quarter", "value"], errors.Select(e => e.Field));
    }

    [Fact]
    public void A_cell_the_file_reader_already_reported_stops_the_draft_without_a_second_error()
    {
        var (draft, errors) = Read(EvidenceDraftReader.Kpi, Kpi(null), reported: ["value"]);

        Assert.Null(draft);
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("2026-08-03")]
    [InlineData("2026/8/3")]
    [InlineData("2026-8-3")]
    [InlineData("2026.8.3")]
    public void Event_dates_are_read_in_the_usual_forms(string text)
    {
        var (draft, errors) = Read(EvidenceDraftReader.Event, new() { ["branchCode"] = "ZB01", ["date"] = text, ["eventType"] = "late-dues", ["description"] = "  " });

        Assert.Empty(errors);
        Assert.Equal(new EventDraft(7, "ZB01", new DateOnly(2026, 8, 3), "late-dues", null), draft);
    }

    [Theory]
    [InlineData("领导", RaterGroup.Leader)]
    [InlineData("peer", RaterGroup.Peer)]
    [InlineData("服务对象", RaterGroup.ServiceRecipient)]
    [InlineData("群众", RaterGroup.ServiceRecipient)]
    [InlineData("service-recipient", RaterGroup.ServiceRecipient)]
    public void Rater_groups_are_read_by_code_or_Chinese_name(string text, RaterGroup group)
    {
        var (draft, errors) = Read(EvidenceDraftReader.Rating, new()
        {
            ["branchCode"] = "ZB01", ["year"] = "2026", ["quarter"] = "3.0", ["question"] = "q", ["raterGroup"] = text, ["score"] = "88.5",
        });

        Assert.Empty(errors);
        Assert.Equal(new RatingDraft(7, "ZB01", 2026, 3, "q", group, 88.5m, null), draft);
    }

    [Fact]
    public void A_category_lists_the_codes_its_rules_use()
    {
        var category = new BranchCategory("p/c", "类别",
        [
            new Dimension("d", "维度",
            [
                new Indicator("d.kpi", "指标值", 10, new KpiTargetRule("rate", 60, 100, KpiDirection.HigherIsBetter)),
                new Indicator("d.kpi2", "同一指标值", 5, new KpiTargetRule("rate", 80, 100, KpiDirection.HigherIsBetter)),
                new Indicator("d.cut", "扣分", 10, new DeductionRule("late-dues", 2)),
                new Indicator("d.plus", "加分", 10, new BonusRule("case", 2)),
                new Indicator("d.veto", "否决", 0, new VetoRule("serious", VetoEffect.CapGrade, "一星")),
                new Indicator("d.rate", "评价", 10, new RatingRule("q", new Dictionary<RaterGroup, decimal> { [RaterGroup.Leader] = 1 })),
                new Indicator("d.manual", "人工", 10, new ManualRule("看材料")),
                new Indicator("d.meet", "会议", 10, new RecordFrequencyRule(MeetingType.Lecture, CoverageUnit.Quarter)),
            ]),
        ], StandardSections.FiveStars);

        var codes = CategoryEvidence.Of(category);

        Assert.Equal(["d.kpi", "d.kpi2"], codes.Kpis["rate"].Select(i => i.Code));
        Assert.Equal(["case", "late-dues", "serious"], codes.EventTypes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("扣分：扣分", codes.EventRole("late-dues"));
        Assert.Equal("一票否决：否决", codes.EventRole("serious"));
        Assert.Equal(["q"], codes.RatingQuestions.Keys);
        Assert.Equal("d.manual", Assert.Single(codes.ManualIndicators).Code);
        Assert.Null(codes.ManualIndicator("d.meet"));
    }
}
