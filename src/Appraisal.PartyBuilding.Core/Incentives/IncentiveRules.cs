using Appraisal.PartyBuilding.Core.Scoring;

namespace Appraisal.PartyBuilding.Core.Incentives;

/// <summary>
/// Which branches are nominated (SPEC "Incentive chain"), with the thresholds the 组织部 configures.
/// </summary>
/// <param name="FourStrongTopSharePercent">
/// 四强党支部: a branch with its category's top grade, no veto, and a rank within the top share of its category
/// (see <see cref="IncentiveRules.TopCount"/>).
/// </param>
/// <param name="VanguardMinScorePercent">
/// 党员先锋岗 candidates: branches scoring at least this share of the maximum, with no veto ...
/// </param>
/// <param name="VanguardMinPercentile">... and a percentile within the category at least this (50 = the upper half).</param>
public sealed record NominationRules(
    decimal FourStrongTopSharePercent = 20,
    decimal VanguardMinScorePercent = 85,
    decimal VanguardMinPercentile = 50);

/// <summary>A branch's final result as the incentive rules read it.</summary>
/// <param name="Total">Total points.</param>
/// <param name="MaxPoints">The category's maximum.</param>
/// <param name="Grade">The grade (after any veto cap).</param>
/// <param name="TopGrade">The best grade of the category's scale, e.g. 五星.</param>
/// <param name="Rank">Rank within the category (1 = best; ties share a rank).</param>
/// <param name="CategorySize">Branches ranked in the category.</param>
/// <param name="Percentile">Share of the category's other branches with a lower total.</param>
/// <param name="Vetoed">Whether a veto (一票否决) was triggered for the branch.</param>
public sealed record IncentiveResult(decimal Total, decimal MaxPoints, string Grade, string TopGrade, int Rank, int CategorySize, decimal Percentile, bool Vetoed);

/// <summary>The incentives of one branch: its coefficient and nominations, with the reasons.</summary>
public sealed record IncentiveDecision(decimal Coefficient, bool FourStrong, bool Vanguard, string Explanation);

/// <summary>
/// The incentive chain: grade → coefficient (激励系数) and the nominations of 四强党支部 and 党员先锋岗 candidates.
/// 党员先锋岗 is a post held by members; the system stores no member data (SPEC), so it names the branches from which a
/// candidate is to be put forward. Pure.
/// </summary>
public static class IncentiveRules
{
    /// <summary>
    /// The coefficients used for grades the 组织部 has not set: 五星 1.2, 四星 1.1, 三星 1.0, 二星 0.9, 一星 0.8; any
    /// other grade name (a pack with its own scale) 1.0.
    /// </summary>
    public static IReadOnlyDictionary<string, decimal> DefaultCoefficients { get; } = new Dictionary<string, decimal>(StringComparer.Ordinal)
    {
        ["五星"] = 1.2m,
        ["四星"] = 1.1m,
        ["三星"] = 1.0m,
        ["二星"] = 0.9m,
        ["一星"] = 0.8m,
    };

    public const decimal OtherGradeCoefficient = 1.0m;

    public const decimal MaxCoefficient = 5m;

    /// <summary>Why a coefficient is not acceptable (0..5, at most 2 decimals), or null.</summary>
    public static string? RefusesCoefficient(decimal? value) => value switch
    {
        null => "请填写系数",
        < 0 or > MaxCoefficient => $"系数应在0至{MaxCoefficient:0}之间",
        { } v when decimal.Round(v, 2) != v => "系数最多保留两位小数",
        _ => null,
    };

    /// <summary>
    /// How many ranks count as "the top <paramref name="sharePercent"/>% of a category of <paramref name="categorySize"/>":
    /// floor(size × share / 100), at least 1 (a category of 3 still has a best branch), 0 for an empty category or a
    /// share of 0. 20% of 4 → 1, of 10 → 2, of 14 → 2, of 15 → 3. Tied branches share a rank, so a tie at the boundary
    /// is included.
    /// </summary>
    public static int TopCount(int categorySize, decimal sharePercent)
    {
        if (categorySize <= 0 || sharePercent <= 0)
        {
            return 0;
        }

        return Math.Max(1, (int)Math.Floor(categorySize * Math.Min(sharePercent, 100m) / 100m));
    }

    /// <summary>The coefficient and nominations of a branch.</summary>
    public static IncentiveDecision Decide(IncentiveResult result, decimal coefficient, NominationRules rules)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(rules);
        var reasons = new List<string>();

        var top = TopCount(result.CategorySize, rules.FourStrongTopSharePercent);
        var fourStrong = result.Grade == result.TopGrade && !result.Vetoed && result.Rank <= top;
        if (fourStrong)
        {
            reasons.Add($"评为{result.TopGrade}且类别排名第{result.Rank}（前{ScoreMath.N(rules.FourStrongTopSharePercent)}%即前{top}名），推荐四强党支部");
        }

        var percent = result.MaxPoints == 0 ? 0m : result.Total * 100m / result.MaxPoints;
        var vanguard = !result.Vetoed && percent >= rules.VanguardMinScorePercent && result.Percentile >= rules.VanguardMinPercentile;
        if (vanguard)
        {
            reasons.Add($"得分率{ScoreMath.N(percent)}%（≥{ScoreMath.N(rules.VanguardMinScorePercent)}%）、类别百分位{ScoreMath.N(result.Percentile)}（≥{ScoreMath.N(rules.VanguardMinPercentile)}），可推荐党员先锋岗人选");
        }

        if (result.Vetoed)
        {
            reasons.Add("本期有一票否决事项，不参加评优推荐");
        }

        return new IncentiveDecision(coefficient, fourStrong, vanguard, string.Join("；", reasons));
    }

    /// <summary>The coefficient of a grade: the table's row, else the default.</summary>
    public static decimal CoefficientOf(string grade, IReadOnlyDictionary<string, decimal> table, IReadOnlyDictionary<string, decimal> defaults)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(defaults);
        return table.TryGetValue(grade, out var set) ? set : defaults.GetValueOrDefault(grade, OtherGradeCoefficient);
    }
}
