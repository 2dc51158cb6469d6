using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Appeals;
using Appraisal.PartyBuilding.Core.Scoring;

namespace Appraisal.PartyBuilding.Core.Tests;

/// <summary>After an upheld appeal the stored result is re-totalled and re-graded exactly as the engine would, vetoes included.</summary>
public sealed class ResultRegradingTests
{
    private static readonly BranchCategory Category = new(
        "test/regrade",
        "重算测试",
        [
            new Dimension("a", "甲", [
                new Indicator("a.manual", "甲项", 10, new ManualRule("考核员评分")),
                new Indicator("a.zero", "甲清零", 0, new VetoRule("zero-event", VetoEffect.ZeroDimension)),
            ]),
            new Dimension("b", "乙", [
                new Indicator("b.manual", "乙项", 90, new ManualRule("考核员评分")),
                new Indicator("b.cap", "严重违纪", 0, new VetoRule("cap-event", VetoEffect.CapGrade, "二星")),
            ]),
        ],
        StandardSections.FiveStars);

    private static BranchScore Engine(decimal a, decimal b, params string[] events) =>
        ScoringEngine.Score(Category, new BranchEvidence(TestData.Q3, new BranchProfile("R1", "重算支部", Category.Code, 10, 3, []), [])
        {
            ManualScores = [new ManualScore("a.manual", a, ""), new ManualScore("b.manual", b, "")],
            Events = events.Select(e => new EvidenceEvent(e, TestData.D(8, 1), "事件")).ToList(),
        }, _ => null);

    private static Regraded FromStored(BranchScore stored, Dictionary<string, decimal>? changes = null)
    {
        var scores = stored.Indicators.ToDictionary(i => i.Code, i => changes?.GetValueOrDefault(i.Code, i.Score) ?? i.Score);
        var triggered = stored.Indicators.Where(i => i.Explanation.StartsWith(VetoScorer.TriggeredPrefix, StringComparison.Ordinal)).Select(i => i.Code).ToHashSet();
        return ResultRegrading.Regrade(Category, scores, triggered);
    }

    [Theory]
    [InlineData(8, 85)]
    [InlineData(10, 90)]
    [InlineData(0, 0)]
    [InlineData(5.5, 61.25)]
    public void Unchanged_scores_regrade_to_what_the_engine_gave(decimal a, decimal b)
    {
        var stored = Engine(a, b);

        var regraded = FromStored(stored);

        Assert.Equal(stored.Total, regraded.Total);
        Assert.Equal(stored.Grade, regraded.Grade);
    }

    [Fact]
    public void A_raised_score_raises_the_total_and_the_grade()
    {
        var stored = Engine(8, 80);
        Assert.Equal("四星", stored.Grade);

        var regraded = FromStored(stored, new() { ["b.manual"] = 84 });

        Assert.Equal(92m, regraded.Total);
        Assert.Equal("五星", regraded.Grade);
        Assert.Equal("总分92分（满分100分，得分率92%，经申诉复核重算），评为五星", regraded.GradeExplanation);
    }

    [Fact]
    public void A_triggered_grade_cap_still_caps_after_the_appeal()
    {
        var stored = Engine(8, 85, "cap-event");
        Assert.Equal("二星", stored.Grade);

        var regraded = FromStored(stored, new() { ["b.manual"] = 90 });

        Assert.Equal(98m, regraded.Total);
        Assert.Equal("二星", regraded.Grade);
        Assert.Contains("按得分应评五星；因一票否决（严重违纪）等级最高为二星", regraded.GradeExplanation);
    }

    [Fact]
    public void A_dimension_zeroed_by_a_veto_stays_zero_whatever_its_indicators_are_raised_to()
    {
        var stored = Engine(8, 85, "zero-event");
        Assert.Equal(85m, stored.Total);

        var regraded = FromStored(stored, new() { ["a.manual"] = 10 });

        Assert.Equal(85m, regraded.Total);
        Assert.Equal(stored.Grade, regraded.Grade);
    }
}
