using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Periods;

namespace Appraisal.PartyBuilding.Core.Reports;

/// <summary>A branch's stored result as the report reads it.</summary>
/// <param name="Indicators">The result's indicator scores; empty when the input carries <see cref="ReportInput.IndicatorTallies"/> instead.</param>
public sealed record ReportResult(
    string BranchCode,
    string BranchName,
    string CategoryCode,
    decimal Total,
    decimal MaxPoints,
    string Grade,
    int Rank,
    decimal Percentile,
    IReadOnlyList<ReportIndicatorScore> Indicators);

/// <summary>One indicator score of a <see cref="ReportResult"/>.</summary>
public sealed record ReportIndicatorScore(string Code, decimal Score, decimal MaxScore);

/// <summary>
/// How the branches in scope scored on one indicator with one maximum (an indicator code can have a different maximum
/// in another category), scores with no maximum (vetoes) left out: what the database counts and sums with one
/// <c>GROUP BY</c> instead of returning every indicator row (issue 11).
/// </summary>
/// <param name="Branches">Scores counted.</param>
/// <param name="ScoreSum">Their sum.</param>
/// <param name="FullMarks">Scores at or above the maximum.</param>
/// <param name="Zero">Scores at or below zero.</param>
public sealed record IndicatorTally(string Code, decimal MaxScore, int Branches, decimal ScoreSum, int FullMarks, int Zero)
{
    /// <summary>The tallies of the results' own indicator scores.</summary>
    public static IReadOnlyList<IndicatorTally> Of(IEnumerable<ReportResult> results) =>
        results
            .SelectMany(r => r.Indicators)
            .Where(i => i.MaxScore > 0) // a veto awards no points: nothing to average
            .GroupBy(i => (i.Code, i.MaxScore))
            .Select(g => new IndicatorTally(g.Key.Code, g.Key.MaxScore, g.Count(), g.Sum(i => i.Score), g.Count(i => i.Score >= i.MaxScore), g.Count(i => i.Score <= 0)))
            .ToList();
}

/// <summary>A category's display name and its grades, best first (from the pack's grade scale).</summary>
public sealed record ReportCategory(string Code, string Name, IReadOnlyList<string> Grades);

/// <summary>What the report is built from: the period's results within one scope, and the previous quarter's.</summary>
/// <param name="Previous">The previous quarter's published results in the same scope; null when there are none to compare with.</param>
/// <param name="IndicatorTallies">The indicator scores of <paramref name="Results"/> as tallied by the database; null to tally each result's <see cref="ReportResult.Indicators"/>.</param>
public sealed record ReportInput(
    AssessmentQuarter Quarter,
    string ScopeName,
    PeriodState State,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? AppealsCloseAt,
    IReadOnlyList<ReportResult> Results,
    IReadOnlyList<ReportResult>? Previous,
    IReadOnlyDictionary<string, ReportCategory> Categories,
    IReadOnlyDictionary<string, string> IndicatorNames,
    IReadOnlyList<IndicatorTally>? IndicatorTallies = null);

/// <summary>
/// The thresholds of the report's analyses.
/// </summary>
/// <param name="FullMarksShare">
/// 无差别考核: an indicator is flagged when at least this share (0..1) of the branches assessed on it got full marks.
/// </param>
/// <param name="MinBranchesForFlag">…and at least this many branches were assessed on it (two branches at full marks prove nothing).</param>
/// <param name="WeakIndicatorCount">How many of the weakest indicators (lowest average score ratio) the report lists.</param>
public sealed record ReportRules(decimal FullMarksShare = 0.95m, int MinBranchesForFlag = 5, int WeakIndicatorCount = 10)
{
    /// <summary>Whether an indicator that <paramref name="branches"/> branches were assessed on, <paramref name="fullMarks"/> of them at full marks, is flagged 无差别考核.</summary>
    public bool IsUniform(int branches, int fullMarks) =>
        branches > 0 && branches >= MinBranchesForFlag && QuarterlyReport.Ratio((decimal)fullMarks / branches) >= FullMarksShare;
}

public sealed record RankingLine(
    string CategoryCode,
    string CategoryName,
    int Rank,
    string BranchCode,
    string BranchName,
    decimal Total,
    decimal MaxPoints,
    decimal Ratio,
    string Grade,
    decimal Percentile);

/// <summary>How many branches of a category (or of all, <see cref="QuarterlyReport.AllCategories"/>) got a grade.</summary>
public sealed record GradeCount(string CategoryCode, string CategoryName, string Grade, int Count, decimal Share);

/// <summary>A branch's change since the previous quarter. <see cref="RankChange"/> is positive for a better rank.</summary>
/// <param name="RankChange">Places gained (previous rank − rank); null when the branch changed category.</param>
public sealed record Mover(
    string BranchCode,
    string BranchName,
    string CategoryName,
    decimal PreviousTotal,
    decimal Total,
    decimal TotalChange,
    int PreviousRank,
    int Rank,
    int? RankChange);

/// <summary>How the branches in scope did on one indicator.</summary>
public sealed record IndicatorStat(
    string Code,
    string Name,
    int Branches,
    decimal AverageScore,
    decimal MaxScore,
    decimal AverageRatio,
    int FullMarks,
    decimal FullMarksShare,
    int Zero);

public sealed record CategorySummary(string CategoryCode, string CategoryName, int Branches, decimal AverageTotal, decimal MaxPoints, decimal HighestTotal, decimal LowestTotal);

/// <summary>
/// The quarterly report (季度通报) of SPEC "The cycle": per-category ranking, grade distribution, movers since the
/// previous quarter, the organization's weakest indicators and the indicators nearly every branch got full marks on
/// (无差别考核, SPEC "Anti-formalism checks"). Pure data; the web page and the Excel file both show it.
/// </summary>
public sealed record QuarterlyReport(
    AssessmentQuarter Quarter,
    string ScopeName,
    PeriodState State,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? AppealsCloseAt,
    ReportRules Rules,
    IReadOnlyList<CategorySummary> Categories,
    IReadOnlyList<RankingLine> Ranking,
    IReadOnlyList<GradeCount> Grades,
    bool ComparedWithPrevious,
    IReadOnlyList<Mover> Movers,
    IReadOnlyList<IndicatorStat> WeakIndicators,
    IReadOnlyList<IndicatorStat> UniformIndicators)
{
    /// <summary>The category code of the grade counts over all categories.</summary>
    public const string AllCategories = "";

    public int BranchCount => Ranking.Count;

    /// <summary>Mean of total / maximum over the branches (0..1).</summary>
    public decimal AverageRatio => Ranking.Count == 0 ? 0 : Ratio(Ranking.Average(r => r.Ratio));

    public string Title => $"{ScopeName}{Quarter}党支部考核通报";

    internal static decimal Ratio(decimal value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);
}

public static class QuarterlyReportBuilder
{
    public static QuarterlyReport Build(ReportInput input, ReportRules rules)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(rules);

        // One pass puts the results in their categories; every table is then made per category, and the ranking is
        // sorted within each category by rank and code (comparing integers, not a province's category codes on
        // every comparison of 100,000 lines, issue 11).
        var byCategory = new SortedDictionary<string, List<ReportResult>>(StringComparer.Ordinal);
        foreach (var result in input.Results)
        {
            if (!byCategory.TryGetValue(result.CategoryCode, out var members))
            {
                byCategory.Add(result.CategoryCode, members = []);
            }

            members.Add(result);
        }

        var ranking = new List<RankingLine>(input.Results.Count);
        var summaries = new List<CategorySummary>(byCategory.Count);
        foreach (var (code, results) in byCategory)
        {
            var name = CategoryName(input, code);
            var lines = new RankingLine[results.Count];
            decimal sum = 0, maxPoints = decimal.MinValue, highest = decimal.MinValue, lowest = decimal.MaxValue;
            for (var i = 0; i < lines.Length; i++)
            {
                var r = results[i];
                lines[i] = new RankingLine(code, name, r.Rank, r.BranchCode, r.BranchName, r.Total, r.MaxPoints, RatioOf(r.Total, r.MaxPoints), r.Grade, r.Percentile);
                sum += r.Total;
                maxPoints = Math.Max(maxPoints, r.MaxPoints);
                highest = Math.Max(highest, r.Total);
                lowest = Math.Min(lowest, r.Total);
            }

            Array.Sort(lines, RankThenCode);
            ranking.AddRange(lines);
            summaries.Add(new CategorySummary(code, name, results.Count, Round(sum / results.Count), maxPoints, highest, lowest));
        }

        var tables = new QuarterlyReport(
            input.Quarter,
            input.ScopeName,
            input.State,
            input.PublishedAt,
            input.AppealsCloseAt,
            rules,
            summaries,
            ranking,
            GradeCounts(input, byCategory),
            input.Previous is not null,
            Movers(input),
            [],
            []);
        return WithIndicators(tables, input.IndicatorTallies ?? IndicatorTally.Of(input.Results), input.IndicatorNames);
    }

    /// <summary>
    /// <paramref name="report"/> with its indicator analyses (weakest indicators, 无差别考核) from
    /// <paramref name="tallies"/>: what a caller adds when the tallies arrive after the rest of the report.
    /// </summary>
    public static QuarterlyReport WithIndicators(QuarterlyReport report, IReadOnlyList<IndicatorTally> tallies, IReadOnlyDictionary<string, string> indicatorNames)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(tallies);
        ArgumentNullException.ThrowIfNull(indicatorNames);
        var indicators = Indicators(tallies, indicatorNames);
        return report with
        {
            WeakIndicators = indicators.Where(s => s.AverageRatio < 1).OrderBy(s => s.AverageRatio).ThenBy(s => s.Code, StringComparer.Ordinal).Take(report.Rules.WeakIndicatorCount).ToList(),
            UniformIndicators = indicators.Where(s => report.Rules.IsUniform(s.Branches, s.FullMarks))
                .OrderByDescending(s => s.FullMarksShare).ThenBy(s => s.Code, StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary>Every grade of each category's scale with its count, then each grade over all categories.</summary>
    private static List<GradeCount> GradeCounts(ReportInput input, SortedDictionary<string, List<ReportResult>> byCategory)
    {
        var counts = new List<GradeCount>();
        var overall = new Dictionary<string, int>(StringComparer.Ordinal);
        var allGrades = new List<string>();
        foreach (var (code, results) in byCategory)
        {
            var held = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var result in results)
            {
                held[result.Grade] = held.GetValueOrDefault(result.Grade) + 1;
            }

            foreach (var grade in GradesOf(input, code, held.Keys))
            {
                var count = held.GetValueOrDefault(grade);
                counts.Add(new GradeCount(code, CategoryName(input, code), grade, count, QuarterlyReport.Ratio((decimal)count / results.Count)));
                if (overall.TryAdd(grade, 0))
                {
                    allGrades.Add(grade);
                }

                overall[grade] += count;
            }
        }

        foreach (var grade in allGrades)
        {
            counts.Add(new GradeCount(QuarterlyReport.AllCategories, "全部类别", grade, overall[grade], QuarterlyReport.Ratio((decimal)overall[grade] / input.Results.Count)));
        }

        return counts;
    }

    /// <summary>The category's grade scale, best first, plus any grade a result holds that the scale lacks (a pack since changed).</summary>
    private static List<string> GradesOf(ReportInput input, string categoryCode, IEnumerable<string> held)
    {
        var grades = input.Categories.TryGetValue(categoryCode, out var category) ? category.Grades.ToList() : [];
        grades.AddRange(held.Where(g => !grades.Contains(g)).Order(StringComparer.Ordinal));
        return grades;
    }

    private static List<Mover> Movers(ReportInput input)
    {
        if (input.Previous is null)
        {
            return [];
        }

        var previous = input.Previous.ToDictionary(r => r.BranchCode, StringComparer.Ordinal);
        return input.Results
            .Where(r => previous.ContainsKey(r.BranchCode))
            .Select(r =>
            {
                var before = previous[r.BranchCode];
                var sameCategory = before.CategoryCode == r.CategoryCode;
                return new Mover(r.BranchCode, r.BranchName, CategoryName(input, r.CategoryCode), before.Total, r.Total, r.Total - before.Total, before.Rank, r.Rank, sameCategory ? before.Rank - r.Rank : null);
            })
            .OrderByDescending(m => m.RankChange ?? int.MinValue)
            .ThenByDescending(m => m.TotalChange)
            .ThenBy(m => m.BranchCode, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Per indicator code (the standard sections share codes across categories), over the branches assessed on it.
    /// The average ratio adds each tally's sum ÷ maximum: the same as adding every score ÷ its maximum.
    /// </summary>
    private static List<IndicatorStat> Indicators(IReadOnlyList<IndicatorTally> tallies, IReadOnlyDictionary<string, string> indicatorNames) =>
        tallies
            .GroupBy(t => t.Code, StringComparer.Ordinal)
            .Select(g =>
            {
                var branches = g.Sum(t => t.Branches);
                var full = g.Sum(t => t.FullMarks);
                return new IndicatorStat(
                    g.Key,
                    indicatorNames.GetValueOrDefault(g.Key, g.Key),
                    branches,
                    Round(g.Sum(t => t.ScoreSum) / branches),
                    g.Max(t => t.MaxScore),
                    QuarterlyReport.Ratio(g.Sum(t => t.ScoreSum / t.MaxScore) / branches),
                    full,
                    QuarterlyReport.Ratio((decimal)full / branches),
                    g.Sum(t => t.Zero));
            })
            .ToList();

    /// <summary>Within a category: by rank, then branch code (ordinal), a total order, branch codes being unique.</summary>
    private static int RankThenCode(RankingLine a, RankingLine b)
    {
        var order = a.Rank.CompareTo(b.Rank);
        return order != 0 ? order : string.CompareOrdinal(a.BranchCode, b.BranchCode);
    }

    private static string CategoryName(ReportInput input, string code) =>
        input.Categories.TryGetValue(code, out var category) ? category.Name : code;

    private static decimal RatioOf(decimal total, decimal max) => max <= 0 ? 0 : QuarterlyReport.Ratio(total / max);

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
