using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Scoring;
using static Appraisal.PartyBuilding.Core.Tests.TestData;

namespace Appraisal.PartyBuilding.Core.Tests;

/// <summary>Builders for the rule and engine tests (third quarter of 2026, 7–9月).</summary>
internal static class RuleKit
{
    public static Func<string, IIndicatorScorer?> NoScorers { get; } = _ => null;

    public static BranchEvidence With(
        IEnumerable<EvidenceEvent>? events = null,
        IEnumerable<KpiValue>? kpis = null,
        IEnumerable<RatingAnswer>? ratings = null,
        IEnumerable<ManualScore>? manual = null,
        IEnumerable<MeetingRecordFact>? meetings = null,
        BranchProfile? branch = null) =>
        new(Q3, branch ?? DefaultBranch, (meetings ?? []).ToList())
        {
            Events = (events ?? []).ToList(),
            Kpis = (kpis ?? []).ToList(),
            Ratings = (ratings ?? []).ToList(),
            ManualScores = (manual ?? []).ToList(),
        };

    public static EvidenceEvent Event(string type, int month, int day, string? description = null, int year = 2026) =>
        new(type, D(month, day, year), description);

    public static IndicatorResult Evaluate(Indicator indicator, BranchEvidence evidence, Func<string, IIndicatorScorer?>? scorers = null) =>
        RuleEvaluator.Evaluate(indicator, evidence, scorers ?? NoScorers);

    public static Func<string, IIndicatorScorer?> Scorers(params IIndicatorScorer[] scorers) =>
        id => scorers.FirstOrDefault(s => s.Id == id);
}

/// <summary>A code scorer that returns a fixed result.</summary>
internal sealed class FixedScorer(string id, decimal score, string explanation = "自定义计分") : IIndicatorScorer
{
    public string Id => id;

    public IndicatorResult Score(Indicator indicator, BranchEvidence evidence) => new(score, explanation);
}

public class ScoringRuleTests
{
    [Fact]
    public void Evaluator_dispatches_record_frequency_to_the_record_frequency_scorer()
    {
        var indicator = Indicator("shyk.committee");
        var evidence = Evidence(Committee(D(7, 5)), Committee(D(9, 5)));
        var result = RuleKit.Evaluate(indicator, evidence);
        Assert.Equal(RecordFrequencyScorer.Score(indicator, evidence), result);
        Assert.Equal(8m, result.Score);
        Assert.Equal("支委会：7月、9月已开，8月缺", result.Explanation);
    }

    [Fact]
    public void Evaluator_refuses_an_unknown_rule_kind()
    {
        var indicator = new Indicator("x", "未知", 5, new StrangeRule());
        var error = Assert.Throws<NotSupportedException>(() => RuleKit.Evaluate(indicator, RuleKit.With()));
        Assert.Contains("x", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evidence_defaults_to_empty_lists()
    {
        var evidence = new BranchEvidence(Q3, DefaultBranch, []);
        Assert.Empty(evidence.Kpis);
        Assert.Empty(evidence.Events);
        Assert.Empty(evidence.Ratings);
        Assert.Empty(evidence.ManualScores);
    }

    private sealed record StrangeRule : IndicatorRule;
}
