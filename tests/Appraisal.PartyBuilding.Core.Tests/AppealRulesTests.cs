using Appraisal.PartyBuilding.Core.Appeals;
using Appraisal.PartyBuilding.Core.Periods;

namespace Appraisal.PartyBuilding.Core.Tests;

/// <summary>SPEC "Feedback chain (反馈/申辩)": inside the window only, decided by someone other than the scorer, re-scored within 0..max.</summary>
public sealed class AppealRulesTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static Period Published()
    {
        var period = new Period { Year = 2026, Quarter = 3, State = PeriodState.Scoring, OpenedBy = "admin" };
        Assert.True(new PeriodLifecycle().Move(period, PeriodState.Published, PeriodActor.OrgAdmin, new TransitionFacts(new DateTimeOffset(2026, 10, 10, 15, 0, 0, China), ScoredBranches: 1)).Moved);
        return period;
    }

    private static Appeal Filed(string scorer = AppealRules.AutomaticScorer) => new()
    {
        IndicatorCode = "shyk.committee",
        Reason = "8月支委会已召开",
        Evidence = "8月12日会议记录",
        FiledBy = "zb1-secretary",
        OriginalScore = 8m,
        MaxScore = 12m,
        OriginalExplanation = "支委会：7月、9月已开，8月缺",
        OriginalScorer = scorer,
    };

    [Fact]
    public void Filing_is_accepted_until_the_last_instant_before_the_window_closes_and_refused_from_then_on()
    {
        var period = Published();
        var close = new DateTimeOffset(2026, 10, 18, 0, 0, 0, China);

        Assert.Null(AppealRules.RefusesFiling(period, close.AddTicks(-1)));
        Assert.Equal("2026年第3季度的申诉期已于2026-10-18 00:00结束。", AppealRules.RefusesFiling(period, close));
    }

    [Theory]
    [InlineData(PeriodState.Open)]
    [InlineData(PeriodState.Scoring)]
    public void Filing_before_publication_is_refused(PeriodState state)
    {
        var period = new Period { Year = 2026, Quarter = 3, State = state, OpenedBy = "admin" };

        Assert.Equal("2026年第3季度的考核结果尚未公示，还不能申诉。", AppealRules.RefusesFiling(period, DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void A_filing_needs_an_indicator_a_reason_and_evidence_within_their_lengths()
    {
        var empty = AppealRules.ValidateFiling(" ", "", null);
        var tooLong = AppealRules.ValidateFiling("shyk.committee", new string('理', AppealRules.MaxReasonLength + 1), new string('据', AppealRules.MaxEvidenceLength + 1));
        var atLimit = AppealRules.ValidateFiling("shyk.committee", new string('理', AppealRules.MaxReasonLength), new string('据', AppealRules.MaxEvidenceLength));

        Assert.Equal(["请指明申诉的指标编码"], empty["indicatorCode"]);
        Assert.Equal(["请填写申诉理由"], empty["reason"]);
        Assert.Equal(["请填写申诉依据"], empty["evidence"]);
        Assert.Equal(["申诉理由最多1000个字"], tooLong["reason"]);
        Assert.Equal(["申诉依据最多2000个字"], tooLong["evidence"]);
        Assert.Empty(atLimit);
    }

    [Fact]
    public void The_original_scorer_and_the_appellant_may_not_decide_whoever_the_letter_case()
    {
        var manual = Filed(scorer: "Assessor-Li");

        Assert.Equal(403, AppealRules.RefusesDecider(manual, "assessor-li")!.Value.Status);
        Assert.Contains("原评分人", AppealRules.RefusesDecider(manual, "assessor-li")!.Value.Message);
        Assert.Equal(403, AppealRules.RefusesDecider(manual, "ZB1-SECRETARY")!.Value.Status);
        Assert.Null(AppealRules.RefusesDecider(manual, "assessor-wang"));
    }

    [Fact]
    public void A_computed_score_has_no_personal_scorer_so_any_other_decider_may_decide_it()
    {
        var computed = Filed();

        Assert.Equal("系统", computed.OriginalScorer);
        Assert.Null(AppealRules.RefusesDecider(computed, "org-admin"));
        Assert.Null(AppealRules.RefusesDecider(computed, "assessor-wang"));
    }

    [Fact]
    public void A_decided_appeal_is_not_decided_twice()
    {
        var appeal = Filed();
        AppealRules.Decide(appeal, upheld: false, null, "会议记录日期为9月", "assessor-wang", new DateTimeOffset(2026, 10, 12, 9, 30, 0, China));

        var again = AppealRules.RefusesDecider(appeal, "org-admin");

        Assert.Equal(409, again!.Value.Status);
        Assert.Equal("该申诉已由assessor-wang于2026-10-12 09:30处理（已驳回），不能重复处理。", again.Value.Message);
    }

    [Theory]
    [InlineData(null, null, "意见", "upheld", "请选择采纳（upheld = true）或驳回（upheld = false）")]
    [InlineData(true, null, "意见", "newScore", "采纳申诉时须填写复核后的分数")]
    [InlineData(true, "-0.01", "意见", "newScore", "复核后的分数应在0至12分之间")]
    [InlineData(true, "12.01", "意见", "newScore", "复核后的分数应在0至12分之间")]
    [InlineData(true, "10.005", "意见", "newScore", "复核后的分数最多保留两位小数")]
    [InlineData(true, "8", "意见", "newScore", "复核后的分数与原得分（8分）相同：不改分请选择驳回")]
    [InlineData(false, "10", "意见", "newScore", "驳回申诉时不改分，请不要填写复核后的分数")]
    [InlineData(false, null, " ", "opinion", "请填写复核意见")]
    public void A_bad_decision_names_the_field_and_the_problem(bool? upheld, string? newScore, string opinion, string field, string message)
    {
        var errors = AppealRules.ValidateDecision(Filed(), upheld, newScore is null ? null : decimal.Parse(newScore, System.Globalization.CultureInfo.InvariantCulture), opinion);

        Assert.Equal([message], errors[field]);
    }

    [Theory]
    [InlineData(true, "0")]
    [InlineData(true, "12")]
    [InlineData(true, "11.5")]
    [InlineData(false, null)]
    public void Scores_from_zero_to_the_maximum_and_plain_rejections_are_accepted(bool upheld, string? newScore)
    {
        Assert.Empty(AppealRules.ValidateDecision(Filed(), upheld, newScore is null ? null : decimal.Parse(newScore, System.Globalization.CultureInfo.InvariantCulture), "已核实"));
    }

    [Fact]
    public void An_upheld_decision_keeps_the_original_value_beside_the_new_one_and_frees_the_indicator_for_a_new_appeal()
    {
        var appeal = Filed();
        var at = new DateTimeOffset(2026, 10, 12, 9, 30, 0, China);

        AppealRules.Decide(appeal, upheld: true, 12m, " 8月12日支委会记录属实 ", "assessor-wang", at);

        Assert.Equal(AppealState.Upheld, appeal.State);
        Assert.Null(appeal.OpenMarker);
        Assert.Equal(8m, appeal.OriginalScore);
        Assert.Equal(12m, appeal.NewScore);
        Assert.Equal("8月12日支委会记录属实", appeal.Opinion);
        Assert.Equal(at, appeal.DecidedAt);
        Assert.Equal("支委会：7月、9月已开，8月缺；经申诉复核（assessor-wang），由8分改为12分：8月12日支委会记录属实", AppealRules.RescoredExplanation(appeal));
    }
}
