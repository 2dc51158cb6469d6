using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Core.Reports;

namespace Appraisal.PartyBuilding.Core.Tests;

/// <summary>The quarterly report's analyses on a small known organization: two categories, six branches.</summary>
public sealed class QuarterlyReportTests
{
    private static readonly string[] Stars = ["五星", "四星", "三星", "二星", "一星"];

    private static readonly Dictionary<string, ReportCategory> Categories = new()
    {
        ["pack/a"] = new ReportCategory("pack/a", "甲类", Stars),
        ["pack/b"] = new ReportCategory("pack/b", "乙类", Stars),
    };

    private static readonly Dictionary<string, string> Names = new()
    {
        ["x"] = "组织生活", ["y"] = "党费交纳", ["z"] = "群众满意度", ["veto"] = "一票否决",
    };

    /// <summary>x (max 10), y (max 10), z (max 80) and a veto (max 0); total out of 100.</summary>
    private static ReportResult Result(string code, string category, decimal x, decimal y, decimal z, string grade, int rank, decimal percentile = 50) =>
        new(code, code + "支部", category, x + y + z, 100, grade, rank, percentile,
        [
            new ReportIndicatorScore("x", x, 10), new ReportIndicatorScore("y", y, 10),
            new ReportIndicatorScore("z", z, 80), new ReportIndicatorScore("veto", 0, 0),
        ]);

    private static readonly ReportResult[] Current =
    [
        Result("A1", "pack/a", 10, 10, 75, "五星", 1, 100),
        Result("A2", "pack/a", 4, 10, 70, "四星", 2, 66.67m),
        Result("A3", "pack/a", 2, 10, 60, "三星", 3, 33.33m),
        Result("A4", "pack/a", 0, 10, 40, "一星", 4, 0),
        Result("B1", "pack/b", 10, 10, 72, "五星", 1, 100),
        Result("B2", "pack/b", 6, 9, 50, "二星", 2, 0),
    ];

    private static ReportInput Input(IReadOnlyList<ReportResult>? previous = null) =>
        new(new AssessmentQuarter(2026, 3), "周期党委", PeriodState.Published, null, null, Current, previous, Categories, Names);

    [Fact]
    public void The_ranking_is_per_category_by_rank_with_the_score_ratio()
    {
        var report = QuarterlyReportBuilder.Build(Input(), new ReportRules());

        Assert.Equal(["A1", "A2", "A3", "A4", "B1", "B2"], report.Ranking.Select(r => r.BranchCode));
        Assert.Equal(["甲类", "甲类", "甲类", "甲类", "乙类", "乙类"], report.Ranking.Select(r => r.CategoryName));
        Assert.Equal(0.84m, report.Ranking[1].Ratio);
        Assert.Equal(6, report.BranchCount);
        Assert.Equal(Math.Round((0.95m + 0.84m + 0.72m + 0.50m + 0.92m + 0.65m) / 6, 4), report.AverageRatio);
        var a = report.Categories.Single(c => c.CategoryCode == "pack/a");
        Assert.Equal((4, 75.25m, 95m, 50m), (a.Branches, a.AverageTotal, a.HighestTotal, a.LowestTotal));
        Assert.Equal("周期党委2026年第3季度党支部考核通报", report.Title);
    }

    [Fact]
    public void The_grade_distribution_lists_every_grade_of_the_scale_per_category_and_over_all()
    {
        var report = QuarterlyReportBuilder.Build(Input(), new ReportRules());

        var a = report.Grades.Where(g => g.CategoryCode == "pack/a").Select(g => (g.Grade, g.Count, g.Share)).ToList();
        Assert.Equal([("五星", 1, 0.25m), ("四星", 1, 0.25m), ("三星", 1, 0.25m), ("二星", 0, 0m), ("一星", 1, 0.25m)], a);
        var all = report.Grades.Where(g => g.CategoryCode == QuarterlyReport.AllCategories).Select(g => (g.Grade, g.Count)).ToList();
        Assert.Equal([("五星", 2), ("四星", 1), ("三星", 1), ("二星", 1), ("一星", 1)], all);
        Assert.Equal(0.3333m, report.Grades.Single(g => g.CategoryCode == QuarterlyReport.AllCategories && g.Grade == "五星").Share);
    }

    /// <summary>
    /// The tables made in one pass per category equal their definitions over the whole input, on random results:
    /// categories out of order and one without a pack, ties in rank, grades outside the scale, a category of one.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_tables_equal_their_definitions_on_random_results(int seed)
    {
        var random = new Random(seed);
        string[] categories = ["pack/b", "pack/a", "pack/a-", "other/z"]; // other/z has no pack: its code is its name
        string[] grades = [.. Stars, "已撤销"];
        var results = Enumerable.Range(0, 300)
            .Select(i => new ReportResult(
                $"B{random.Next(100_000):D5}-{i}",
                $"支部{i}",
                i == 299 ? "solo" : categories[random.Next(categories.Length)],
                random.Next(0, 10_001) / 100m,
                random.Next(2) == 0 ? 100 : 420,
                grades[random.Next(grades.Length)],
                random.Next(1, 60),
                random.Next(0, 10_001) / 100m,
                []))
            .ToList();
        var input = new ReportInput(new AssessmentQuarter(2026, 3), "周期党委", PeriodState.Published, null, null, results, null, Categories, Names, []);

        var report = QuarterlyReportBuilder.Build(input, new ReportRules());

        string Name(string code) => Categories.TryGetValue(code, out var c) ? c.Name : code;
        var ranking = results
            .OrderBy(r => r.CategoryCode, StringComparer.Ordinal).ThenBy(r => r.Rank).ThenBy(r => r.BranchCode, StringComparer.Ordinal)
            .Select(r => new RankingLine(r.CategoryCode, Name(r.CategoryCode), r.Rank, r.BranchCode, r.BranchName, r.Total, r.MaxPoints,
                r.MaxPoints <= 0 ? 0 : Math.Round(r.Total / r.MaxPoints, 4, MidpointRounding.AwayFromZero), r.Grade, r.Percentile))
            .ToList();
        Assert.Equal(ranking, report.Ranking);
        var order = results.Select(r => r.CategoryCode).Distinct().Order(StringComparer.Ordinal).ToList();
        var summaries = order
            .Select(code => results.Where(r => r.CategoryCode == code).ToList())
            .Select(rs => new CategorySummary(rs[0].CategoryCode, Name(rs[0].CategoryCode), rs.Count,
                Math.Round(rs.Average(r => r.Total), 2, MidpointRounding.AwayFromZero), rs.Max(r => r.MaxPoints), rs.Max(r => r.Total), rs.Min(r => r.Total)))
            .ToList();
        Assert.Equal(summaries, report.Categories);
        var counts = new List<GradeCount>();
        var overall = new List<string>();
        foreach (var code in order)
        {
            var members = results.Where(r => r.CategoryCode == code).ToList();
            var scale = Categories.TryGetValue(code, out var category) ? category.Grades.ToList() : [];
            scale.AddRange(members.Select(r => r.Grade).Where(g => !scale.Contains(g)).Distinct().Order(StringComparer.Ordinal));
            foreach (var grade in scale)
            {
                var count = members.Count(r => r.Grade == grade);
                counts.Add(new GradeCount(code, Name(code), grade, count, Math.Round((decimal)count / members.Count, 4, MidpointRounding.AwayFromZero)));
                if (!overall.Contains(grade))
                {
                    overall.Add(grade);
                }
            }
        }

        counts.AddRange(overall.Select(grade => results.Count(r => r.Grade == grade))
            .Zip(overall, (count, grade) => new GradeCount(QuarterlyReport.AllCategories, "全部类别", grade, count, Math.Round((decimal)count / results.Count, 4, MidpointRounding.AwayFromZero))));
        Assert.Equal(counts, report.Grades);
    }

    [Fact]
    public void Movers_compare_with_the_previous_quarter_best_climbers_first()
    {
        ReportResult[] previous =
        [
            Result("A1", "pack/a", 10, 10, 70, "五星", 2),
            Result("A2", "pack/a", 10, 10, 75, "五星", 1),
            Result("A4", "pack/a", 10, 10, 40, "三星", 3),
            Result("B2", "pack/a", 0, 0, 10, "一星", 4), // was in another category
        ];

        var report = QuarterlyReportBuilder.Build(Input(previous), new ReportRules());

        Assert.True(report.ComparedWithPrevious);
        Assert.Equal(["A1", "A4", "A2", "B2"], report.Movers.Select(m => m.BranchCode));
        var a1 = report.Movers[0];
        Assert.Equal((90m, 95m, 5m, 2, 1, (int?)1), (a1.PreviousTotal, a1.Total, a1.TotalChange, a1.PreviousRank, a1.Rank, a1.RankChange));
        Assert.Equal((-11m, (int?)-1), (report.Movers[2].TotalChange, report.Movers[2].RankChange));
        Assert.Null(report.Movers[3].RankChange);
        Assert.Equal(55m, report.Movers[3].TotalChange);
    }

    [Fact]
    public void Without_a_previous_quarter_there_are_no_movers()
    {
        var report = QuarterlyReportBuilder.Build(Input(), new ReportRules());

        Assert.False(report.ComparedWithPrevious);
        Assert.Empty(report.Movers);
    }

    [Fact]
    public void The_weakest_indicators_have_the_lowest_average_score_ratio_and_full_or_veto_ones_are_not_weak()
    {
        var report = QuarterlyReportBuilder.Build(Input(), new ReportRules(WeakIndicatorCount: 2));

        Assert.Equal(["x", "z"], report.WeakIndicators.Select(w => w.Code));
        var x = report.WeakIndicators[0];
        Assert.Equal(("组织生活", 6, 5.33m, 10m, 0.5333m, 2, 0.3333m, 1), (x.Name, x.Branches, x.AverageScore, x.MaxScore, x.AverageRatio, x.FullMarks, x.FullMarksShare, x.Zero));
        Assert.Equal(Math.Round((75m + 70 + 60 + 40 + 72 + 50) / 6 / 80, 4), report.WeakIndicators[1].AverageRatio);
        Assert.DoesNotContain(report.WeakIndicators, w => w.Code == "veto");
    }

    [Theory]
    [InlineData(0.95, 5, new string[0])] // 5 of 6 at full marks is 83%: not flagged at 95%
    [InlineData(0.80, 5, new[] { "y" })]
    [InlineData(0.80, 7, new string[0])] // too few branches to judge
    [InlineData(0.30, 5, new[] { "y", "x" })]
    public void Indicators_nearly_every_branch_maxed_are_flagged_by_share_and_sample_size(double share, int minBranches, string[] flagged)
    {
        var report = QuarterlyReportBuilder.Build(Input(), new ReportRules((decimal)share, minBranches));

        Assert.Equal(flagged, report.UniformIndicators.Select(u => u.Code));
    }

    [Fact]
    public void A_fully_uniform_indicator_is_flagged_at_the_default_threshold()
    {
        ReportResult[] results = [.. Enumerable.Range(1, 20).Select(i => Result($"C{i:00}", "pack/a", 10, 10, i, "一星", 21 - i))];
        var input = Input() with { Results = results };

        var report = QuarterlyReportBuilder.Build(input, new ReportRules());

        Assert.Equal(["x", "y"], report.UniformIndicators.Select(u => u.Code));
        Assert.All(report.UniformIndicators, u => Assert.Equal(1m, u.FullMarksShare));
    }

    [Fact]
    public void Indicators_added_after_the_tables_give_the_same_report_as_building_it_at_once()
    {
        var input = Input(previous: [Result("A1", "pack/a", 4, 10, 60, "三星", 2)]);
        var rules = new ReportRules(0.30m, 5, WeakIndicatorCount: 2);
        var atOnce = QuarterlyReportBuilder.Build(input, rules);

        var tables = QuarterlyReportBuilder.Build(input with { IndicatorTallies = [] }, rules);
        var later = QuarterlyReportBuilder.WithIndicators(tables, IndicatorTally.Of(input.Results), input.IndicatorNames);

        Assert.Empty(tables.WeakIndicators);
        Assert.Empty(tables.UniformIndicators);
        Assert.Equal(["x", "z"], later.WeakIndicators.Select(w => w.Code));
        Assert.Equal(["y", "x"], later.UniformIndicators.Select(u => u.Code));
        Assert.Equal(atOnce.WeakIndicators, later.WeakIndicators);
        Assert.Equal(atOnce.UniformIndicators, later.UniformIndicators);
        Assert.Equal(atOnce.Ranking, later.Ranking);
        Assert.Equal(atOnce.Grades, later.Grades);
        Assert.Equal(atOnce.Movers, later.Movers);
        Assert.Equal(atOnce.Categories, later.Categories);
    }
}
