using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core;
using Appraisal.PartyBuilding.Core.Health;
using Appraisal.PartyBuilding.Core.Meetings;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Core.Rectification;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Features.Dashboards;
using Appraisal.PartyBuilding.Web.Features.Organizations;
using Appraisal.PartyBuilding.Web.Features.Packs;
using Appraisal.PartyBuilding.Web.Features.Scoring;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appraisal.PartyBuilding.Web.Features.Warnings;

/// <summary>
/// The health early warning (健康度预警) per branch, from four signals read here and judged by
/// <see cref="HealthRules"/>: months with a monthly meeting missing (the current quarter's ended months, or the whole
/// previous quarter during a quarter's first month, through the shared meeting reader and <see cref="MeetingCoverage"/>),
/// a falling total between the two latest published or final periods, overdue rectification items, and low
/// satisfaction (the answered rating indicators of the latest published or final result).
/// </summary>
public sealed class BranchHealthBoard(AppraisalDbContext db, PackCatalog catalog, IOptions<HealthWarningOptions> options, BranchSubtrees subtrees, TimeProvider clock)
{
    /// <summary>How a rating indicator explains that nobody answered (see RatingScorer): such an indicator says nothing about satisfaction.</summary>
    private const string NoAnswers = "暂无评价";

    /// <summary>The meeting types held every month, whose missed months the board reports.</summary>
    public static readonly IReadOnlyList<MeetingType> Monthly = [MeetingType.Committee, MeetingType.ThemeDay, MeetingType.Group];

    /// <summary>The health of <paramref name="branches"/>, red first, then yellow, then green, by code within a colour.</summary>
    public async Task<IReadOnlyList<BranchHealth>> AssessAsync(IReadOnlyList<Organization> branches, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var (quarter, months) = MonthsToCheck(today);
        var ids = branches.Select(b => b.Id).ToList();

        // Only the monthly types' records of the months checked: the year's records of every type with the quarter's
        // KPI values, events and ratings were a million rows read at a province's root (issue 11).
        var evidence = await BranchEvidenceReader.LoadMeetingsAsync(db, quarter, Monthly, LastDayOf(quarter, months), ids, cancellationToken);

        // The results by projection (never their explanations), looked up by branch: a dashboard assesses a province's
        // branches batch by batch, and the whole entities with every indicator were most of its time (issue 11).
        var results = (await db.BranchResults.AsNoTracking()
                .Where(r => ids.Contains(r.BranchId))
                .Join(db.Periods.Where(p => p.State == PeriodState.Published || p.State == PeriodState.Final), r => r.PeriodId, p => p.Id,
                    (r, p) => new ResultLine(r.Id, r.BranchId, r.PeriodId, r.CategoryCode, r.Total, r.MaxPoints, p.Year, p.Quarter))
                .ToListAsync(cancellationToken))
            .ToLookup(r => r.BranchId);
        var latest = results.ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.Year).ThenByDescending(r => r.Quarter).First());

        // Satisfaction by the versions of the period of the result it reads; missed meetings by those of the quarter
        // being checked. Never the newest version for a period that pinned another.
        var resultPacks = new Dictionary<int, PinnedPacks>();
        foreach (var periodId in latest.Values.Select(r => r.PeriodId).Distinct())
        {
            resultPacks[periodId] = await catalog.PinnedByAsync(db, periodId, cancellationToken);
        }

        // Only the rating indicators of the latest results are read: satisfaction is judged on nothing else.
        var ratingCodes = resultPacks.Values.SelectMany(p => p.Categories).SelectMany(RatingCodes).Distinct().ToList();
        var latestIds = latest.Values.Select(r => r.Id).ToList();
        var ratings = ratingCodes.Count == 0
            ? Enumerable.Empty<RatingScore>().ToLookup(r => r.ResultId)
            : (await db.Set<Core.Periods.BranchIndicatorScore>().AsNoTracking()
                    .Where(i => latestIds.Contains(i.BranchResultId) && ratingCodes.Contains(i.Code))
                    .Select(i => new RatingScore(i.BranchResultId, i.Code, i.Score, i.MaxScore, !i.Explanation.StartsWith(NoAnswers)))
                    .ToListAsync(cancellationToken))
                .ToLookup(r => r.ResultId);
        var overdue = (await db.RectificationItems.AsNoTracking()
                .Where(i => ids.Contains(i.BranchId)
                    && (i.State == RectificationState.Open || i.State == RectificationState.Returned || i.State == RectificationState.Reopened)
                    && i.Deadline < today)
                .Select(i => new { i.BranchId, Escalated = i.Reminders.Any(r => r.Kind == ReminderKind.Escalated && r.Deadline == i.Deadline) })
                .ToListAsync(cancellationToken))
            .ToLookup(o => o.BranchId);
        var quarterPacks = await catalog.ForQuarterAsync(db, quarter, cancellationToken);

        var thresholds = options.Value.Thresholds;
        return branches
            .Select(branch =>
            {
                var category = branch.CategoryCode is null ? null : quarterPacks.FindCategory(branch.CategoryCode);
                var own = results[branch.Id].OrderByDescending(r => r.Year).ThenByDescending(r => r.Quarter).Take(2).ToList();
                var facts = new HealthFacts(
                    category is null ? [] : MissedMonths(evidence.For(branch, category), months),
                    own.Count == 2 ? Percent(own[1].Total, own[1].MaxPoints) : null,
                    own.Count == 2 ? Percent(own[0].Total, own[0].MaxPoints) : null,
                    own.Count > 0 ? new AssessmentQuarter(own[0].Year, own[0].Quarter).ToString() : null,
                    overdue[branch.Id].Count(),
                    overdue[branch.Id].Count(o => o.Escalated),
                    latest.TryGetValue(branch.Id, out var last) && resultPacks[last.PeriodId].FindCategory(last.CategoryCode) is { } scoredBy
                        ? Satisfaction(scoredBy, ratings[last.Id])
                        : null);
                return new BranchHealth(branch, HealthRules.Assess(facts, thresholds), quarter, months);
            })
            .OrderByDescending(h => h.Assessment.Colour)
            .ThenBy(h => h.Branch.Code, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The board of <paramref name="organization"/> (a code inside <paramref name="scope"/>; the scope when null), or
    /// null when there is no such organization in scope. A subtree within <see cref="BranchSubtrees.MaxComputed"/>
    /// branches is assessed whole, so that the counters and the red-first order cover every branch; a page of it (of
    /// one colour when <paramref name="colour"/> is given) is shown. A larger one is not assessed: its child
    /// organizations are listed, a page at a time, to choose from.
    /// </summary>
    public async Task<HealthBoard?> BoardAsync(Organization scope, string? organization, HealthColour? colour, int page, int pageSize, CancellationToken cancellationToken)
    {
        var node = await subtrees.NodeAsync(scope, organization, cancellationToken);
        if (node is null)
        {
            return null;
        }

        var (quarter, months) = MonthsToCheck(ChinaTime.DateOf(clock.GetUtcNow()));
        var branches = await subtrees.CountAsync(node, cancellationToken);
        if (branches > subtrees.MaxComputed)
        {
            return new HealthBoard(node, branches, subtrees.MaxComputed, quarter, months, null, null, await subtrees.ChildrenAsync(node, page, pageSize, cancellationToken));
        }

        var assessed = await AssessAsync(await subtrees.BranchesAsync(node, cancellationToken), cancellationToken);
        var counts = assessed.Aggregate(HealthCounts.None, (sum, h) => sum + HealthCounts.Of(h.Assessment.Colour));
        var shown = colour is { } only ? assessed.Where(h => h.Assessment.Colour == only).ToList() : assessed;
        var list = new ListPage<BranchHealth>(shown.Skip((page - 1) * pageSize).Take(pageSize).ToList(), page, pageSize, shown.Count);
        return new HealthBoard(node, branches, subtrees.MaxComputed, quarter, months, counts, list, null);
    }

    /// <summary>The quarter and its months to check for missed meetings on <paramref name="today"/>.</summary>
    public static (AssessmentQuarter Quarter, IReadOnlyList<int> Months) MonthsToCheck(DateOnly today)
    {
        var current = AssessmentQuarter.Of(today);
        var ended = current.Months.Where(m => new DateOnly(current.Year, m, 1).AddMonths(1) <= today).ToList();
        return ended.Count > 0 ? (current, ended) : (current.Previous, current.Previous.Months);
    }

    /// <summary>The last day of the latest of <paramref name="months"/> (months of <paramref name="quarter"/>): the records read reach to it.</summary>
    public static DateOnly LastDayOf(AssessmentQuarter quarter, IReadOnlyList<int> months) =>
        new DateOnly(quarter.Year, months.Max(), 1).AddMonths(1).AddDays(-1);

    /// <summary>Per month of <paramref name="months"/> with a monthly meeting missing, what is missing, e.g. <c>8月缺支部委员会</c>.</summary>
    public static List<string> MissedMonths(BranchEvidence evidence, IReadOnlyList<int> months)
    {
        var coverage = Monthly.Select(type => MeetingCoverage.Compute(evidence, type)).Where(c => c.IsApplicable).ToList();
        var missed = new List<string>();
        foreach (var month in months)
        {
            var gaps = coverage
                .Where(c => c.Cells.Any(cell => cell.Month == month && !cell.IsCovered))
                .Select(c => MeetingTypes.DisplayName(c.MeetingType))
                .ToList();
            if (gaps.Count > 0)
            {
                missed.Add($"{month}月缺{string.Join("、", gaps)}");
            }
        }

        return missed;
    }

    private static decimal? Satisfaction(BranchCategory category, IEnumerable<RatingScore> indicators)
    {
        var ratings = RatingCodes(category).ToHashSet(StringComparer.Ordinal);
        var answered = indicators.Where(i => ratings.Contains(i.Code) && i.MaxScore > 0 && i.Answered).ToList();
        return answered.Count == 0 ? null : Percent(answered.Sum(i => i.Score), answered.Sum(i => i.MaxScore));
    }

    private static IEnumerable<string> RatingCodes(BranchCategory category) =>
        category.Dimensions.SelectMany(d => d.Indicators).Where(i => i.Rule is RatingRule).Select(i => i.Code);

    /// <summary>What the board needs of a published or final result.</summary>
    private sealed record ResultLine(long Id, int BranchId, int PeriodId, string CategoryCode, decimal Total, decimal MaxPoints, int Year, int Quarter);

    /// <summary>A rating indicator's score in a result, and whether anybody answered (its explanation, judged by the database, does not start with 暂无评价).</summary>
    private sealed record RatingScore(long ResultId, string Code, decimal Score, decimal MaxScore, bool Answered);

    private static decimal Percent(decimal score, decimal max) => max == 0 ? 0m : Math.Round(score * 100m / max, 2, MidpointRounding.AwayFromZero);
}

/// <summary>
/// The health board of one organization: with <see cref="Counts"/> and <see cref="Branches"/> when its
/// <see cref="BranchCount"/> branches were assessed, else with <see cref="Children"/> to choose from.
/// </summary>
public sealed record HealthBoard(
    Organization Node,
    int BranchCount,
    int MaxComputed,
    AssessmentQuarter Quarter,
    IReadOnlyList<int> MonthsChecked,
    HealthCounts? Counts,
    ListPage<BranchHealth>? Branches,
    ListPage<SubtreeSize>? Children);

/// <summary>A branch's health, with the quarter and months checked for missed meetings.</summary>
public sealed record BranchHealth(Organization Branch, HealthAssessment Assessment, AssessmentQuarter Quarter, IReadOnlyList<int> MonthsChecked);
