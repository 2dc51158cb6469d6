using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core;
using Appraisal.PartyBuilding.Core.Health;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Core.Rectification;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Features.Packs;
using Appraisal.PartyBuilding.Web.Features.Reports;
using Appraisal.PartyBuilding.Web.Features.Results;
using Appraisal.PartyBuilding.Web.Features.Warnings;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Appraisal.PartyBuilding.Web.Features.Dashboards;

/// <summary>
/// The leader dashboard of one organization node: every figure is an aggregate the database computes (GROUP BY,
/// COUNT, ordered OFFSET), so a province of 100,000 branches never has its results in memory. The child
/// organizations are read one level and one page at a time. The health colours come from the health board itself,
/// branch batch by branch batch; 无差别考核 is judged by the quarterly report's own rule.
/// </summary>
/// <remarks>
/// An organization's health counts assess every branch under it (at the root of 100,000 branches about 10 s of work,
/// docs/PERFORMANCE.md), so each node keeps the counts it assessed for <see cref="HealthFreshFor"/> and the page says
/// when they were assessed; the branches listed on the page itself are assessed on every view (issue 11).
/// </remarks>
public sealed class OrganizationDashboard(
    AppraisalDbContext db, PackCatalog catalog, BranchHealthBoard health, IOptions<ReportOptions> reportOptions, IMemoryCache cache, TimeProvider clock)
{
    /// <summary>How long an organization's health counts are shown before a view assesses its branches again.</summary>
    public static readonly TimeSpan HealthFreshFor = TimeSpan.FromMinutes(10);

    /// <summary>Branches assessed per health-board call: bounds memory however large the subtree.</summary>
    public const int HealthBatch = 500;

    /// <summary>Best branches shown per category; the full ranking is one tap away.</summary>
    public const int TopPerCategory = 5;

    /// <summary>Quarters in the trend.</summary>
    public const int TrendQuarters = 8;

    /// <summary>The within-category percentiles (nearest rank) shown where categories are compared.</summary>
    public static readonly int[] Percentiles = [25, 50, 75];

    /// <summary>The periods whose results <paramref name="role"/> may see, newest first (the report's rule).</summary>
    public static async Task<List<Period>> VisiblePeriodsAsync(AppraisalDbContext db, string role, CancellationToken cancellationToken) =>
        (await db.Periods.AsNoTracking().Include(p => p.Packs).OrderByDescending(p => p.Year).ThenByDescending(p => p.Quarter).ToListAsync(cancellationToken))
        .Where(p => QuarterlyReports.Refusal(p, role) is null)
        .ToList();

    public async Task<OrganizationDashboardModel> BuildAsync(Organization node, IReadOnlyList<Organization> trail, string role, int? periodId, int? page, CancellationToken cancellationToken)
    {
        var periods = await VisiblePeriodsAsync(db, role, cancellationToken);
        var period = periodId is { } id ? periods.FirstOrDefault(p => p.Id == id) : periods.FirstOrDefault();
        var (number, size) = ListPaging.Clamp(page, null);
        var childQuery = db.Organizations.AsNoTracking().Where(o => o.ParentId == node.Id)
            .OrderBy(o => o.Kind == OrganizationKind.Branch).ThenBy(o => o.Code)
            .Select(o => new ChildNode(o.Id, o.Code, o.Name, o.Kind, o.Path));
        var children = await childQuery.ToListPageAsync(number, size, cancellationToken);
        var rectification = await RectificationAsync(node.Path, cancellationToken);

        // The page's branches in one health-board call and one query of their results; each child organization by itself.
        var branchIds = children.Items.Where(c => c.IsBranch).Select(c => c.Id).ToList();
        var branchHealth = (await health.AssessAsync(
                await db.Organizations.AsNoTracking().Where(o => branchIds.Contains(o.Id)).Include(o => o.Groups).ToListAsync(cancellationToken),
                cancellationToken))
            .ToDictionary(h => h.Branch.Id, h => h.Assessment);
        var branchResults = period is null
            ? []
            : await db.BranchResults.AsNoTracking().Where(r => r.PeriodId == period.Id && branchIds.Contains(r.BranchId))
                .Select(r => new { r.BranchId, r.Total, r.MaxPoints, r.Percentile })
                .ToDictionaryAsync(r => r.BranchId, r => new ChildResults(1, Percent(r.Total, r.MaxPoints), r.Percentile), cancellationToken);
        var childLines = new List<ChildLine>();
        var healthAt = clock.GetUtcNow(); // when the oldest counts shown were assessed
        foreach (var child in children.Items)
        {
            if (child.IsBranch)
            {
                childLines.Add(new ChildLine(child, 1, branchResults.GetValueOrDefault(child.Id), HealthCounts.Of(branchHealth[child.Id].Colour), branchHealth[child.Id].Reasons.Select(r => r.Text).ToList()));
                continue;
            }

            var (line, at) = await ChildOrganizationAsync(child, period, cancellationToken);
            childLines.Add(line);
            healthAt = at < healthAt ? at : healthAt;
        }

        // The node's own colours: the children's sum when they all fit on this page, else one pass of its own.
        HealthCounts nodeHealth;
        if (children.PageCount == 1)
        {
            nodeHealth = childLines.Aggregate(HealthCounts.None, (sum, c) => sum + c.Health);
        }
        else
        {
            var assessed = await HealthAsync(node.Path, cancellationToken);
            (nodeHealth, healthAt) = (assessed.Counts, assessed.At < healthAt ? assessed.At : healthAt);
        }

        if (period is null)
        {
            return new OrganizationDashboardModel(node, trail, periods, null, [], [], [], [], [], nodeHealth, healthAt, children, childLines, rectification, reportOptions.Value.Rules);
        }

        var pinned = catalog.PinnedBy(period);
        var results = Results(period.Id, node.Path);
        var categories = await CategoriesAsync(results, pinned, cancellationToken);
        var grades = await results.GroupBy(r => new { r.CategoryCode, r.Grade })
            .Select(g => new { g.Key.CategoryCode, g.Key.Grade, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var gradeCounts = categories
            .SelectMany(c => GradeOrder(pinned, c.Code, grades.Where(g => g.CategoryCode == c.Code).Select(g => g.Grade))
                .Select(grade => new CategoryGradeCount(c.Code, grade, grades.Where(g => g.CategoryCode == c.Code && g.Grade == grade).Sum(g => g.Count))))
            .ToList();

        var top = new List<CategoryTop>();
        foreach (var category in categories)
        {
            top.Add(new CategoryTop(category, await results.Where(r => r.CategoryCode == category.Code)
                .OrderBy(r => r.Rank).ThenBy(r => r.Branch!.Code)
                .Take(TopPerCategory)
                .Select(r => new RankingLine(r.Rank, r.Branch!.Code, r.Branch.Name, r.Total, r.MaxPoints, r.Grade, r.Percentile))
                .ToListAsync(cancellationToken)));
        }

        var trend = await TrendAsync(periods, node.Path, pinned, cancellationToken);
        var uniform = await UniformAsync(period.Id, node.ParentId is null ? null : results, pinned, cancellationToken);
        return new OrganizationDashboardModel(node, trail, periods, period, categories, gradeCounts, top, trend, uniform, nodeHealth, healthAt, children, childLines, rectification, reportOptions.Value.Rules);
    }

    private IQueryable<BranchResult> Results(int periodId, string path) =>
        db.BranchResults.AsNoTracking().Where(r => r.PeriodId == periodId && r.Branch!.Path.StartsWith(path));

    /// <summary>Per category: count, average, extremes and the within-category percentiles, each read by the database.</summary>
    private static async Task<List<CategoryFigures>> CategoriesAsync(IQueryable<BranchResult> results, PinnedPacks pinned, CancellationToken cancellationToken)
    {
        var rows = await results.GroupBy(r => r.CategoryCode)
            .Select(g => new { Code = g.Key, Count = g.Count(), Average = g.Average(r => r.Total), MaxPoints = g.Max(r => r.MaxPoints), Highest = g.Max(r => r.Total), Lowest = g.Min(r => r.Total) })
            .ToListAsync(cancellationToken);
        var figures = new List<CategoryFigures>();
        foreach (var row in rows.OrderBy(r => r.Code, StringComparer.Ordinal))
        {
            // Nearest rank: the smallest total at or above p% of the category's branches. One statement per category
            // streams the totals in order from the first percentile's rank to the last's and takes each on the way: one
            // sort of the category instead of one per percentile (at the root of 100,000 branches the 18 statements
            // took 2.9 s of every view, issue 11).
            var ranks = Percentiles.Select(p => Math.Max(1, (int)Math.Ceiling(p * row.Count / 100m))).ToArray();
            var percentiles = new List<PercentileValue>(ranks.Length);
            var position = ranks[0];
            await foreach (var at in results.Where(r => r.CategoryCode == row.Code)
                .OrderBy(r => r.Total).ThenBy(r => r.Id)
                .Skip(ranks[0] - 1)
                .Take(ranks[^1] - ranks[0] + 1)
                .Select(r => new { r.Total, r.MaxPoints })
                .AsAsyncEnumerable()
                .WithCancellation(cancellationToken))
            {
                while (percentiles.Count < ranks.Length && ranks[percentiles.Count] == position)
                {
                    percentiles.Add(new PercentileValue(Percentiles[percentiles.Count], at.Total, Percent(at.Total, at.MaxPoints)));
                }

                position++;
            }

            figures.Add(new CategoryFigures(row.Code, pinned.FindCategory(row.Code)?.Name ?? row.Code, row.Count, Round(row.Average), row.MaxPoints, row.Highest, row.Lowest, Percent(row.Average, row.MaxPoints), percentiles));
        }

        return figures;
    }

    /// <summary>The category's grades best first as its pack defines them, then any other grade a result holds.</summary>
    private static List<string> GradeOrder(PinnedPacks pinned, string categoryCode, IEnumerable<string> held)
    {
        var grades = pinned.FindCategory(categoryCode)?.Grades.Bands.OrderByDescending(b => b.MinPercent).Select(b => b.Name).ToList() ?? [];
        grades.AddRange(held.Where(g => !grades.Contains(g)).Distinct().Order(StringComparer.Ordinal));
        return grades;
    }

    /// <summary>Average share of the maximum per category and quarter, over the latest visible quarters, oldest first.</summary>
    private async Task<List<TrendPoint>> TrendAsync(IReadOnlyList<Period> periods, string path, PinnedPacks pinned, CancellationToken cancellationToken)
    {
        var recent = periods.Take(TrendQuarters).ToList();
        var ids = recent.Select(p => p.Id).ToList();
        var rows = await db.BranchResults.AsNoTracking()
            .Where(r => ids.Contains(r.PeriodId) && r.Branch!.Path.StartsWith(path))
            .GroupBy(r => new { r.PeriodId, r.CategoryCode })
            .Select(g => new { g.Key.PeriodId, g.Key.CategoryCode, Count = g.Count(), Total = g.Average(r => r.Total), Max = g.Average(r => r.MaxPoints) })
            .ToListAsync(cancellationToken);
        return rows
            .Select(r =>
            {
                var period = recent.Single(p => p.Id == r.PeriodId);
                return new TrendPoint(period.AsQuarter, r.CategoryCode, pinned.FindCategory(r.CategoryCode)?.Name ?? catalog.PinnedBy(period).FindCategory(r.CategoryCode)?.Name ?? r.CategoryCode, r.Count, Percent(r.Total, r.Max));
            })
            .OrderBy(t => t.Quarter.Year).ThenBy(t => t.Quarter.Number).ThenBy(t => t.CategoryCode, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Indicators flagged 无差别考核 in scope: counted per code by the database, judged by the report's rule. The
    /// root's scope (<paramref name="results"/> null) is the whole period: its rows are counted without the join to the
    /// subtree's results, as the quarterly report's tally does.
    /// </summary>
    private async Task<List<UniformFlag>> UniformAsync(int periodId, IQueryable<BranchResult>? results, PinnedPacks pinned, CancellationToken cancellationToken)
    {
        var rules = reportOptions.Value.Rules;
        var scored = db.Set<BranchIndicatorScore>().AsNoTracking().Where(i => i.PeriodId == periodId && i.MaxScore > 0);
        if (results is not null)
        {
            scored = scored.Where(i => results.Any(r => r.Id == i.BranchResultId));
        }

        var rows = await scored
            .GroupBy(i => i.Code)
            .Select(g => new { Code = g.Key, Branches = g.Count(), FullMarks = g.Count(i => i.Score >= i.MaxScore) })
            .ToListAsync(cancellationToken);
        var names = pinned.Categories.SelectMany(c => c.Dimensions).SelectMany(d => d.Indicators)
            .GroupBy(i => i.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        return rows.Where(r => rules.IsUniform(r.Branches, r.FullMarks))
            .Select(r => new UniformFlag(r.Code, names.GetValueOrDefault(r.Code, r.Code), r.Branches, r.FullMarks, Math.Round((decimal)r.FullMarks / r.Branches, 4, MidpointRounding.AwayFromZero)))
            .OrderByDescending(f => f.FullMarksShare).ThenBy(f => f.Code, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A child organization's line, with when its health counts were assessed.</summary>
    private async Task<(ChildLine Line, DateTimeOffset HealthAt)> ChildOrganizationAsync(ChildNode child, Period? period, CancellationToken cancellationToken)
    {
        var branches = await db.Organizations.CountAsync(o => o.Kind == OrganizationKind.Branch && o.Path.StartsWith(child.Path), cancellationToken);
        ChildResults? figures = null;
        if (period is not null)
        {
            var row = await Results(period.Id, child.Path)
                .GroupBy(r => 1)
                .Select(g => new { Count = g.Count(), Total = g.Average(r => r.Total), Max = g.Average(r => r.MaxPoints), Percentile = g.Average(r => r.Percentile) })
                .SingleOrDefaultAsync(cancellationToken);
            figures = row is null ? null : new ChildResults(row.Count, Percent(row.Total, row.Max), Round(row.Percentile));
        }

        var health = await HealthAsync(child.Path, cancellationToken);
        return (new ChildLine(child, branches, figures, health.Counts, []), health.At);
    }

    /// <summary>
    /// Colours of the branches under <paramref name="path"/>, assessed by the health board a batch at a time, or as
    /// this node assessed them less than <see cref="HealthFreshFor"/> ago. An entry unused for an hour is dropped.
    /// </summary>
    private async Task<AssessedHealth> HealthAsync(string path, CancellationToken cancellationToken)
    {
        var key = (nameof(OrganizationDashboard), path);
        var now = clock.GetUtcNow();
        if (cache.TryGetValue(key, out AssessedHealth? kept) && kept is not null && now - kept.At < HealthFreshFor)
        {
            return kept;
        }

        var assessed = new AssessedHealth(await AssessAsync(path, cancellationToken), now);
        cache.Set(key, assessed, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromHours(1) });
        return assessed;
    }

    private async Task<HealthCounts> AssessAsync(string path, CancellationToken cancellationToken)
    {
        var counts = HealthCounts.None;
        var after = 0;
        while (true)
        {
            var batch = await db.Organizations.AsNoTracking()
                .Where(o => o.Kind == OrganizationKind.Branch && o.Path.StartsWith(path) && o.Id > after)
                .OrderBy(o => o.Id)
                .Take(HealthBatch)
                .Include(o => o.Groups)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return counts;
            }

            foreach (var assessed in await health.AssessAsync(batch, cancellationToken))
            {
                counts += HealthCounts.Of(assessed.Assessment.Colour);
            }

            after = batch[^1].Id;
        }
    }

    /// <summary>Rectification items in scope by state, and those past their deadline and not done.</summary>
    private async Task<RectificationFigures> RectificationAsync(string path, CancellationToken cancellationToken)
    {
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var items = db.RectificationItems.AsNoTracking().Where(i => i.Branch!.Path.StartsWith(path));
        var byState = await items.GroupBy(i => i.State).Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var overdue = await items.CountAsync(
            i => (i.State == RectificationState.Open || i.State == RectificationState.Returned || i.State == RectificationState.Reopened) && i.Deadline < today,
            cancellationToken);
        return new RectificationFigures(
            Enum.GetValues<RectificationState>().Select(s => new StateCount(s, byState.Where(b => b.State == s).Sum(b => b.Count))).ToList(),
            overdue);
    }

    internal static decimal Percent(decimal score, decimal max) => max <= 0 ? 0 : Math.Round(score * 100m / max, 1, MidpointRounding.AwayFromZero);

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}

public sealed record ChildNode(int Id, string Code, string Name, OrganizationKind Kind, string Path)
{
    public bool IsBranch => Kind == OrganizationKind.Branch;
}

/// <param name="Percentile">The average of the branches' within-category percentiles: comparable across categories.</param>
public sealed record ChildResults(int Branches, decimal Percent, decimal Percentile);

public sealed record ChildLine(ChildNode Node, int Branches, ChildResults? Results, HealthCounts Health, IReadOnlyList<string> Reasons);

public readonly record struct HealthCounts(int Red, int Yellow, int Green)
{
    public static readonly HealthCounts None = new(0, 0, 0);

    public int Total => Red + Yellow + Green;

    /// <summary>The worst colour present: what the map paints a node with.</summary>
    public HealthColour? Worst => Red > 0 ? HealthColour.Red : Yellow > 0 ? HealthColour.Yellow : Green > 0 ? HealthColour.Green : null;

    public static HealthCounts Of(HealthColour colour) => colour switch
    {
        HealthColour.Red => new(1, 0, 0),
        HealthColour.Yellow => new(0, 1, 0),
        _ => new(0, 0, 1),
    };

    public static HealthCounts operator +(HealthCounts a, HealthCounts b) => new(a.Red + b.Red, a.Yellow + b.Yellow, a.Green + b.Green);
}

/// <param name="Percent">The average total as a share (0..100) of the category's maximum.</param>
public sealed record CategoryFigures(string Code, string Name, int Branches, decimal Average, decimal MaxPoints, decimal Highest, decimal Lowest, decimal Percent, IReadOnlyList<PercentileValue> Percentiles);

/// <summary>The total at within-category percentile <paramref name="P"/>, and as a share of the maximum.</summary>
public sealed record PercentileValue(int P, decimal Total, decimal Percent);

public sealed record CategoryGradeCount(string CategoryCode, string Grade, int Count);

public sealed record CategoryTop(CategoryFigures Category, IReadOnlyList<RankingLine> Lines);

public sealed record TrendPoint(AssessmentQuarter Quarter, string CategoryCode, string CategoryName, int Branches, decimal Percent);

public sealed record UniformFlag(string Code, string Name, int Branches, int FullMarks, decimal FullMarksShare);

public sealed record StateCount(RectificationState State, int Count);

public sealed record RectificationFigures(IReadOnlyList<StateCount> ByState, int Overdue)
{
    public int Total => ByState.Sum(s => s.Count);
}

/// <summary>An organization's health counts and when they were assessed.</summary>
internal sealed record AssessedHealth(HealthCounts Counts, DateTimeOffset At);

/// <param name="HealthAt">When the oldest health counts on the page were assessed (<see cref="OrganizationDashboard.HealthFreshFor"/>).</param>
public sealed record OrganizationDashboardModel(
    Organization Node,
    IReadOnlyList<Organization> Trail,
    IReadOnlyList<Period> Periods,
    Period? Period,
    IReadOnlyList<CategoryFigures> Categories,
    IReadOnlyList<CategoryGradeCount> Grades,
    IReadOnlyList<CategoryTop> Top,
    IReadOnlyList<TrendPoint> Trend,
    IReadOnlyList<UniformFlag> Uniform,
    HealthCounts Health,
    DateTimeOffset HealthAt,
    ListPage<ChildNode> Children,
    IReadOnlyList<ChildLine> ChildLines,
    RectificationFigures Rectification,
    Core.Reports.ReportRules Rules);
