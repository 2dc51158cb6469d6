using Appraisal.PartyBuilding.Core.Scoring;

namespace Appraisal.PartyBuilding.Core.Rectification;

/// <summary>
/// When a final result puts a branch on a rectification list (SPEC "Rectification chain") and how long it has.
/// </summary>
/// <param name="BelowPercent">A branch whose total is below this share of the maximum is listed.</param>
/// <param name="BottomSharePercent">A branch in this bottom share of its category is listed (see <see cref="RectificationPlanner.BottomCount"/>).</param>
/// <param name="IndicatorBelowPercent">Any indicator scoring below this share of its maximum is an item, whatever the total (lost badly).</param>
/// <param name="PassPercent">
/// The share of the maximum an item's indicator must reach in a later quarter for the re-check to close it; at least
/// <paramref name="IndicatorBelowPercent"/>.
/// </param>
/// <param name="ItemsPerListedBranch">A listed branch gets items for up to this many indicators with the most points lost.</param>
/// <param name="DeadlineDays">Days from the day of finalisation (China date) to an item's deadline.</param>
public sealed record RectificationRules(
    decimal BelowPercent = 60,
    decimal BottomSharePercent = 10,
    decimal IndicatorBelowPercent = 50,
    decimal PassPercent = 80,
    int ItemsPerListedBranch = 3,
    int DeadlineDays = 30);

/// <summary>An indicator of a final result.</summary>
public sealed record ScoredIndicator(string Code, string Name, decimal Score, decimal MaxScore);

/// <summary>A branch's final result, as the planner reads it.</summary>
public sealed record ScoredBranch(int BranchId, string CategoryCode, decimal Total, decimal MaxPoints, IReadOnlyList<ScoredIndicator> Indicators);

/// <summary>An item the planner puts on a branch's list.</summary>
public sealed record PlannedItem(int BranchId, string IndicatorCode, string IndicatorName, decimal Score, decimal MaxScore, decimal PassScore, string Reasons);

/// <summary>
/// Turns final results into rectification items. A branch is listed when its total is below
/// <see cref="RectificationRules.BelowPercent"/> or it is in the bottom share of its category; a listed branch gets items
/// for its indicators with the most points lost (those still below the pass mark first). Any indicator of any branch
/// below <see cref="RectificationRules.IndicatorBelowPercent"/> is an item. Indicators with no points (vetoes) never are.
/// Pure and deterministic.
/// </summary>
public static class RectificationPlanner
{
    /// <summary>
    /// How many branches make "the bottom <paramref name="sharePercent"/>% of a category of <paramref name="categorySize"/>":
    /// floor(size × share / 100), so 10% of 9 is none and of 10 to 19 is one: a small category is not forced to
    /// name a loser (the total threshold still lists a weak branch there).
    /// </summary>
    public static int BottomCount(int categorySize, decimal sharePercent) =>
        categorySize <= 0 || sharePercent <= 0 ? 0 : (int)Math.Floor(categorySize * Math.Min(sharePercent, 100m) / 100m);

    /// <summary>Field errors of the rules, for options validation; empty when they are consistent.</summary>
    public static IReadOnlyList<string> Validate(RectificationRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var errors = new List<string>();
        if (rules.PassPercent < rules.IndicatorBelowPercent)
        {
            errors.Add("PassPercent must be at least IndicatorBelowPercent: an item would close while its indicator is still lost badly.");
        }

        if (rules.DeadlineDays < 1)
        {
            errors.Add("DeadlineDays must be at least 1.");
        }

        return errors;
    }

    /// <summary>The items for the branches of one period, ordered by category, then branch, then points lost (most first), then code.</summary>
    public static IReadOnlyList<PlannedItem> Plan(IEnumerable<ScoredBranch> branches, RectificationRules rules)
    {
        ArgumentNullException.ThrowIfNull(branches);
        ArgumentNullException.ThrowIfNull(rules);
        var all = branches.ToList();
        var standings = CategoryStandings.Of(all.Select(b => (b.CategoryCode, b.Total)));
        return all.GroupBy(b => b.CategoryCode, StringComparer.Ordinal)
            .SelectMany(category => category.OrderBy(b => b.BranchId))
            .SelectMany(branch => Plan(branch, standings.Of(branch.CategoryCode), rules))
            .ToList();
    }

    /// <summary>
    /// The items of one branch, given where its category's totals stand (<paramref name="standing"/>, which must
    /// include the branch's own total): a period's branches can be planned a chunk at a time (issue 11).
    /// </summary>
    public static IReadOnlyList<PlannedItem> Plan(ScoredBranch branch, CategoryStanding standing, RectificationRules rules)
    {
        ArgumentNullException.ThrowIfNull(branch);
        ArgumentNullException.ThrowIfNull(standing);
        ArgumentNullException.ThrowIfNull(rules);
        var listedFor = new List<string>();
        var percent = Percent(branch.Total, branch.MaxPoints);
        if (percent < rules.BelowPercent)
        {
            listedFor.Add($"总分{ScoreMath.N(branch.Total)}分，得分率{ScoreMath.N(percent)}%，低于{ScoreMath.N(rules.BelowPercent)}%");
        }

        // Tied branches share a position; a branch tied with the category's best is never "bottom".
        var bottom = BottomCount(standing.Size, rules.BottomSharePercent);
        if (bottom > 0 && standing.Below(branch.Total) < bottom && branch.Total < standing.Best)
        {
            listedFor.Add($"类别内排名第{standing.Above(branch.Total) + 1}（共{standing.Size}个），处于后{ScoreMath.N(rules.BottomSharePercent)}%");
        }

        return ItemsOf(branch, listedFor, rules).ToList();
    }

    /// <summary>The pass mark of an indicator: <see cref="RectificationRules.PassPercent"/> of its maximum, 2 decimals.</summary>
    public static decimal PassScore(decimal maxScore, RectificationRules rules) =>
        ScoreMath.Round(maxScore * rules.PassPercent / 100m);

    /// <summary>An item's deadline: <paramref name="days"/> after the China date of <paramref name="from"/>.</summary>
    public static DateOnly Deadline(DateTimeOffset from, int days) => ChinaTime.DateOf(from).AddDays(days);

    private static IEnumerable<PlannedItem> ItemsOf(ScoredBranch branch, List<string> listedFor, RectificationRules rules)
    {
        var scored = branch.Indicators.Where(i => i.MaxScore > 0).ToList();
        var badly = scored.Where(i => Percent(i.Score, i.MaxScore) < rules.IndicatorBelowPercent).ToList();
        var chosen = new List<(ScoredIndicator Indicator, string Reason)>();
        foreach (var indicator in badly)
        {
            chosen.Add((indicator, $"得分率{ScoreMath.N(Percent(indicator.Score, indicator.MaxScore))}%，低于{ScoreMath.N(rules.IndicatorBelowPercent)}%"));
        }

        if (listedFor.Count > 0)
        {
            var branchReason = "支部" + string.Join("；", listedFor);
            var lost = scored
                .Where(i => i.Score < i.MaxScore)
                .OrderByDescending(i => i.Score < PassScore(i.MaxScore, rules))
                .ThenByDescending(i => i.MaxScore - i.Score)
                .ThenBy(i => i.Code, StringComparer.Ordinal)
                .Take(Math.Max(0, rules.ItemsPerListedBranch))
                .ToList();
            for (var i = 0; i < chosen.Count; i++)
            {
                chosen[i] = (chosen[i].Indicator, $"{branchReason}；本项{chosen[i].Reason}");
            }

            foreach (var indicator in lost.Where(l => chosen.All(c => c.Indicator.Code != l.Code)))
            {
                chosen.Add((indicator, $"{branchReason}；本项失分{ScoreMath.N(indicator.MaxScore - indicator.Score)}分"));
            }
        }

        return chosen
            .OrderByDescending(c => c.Indicator.MaxScore - c.Indicator.Score)
            .ThenBy(c => c.Indicator.Code, StringComparer.Ordinal)
            .Select(c => new PlannedItem(
                branch.BranchId,
                c.Indicator.Code,
                c.Indicator.Name,
                c.Indicator.Score,
                c.Indicator.MaxScore,
                PassScore(c.Indicator.MaxScore, rules),
                c.Reason));
    }

    private static decimal Percent(decimal score, decimal max) => max == 0 ? 0m : ScoreMath.Round(score * 100m / max);
}

/// <summary>The totals of one category, sorted: how many branches score below or above a total, in O(log n).</summary>
public sealed class CategoryStanding
{
    private readonly decimal[] totals;

    /// <param name="totals">Every total of the category, in any order (the array is sorted in place).</param>
    public CategoryStanding(decimal[] totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        Array.Sort(totals);
        this.totals = totals;
    }

    public int Size => totals.Length;

    public decimal Best => totals.Length == 0 ? 0 : totals[^1];

    /// <summary>How many totals are lower than <paramref name="total"/>.</summary>
    public int Below(decimal total) => FirstIndex(t => t >= total);

    /// <summary>How many totals are higher than <paramref name="total"/>.</summary>
    public int Above(decimal total) => totals.Length - FirstIndex(t => t > total);

    /// <summary>The first index whose total satisfies <paramref name="reached"/> (monotone over the sorted totals), or the length.</summary>
    private int FirstIndex(Func<decimal, bool> reached)
    {
        var (low, high) = (0, totals.Length);
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (reached(totals[middle]))
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }
}

/// <summary>The <see cref="CategoryStanding"/> of every category of a period.</summary>
public sealed class CategoryStandings
{
    private readonly Dictionary<string, CategoryStanding> categories;

    private CategoryStandings(Dictionary<string, CategoryStanding> categories) => this.categories = categories;

    public static CategoryStandings Of(IEnumerable<(string CategoryCode, decimal Total)> totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        return new CategoryStandings(totals
            .GroupBy(t => t.CategoryCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new CategoryStanding(g.Select(t => t.Total).ToArray()), StringComparer.Ordinal));
    }

    /// <summary>The standing of <paramref name="categoryCode"/>; a category without totals is empty.</summary>
    public CategoryStanding Of(string categoryCode) =>
        categories.TryGetValue(categoryCode, out var standing) ? standing : new CategoryStanding([]);
}
