using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Scoring;
using static Appraisal.PartyBuilding.Core.Tests.TestData;

namespace Appraisal.PartyBuilding.Core.Tests;

public class ScoringEngineRankTests
{
    private static BranchScore S(string branch, string category, decimal total, AssessmentQuarter? quarter = null) =>
        new(branch, branch, category, quarter ?? Q3, [], [], total, 100, "", "", "", []);

    private static List<(string Branch, int Rank, decimal Percentile)> Table(IEnumerable<RankedScore> ranked) =>
        ranked.Select(r => (r.Score.BranchCode, r.Rank, r.Percentile)).ToList();

    [Fact]
    public void Ties_share_a_rank_and_the_next_rank_skips()
    {
        var ranked = ScoringEngine.Rank([S("B3", "a", 80), S("B2", "a", 90), S("B4", "a", 70), S("B1", "a", 90)]);
        Assert.Equal(
            [("B1", 1, 66.67m), ("B2", 1, 66.67m), ("B3", 3, 33.33m), ("B4", 4, 0m)],
            Table(ranked));
        Assert.All(ranked, r => Assert.Equal(4, r.CategorySize));
    }

    [Fact]
    public void Categories_are_ranked_separately_and_ordered_by_code()
    {
        var ranked = ScoringEngine.Rank([S("X9", "b", 10), S("B1", "a", 50), S("B2", "a", 60), S("X1", "c", 1), S("X2", "c", 2)]);
        Assert.Equal(
            [("B2", 1, 100m), ("B1", 2, 0m), ("X9", 1, 100m), ("X2", 1, 100m), ("X1", 2, 0m)],
            Table(ranked));
        Assert.Equal(["a", "a", "b", "c", "c"], ranked.Select(r => r.Score.CategoryCode));
    }

    [Fact]
    public void A_category_of_one_is_rank_1_percentile_100()
    {
        var ranked = Assert.Single(ScoringEngine.Rank([S("B1", "a", 0)]));
        Assert.Equal((1, 100m, 1), (ranked.Rank, ranked.Percentile, ranked.CategorySize));
    }

    [Fact]
    public void All_equal_is_all_rank_1_percentile_0()
    {
        var ranked = ScoringEngine.Rank([S("B2", "a", 50), S("B1", "a", 50), S("B3", "a", 50)]);
        Assert.Equal([("B1", 1, 0m), ("B2", 1, 0m), ("B3", 1, 0m)], Table(ranked));
    }

    [Fact]
    public void Percentile_rounds_midpoint_away_from_zero()
    {
        // 801 branches: the second lowest has 1 of 800 others below it → 0.125 → 0.13.
        var scores = Enumerable.Range(0, 801).Select(i => S($"B{i:000}", "a", i)).ToList();
        var ranked = ScoringEngine.Rank(scores);
        var second = ranked.Single(r => r.Score.BranchCode == "B001");
        Assert.Equal((800, 0.13m), (second.Rank, second.Percentile));
        Assert.Equal(100m, ranked[0].Percentile);
        Assert.Equal(0m, ranked[^1].Percentile);
    }

    [Fact]
    public void Empty_input_gives_an_empty_ranking()
    {
        Assert.Empty(ScoringEngine.Rank([]));
    }

    [Fact]
    public void Shuffled_input_gives_identical_rankings()
    {
        var scores = Enumerable.Range(0, 60)
            .Select(i => S($"B{i:00}", i % 3 == 0 ? "a" : "b", (i * 7) % 11))
            .ToList();
        var expected = Table(ScoringEngine.Rank(scores));
        var random = new Random(7);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(expected, Table(ScoringEngine.Rank(scores.OrderBy(_ => random.Next()))));
        }
    }

    [Fact]
    public void Mixed_quarters_or_duplicate_branches_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ScoringEngine.Rank([S("B1", "a", 1), S("B2", "a", 2, new AssessmentQuarter(2026, 4))]));
        Assert.Throws<ArgumentException>(() => ScoringEngine.Rank([S("B1", "a", 1), S("B1", "a", 2)]));
    }
}
