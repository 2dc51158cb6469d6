using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Scoring;
using static Appraisal.PartyBuilding.Core.Tests.RuleKit;
using static Appraisal.PartyBuilding.Core.Tests.TestData;

namespace Appraisal.PartyBuilding.Core.Tests;

public class ScoringEngineTests
{
    private const string CategoryCode = "test/mixed";

    /// <summary>三会一课 (40) + 业绩 with every other rule kind (70) + 纪律 with a zero-dimension veto (10): 120 points.</summary>
    private static readonly BranchCategory Category = new(
        CategoryCode,
        "混合测试类",
        [
            StandardSections.ThreeMeetingsOneLesson(),
            new Dimension(
                "perf",
                "业绩亮旗",
                [
                    new Indicator("perf.manual", "重点项目", 10, new ManualRule("查项目台账")),
                    new Indicator("perf.dues", "党费按时交纳", 10, new DeductionRule("late-dues", 1)),
                    new Indicator("perf.kpi", "网格事件办结率", 15, new KpiTargetRule("grid-rate", 80, 95, KpiDirection.HigherIsBetter)),
                    new Indicator(
                        "perf.rating",
                        "群众满意度",
                        20,
                        new RatingRule("q1", new Dictionary<RaterGroup, decimal>
                        {
                            [RaterGroup.Leader] = 0.5m,
                            [RaterGroup.Peer] = 0.3m,
                            [RaterGroup.ServiceRecipient] = 0.2m,
                        })),
                    new Indicator("perf.bonus", "急难愁盼", 5, new BonusRule("urgent-need-solved", 2)),
                    new Indicator("perf.veto", "严重违纪", 0, new VetoRule("serious-discipline-case", VetoEffect.CapGrade, "一星")),
                    new Indicator("perf.code", "工作量", 10, new CodeRule("workload")),
                ]),
            new Dimension(
                "disc",
                "纪律建设",
                [
                    new Indicator("disc.manual", "纪律教育", 10, new ManualRule("查教育记录")),
                    new Indicator("disc.veto", "重大安全事故", 0, new VetoRule("major-accident", VetoEffect.ZeroDimension)),
                ]),
        ],
        StandardSections.FiveStars);

    private static readonly Func<string, IIndicatorScorer?> Workload = Scorers(new FixedScorer("workload", 7.25m, "工作量折算7.25分"));

    private static BranchProfile Profile(string code = "B001") =>
        new(code, "第一党支部", CategoryCode, 20, 5, ["一组", "二组"]);

    private static MeetingRecordFact[] Meetings() => CompleteQuarter().Where(r => !(r.Type == MeetingType.Committee && r.Date.Month == 8)).ToArray();

    private static List<EvidenceEvent> Events(params EvidenceEvent[] extra) =>
    [
        Event("late-dues", 8, 3, "党费未按时交纳"),
        Event("late-dues", 9, 1, "党费未按时交纳"),
        Event("late-dues", 6, 1, "党费未按时交纳"),
        Event("urgent-need-solved", 7, 15, "解决群众急难愁盼问题"),
        .. extra,
    ];

    private static BranchEvidence Scenario(params EvidenceEvent[] extra) => With(
        branch: Profile(),
        meetings: Meetings(),
        events: Events(extra),
        kpis: [new KpiValue("grid-rate", 90)],
        ratings: [new RatingAnswer("q1", RaterGroup.Leader, 80), new RatingAnswer("q1", RaterGroup.Peer, 60)],
        manual: [new ManualScore("perf.manual", 8, "项目推进顺利"), new ManualScore("disc.manual", 9, "教育记录齐全")]);

    [Fact]
    public void Category_is_120_points()
    {
        Assert.Equal(120m, Category.MaxPoints);
    }

    [Fact]
    public void Scores_every_indicator_with_exact_totals_and_grade()
    {
        var score = ScoringEngine.Score(Category, Scenario(), Workload);

        Assert.Equal(
            [
                ("shyk.assembly", 10m), ("shyk.committee", 8m), ("shyk.group", 6m), ("shyk.lecture", 6m), ("shyk.theme-day", 6m),
                ("perf.manual", 8m), ("perf.dues", 8m), ("perf.kpi", 10m), ("perf.rating", 14.5m), ("perf.bonus", 2m),
                ("perf.veto", 0m), ("perf.code", 7.25m),
                ("disc.manual", 9m), ("disc.veto", 0m),
            ],
            score.Indicators.Select(i => (i.Code, i.Score)));
        Assert.All(score.Indicators, i => Assert.Equal(i.Score, i.RawScore));
        Assert.Equal(
            [("shyk", 36m, 40m), ("perf", 49.75m, 70m), ("disc", 9m, 10m)],
            score.Dimensions.Select(d => (d.Code, d.Score, d.MaxPoints)));
        Assert.Equal(94.75m, score.Total);
        Assert.Equal(120m, score.MaxPoints);
        Assert.Equal("三星", score.Grade); // 78.96%
        Assert.Equal("三星", score.GradeBeforeVeto);
        Assert.Empty(score.Vetoes);
        Assert.Equal("总分94.75分（满分120分，得分率78.96%），评为三星", score.GradeExplanation);
        Assert.Equal("B001", score.BranchCode);
        Assert.Equal(CategoryCode, score.CategoryCode);
        Assert.Equal(Q3, score.Quarter);

        var byCode = score.Indicators.ToDictionary(i => i.Code);
        Assert.Equal("支委会：7月、9月已开，8月缺", byCode["shyk.committee"].Explanation);
        Assert.Equal("扣2分：8月3日、9月1日党费未按时交纳", byCode["perf.dues"].Explanation);
        Assert.Equal("perf", byCode["perf.dues"].DimensionCode);
        Assert.Equal("加2分：7月15日解决群众急难愁盼问题", byCode["perf.bonus"].Explanation);
        Assert.Equal("考核员评分8分：项目推进顺利", byCode["perf.manual"].Explanation);
    }

    [Fact]
    public void Cap_grade_veto_caps_the_grade_and_keeps_the_total()
    {
        var score = ScoringEngine.Score(Category, Scenario(Event("serious-discipline-case", 8, 20, "发生严重违纪案件")), Workload);

        Assert.Equal(94.75m, score.Total);
        Assert.Equal("三星", score.GradeBeforeVeto);
        Assert.Equal("一星", score.Grade);
        var veto = Assert.Single(score.Vetoes);
        Assert.Equal(("perf.veto", VetoEffect.CapGrade, "一星", "perf"), (veto.IndicatorCode, veto.Effect, veto.GradeCap, veto.DimensionCode));
        Assert.Equal("一票否决：8月20日发生严重违纪案件，等级最高评为一星", veto.Explanation);
        Assert.Equal(
            "总分94.75分（满分120分，得分率78.96%），按得分应评三星；一票否决：8月20日发生严重违纪案件，等级最高评为一星，故评为一星",
            score.GradeExplanation);
    }

    [Fact]
    public void Veto_event_outside_the_quarter_does_nothing()
    {
        var score = ScoringEngine.Score(
            Category,
            Scenario(Event("serious-discipline-case", 10, 2, "违纪"), Event("major-accident", 6, 30, "事故")),
            Workload);
        Assert.Equal(94.75m, score.Total);
        Assert.Equal("三星", score.Grade);
        Assert.Empty(score.Vetoes);
    }

    [Fact]
    public void Zero_dimension_veto_zeroes_its_dimension_only()
    {
        var score = ScoringEngine.Score(Category, Scenario(Event("major-accident", 9, 9, "发生重大安全事故")), Workload);

        Assert.Equal([("shyk", 36m, false), ("perf", 49.75m, false), ("disc", 0m, true)], score.Dimensions.Select(d => (d.Code, d.Score, d.Zeroed)));
        Assert.Equal(85.75m, score.Total);
        Assert.Equal("三星", score.Grade); // 71.46%
        var manual = score.Indicators.Single(i => i.Code == "disc.manual");
        Assert.Equal((0m, 9m), (manual.Score, manual.RawScore));
        Assert.Equal("考核员评分9分：教育记录齐全；因一票否决（重大安全事故）本维度清零，本项原得9分", manual.Explanation);
        Assert.Equal(score.Total, score.Indicators.Sum(i => i.Score));
        var veto = Assert.Single(score.Vetoes);
        Assert.Equal((VetoEffect.ZeroDimension, (string?)null, "disc"), (veto.Effect, veto.GradeCap, veto.DimensionCode));
    }

    [Fact]
    public void Empty_evidence_scores_only_what_needs_no_evidence()
    {
        var score = ScoringEngine.Score(Category, With(branch: Profile()), Workload);

        // Deduction: 10 (no events); code scorer: 7.25; everything else 0 and the manual items await the assessor.
        Assert.Equal(17.25m, score.Total);
        Assert.Equal("一星", score.Grade);
        Assert.Equal("待考核员评分", score.Indicators.Single(i => i.Code == "perf.manual").Explanation);
        Assert.Equal("暂无评价，得0分", score.Indicators.Single(i => i.Code == "perf.rating").Explanation);
        Assert.Equal("未报送指标值（网格事件办结率），得0分", score.Indicators.Single(i => i.Code == "perf.kpi").Explanation);
    }

    [Fact]
    public void Shuffled_evidence_gives_identical_results()
    {
        var events = Events(Event("serious-discipline-case", 8, 20, "违纪"), Event("major-accident", 9, 9), Event("late-dues", 7, 30, "迟交"));
        var ratings = new List<RatingAnswer>
        {
            new("q1", RaterGroup.Leader, 80), new("q1", RaterGroup.Leader, 95), new("q1", RaterGroup.Peer, 60),
            new("q1", RaterGroup.Peer, 61.5m), new("q1", RaterGroup.ServiceRecipient, 77.7m), new("q2", RaterGroup.Peer, 1),
        };
        var kpis = new List<KpiValue> { new("grid-rate", 91.3m), new("other", 1) };
        var manual = new List<ManualScore> { new("perf.manual", 8, "a"), new("disc.manual", 9, "b") };
        var meetings = Meetings().Concat([Committee(D(8, 3), present: 1), Group(D(8, 9), "三组")]).ToList();

        BranchEvidence Build(Random? random) => With(
            branch: Profile(),
            meetings: Shuffle(meetings, random),
            events: Shuffle(events, random),
            kpis: Shuffle(kpis, random),
            ratings: Shuffle(ratings, random),
            manual: Shuffle(manual, random));

        var expected = Flatten(ScoringEngine.Score(Category, Build(null), Workload));
        var seeded = new Random(42);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(expected, Flatten(ScoringEngine.Score(Category, Build(seeded), Workload)));
        }
    }

    [Fact]
    public void Cap_never_raises_a_grade_and_the_worst_cap_wins()
    {
        var category = new BranchCategory(
            CategoryCode,
            "小类别",
            [
                new Dimension(
                    "d",
                    "维度",
                    [
                        new Indicator("d.manual", "评分", 10, new ManualRule("")),
                        new Indicator("d.cap3", "否决三星", 0, new VetoRule("cap3", VetoEffect.CapGrade, "三星")),
                        new Indicator("d.cap2", "否决二星", 0, new VetoRule("cap2", VetoEffect.CapGrade, "二星")),
                    ]),
            ],
            StandardSections.FiveStars);

        BranchScore Run(decimal manual, params string[] vetoes) => ScoringEngine.Score(
            category,
            With(branch: Profile(), manual: [new ManualScore("d.manual", manual, "")], events: vetoes.Select(v => Event(v, 8, 1)).ToList()),
            NoScorers);

        Assert.Equal("五星", Run(10).Grade);
        Assert.Equal("三星", Run(10, "cap3").Grade);
        Assert.Equal("二星", Run(10, "cap3", "cap2").Grade);
        Assert.Equal("二星", Run(10, "cap2", "cap3").Grade);
        Assert.Equal("一星", Run(3, "cap3", "cap2").Grade);
        Assert.Equal("二星", Run(6, "cap3").Grade);
        Assert.Equal("三星", Run(7, "cap3").Grade);
        Assert.Equal(2, Run(3, "cap3", "cap2").Vetoes.Count);
        Assert.Equal(
            "总分7分（满分10分，得分率70%），评为三星（一票否决等级上限为三星，未低于所得等级）",
            Run(7, "cap3").GradeExplanation);
    }

    [Fact]
    public void Grade_cap_missing_from_the_scale_is_a_pack_bug()
    {
        var category = new BranchCategory(
            CategoryCode,
            "坏类别",
            [new Dimension("d", "维度", [new Indicator("d.veto", "否决", 0, new VetoRule("x", VetoEffect.CapGrade, "六星"))])],
            StandardSections.FiveStars);
        var error = Assert.Throws<InvalidOperationException>(() => ScoringEngine.Score(category, With(branch: Profile()), NoScorers));
        Assert.Contains("六星", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_code_scorer_fails_the_engine()
    {
        Assert.Throws<InvalidOperationException>(() => ScoringEngine.Score(Category, Scenario(), NoScorers));
    }

    [Fact]
    public void Evidence_of_another_category_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ScoringEngine.Score(Category, Evidence(CompleteQuarter()), Workload));
    }

    private static List<T> Shuffle<T>(IEnumerable<T> items, Random? random) =>
        random is null ? items.ToList() : items.OrderBy(_ => random.Next()).ToList();

    internal static string Flatten(BranchScore score) => string.Join(
        "\n",
        new[]
        {
            $"{score.BranchCode}|{score.BranchName}|{score.CategoryCode}|{score.Quarter}|{score.Total}|{score.MaxPoints}|{score.Grade}|{score.GradeBeforeVeto}|{score.GradeExplanation}",
        }
        .Concat(score.Indicators.Select(i => i.ToString()))
        .Concat(score.Dimensions.Select(d => d.ToString()))
        .Concat(score.Vetoes.Select(v => $"{v.IndicatorCode}|{v.Effect}|{v.GradeCap}|{v.Explanation}|{string.Join(",", v.Events)}")));
}
