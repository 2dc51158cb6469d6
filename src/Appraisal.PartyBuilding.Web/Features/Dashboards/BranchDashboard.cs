using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core;
using Appraisal.PartyBuilding.Core.Appeals;
using Appraisal.PartyBuilding.Core.Meetings;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Core.Rectification;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Features.Home;
using Appraisal.PartyBuilding.Web.Features.Packs;
using Appraisal.PartyBuilding.Web.Features.Results;
using Appraisal.PartyBuilding.Web.Features.Scoring;
using Appraisal.PartyBuilding.Web.Features.Warnings;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Dashboards;

/// <summary>
/// A branch's dashboard and improvement push (SPEC "Improvement push"): the records this month and quarter still
/// need (the meeting board's and the health board's own reading), the latest visible score card, and for the three
/// weakest indicators what the higher-scoring branches of the same category did — aggregated over at least
/// <see cref="MinPeers"/> branches, never a name, an attendee or another branch's code.
/// </summary>
public sealed class BranchDashboard(AppraisalDbContext db, MeetingBoard board, PackCatalog catalog, TimeProvider clock)
{
    /// <summary>Fewer higher-scoring branches than this and nothing is shown about them: an average of one is that branch's number.</summary>
    public const int MinPeers = 3;

    /// <summary>A topic is shown only when at least this many higher-scoring branches recorded it.</summary>
    public const int MinBranchesPerTopic = 2;

    public const int WeakestCount = 3;

    public const int TopicCount = 5;

    public async Task<BranchDashboardModel> BuildAsync(Organization branch, string role, int? periodId, CancellationToken cancellationToken)
    {
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var quarter = AssessmentQuarter.Of(today);
        var records = (await board.ScoreAsync([branch], quarter, cancellationToken)).Single();
        var monthMissing = records.Category is null
            ? []
            : BranchHealthBoard.MissedMonths((await BranchEvidenceReader.LoadAsync(db, quarter, null, [branch.Id], cancellationToken)).For(branch, records.Category), [today.Month]);

        var periods = await OrganizationDashboard.VisiblePeriodsAsync(db, role, cancellationToken);
        var scored = await db.BranchResults.AsNoTracking().Where(r => r.BranchId == branch.Id).Select(r => r.PeriodId).ToListAsync(cancellationToken);
        periods = periods.Where(p => scored.Contains(p.Id)).ToList();
        var period = periodId is { } id ? periods.FirstOrDefault(p => p.Id == id) : periods.FirstOrDefault();

        ScoreCardModel? card = null;
        var hints = new List<ImprovementHint>();
        var trend = new List<BranchTrendPoint>();
        if (period is not null)
        {
            var result = await db.BranchResults.AsNoTracking().Include(r => r.Branch).Include(r => r.Indicators)
                .SingleAsync(r => r.PeriodId == period.Id && r.BranchId == branch.Id, cancellationToken);
            var category = catalog.PinnedBy(period).FindCategory(result.CategoryCode);
            var categorySize = await db.BranchResults.CountAsync(r => r.PeriodId == period.Id && r.CategoryCode == result.CategoryCode, cancellationToken);
            card = ScoreCardModel.Build(period, result, category, categorySize);
            foreach (var line in card.Lost.OrderBy(l => l.Score / l.MaxScore).ThenByDescending(l => l.Lost).ThenBy(l => l.Code, StringComparer.Ordinal).Take(WeakestCount))
            {
                var rule = category?.Dimensions.SelectMany(d => d.Indicators).FirstOrDefault(i => i.Code == line.Code)?.Rule;
                hints.Add(await HintAsync(period, result, line, (rule as RecordFrequencyRule)?.MeetingType, cancellationToken));
            }

            trend = await TrendAsync(branch.Id, periods, cancellationToken);
        }

        var openAppeals = await db.Appeals.AsNoTracking()
            .Where(a => a.BranchId == branch.Id && a.State == AppealState.Open)
            .OrderBy(a => a.FiledAt)
            .Select(a => new OpenAppeal(a.Id, a.PeriodId, a.IndicatorCode, a.IndicatorCode, a.FiledAt))
            .ToListAsync(cancellationToken);
        foreach (var appealPeriod in openAppeals.Select(a => a.PeriodId).Distinct().ToList())
        {
            // Indicator names as the appealed period's pinned pack versions define them.
            var names = (await catalog.PinnedByAsync(db, appealPeriod, cancellationToken)).Categories
                .SelectMany(c => c.Dimensions).SelectMany(d => d.Indicators)
                .GroupBy(i => i.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
            openAppeals = openAppeals.Select(a => a.PeriodId == appealPeriod ? a with { IndicatorName = names.GetValueOrDefault(a.IndicatorCode, a.IndicatorCode) } : a).ToList();
        }

        var rectification = await db.RectificationItems.AsNoTracking()
            .Where(i => i.BranchId == branch.Id && i.State != RectificationState.SignedOff && i.State != RectificationState.Closed)
            .OrderBy(i => i.Deadline).ThenBy(i => i.Id)
            .Select(i => new RectificationDue(i.Id, i.IndicatorName, i.Deadline, i.State))
            .ToListAsync(cancellationToken);
        return new BranchDashboardModel(branch, today, quarter, records, monthMissing, periods, period, card, hints, trend, openAppeals, rectification);
    }

    /// <summary>What the branches of the same category that scored higher in the period did on one indicator.</summary>
    private async Task<ImprovementHint> HintAsync(Period period, BranchResult own, ScoreCardLine line, MeetingType? meetingType, CancellationToken cancellationToken)
    {
        var higher = db.BranchResults.AsNoTracking()
            .Where(r => r.PeriodId == period.Id && r.CategoryCode == own.CategoryCode && r.Total > own.Total);
        var peers = await higher.CountAsync(cancellationToken);
        if (peers < MinPeers)
        {
            return new ImprovementHint(line, peers, null, null, []);
        }

        var average = await db.Set<BranchIndicatorScore>().AsNoTracking()
            .Where(i => i.PeriodId == period.Id && i.Code == line.Code && higher.Any(r => r.Id == i.BranchResultId))
            .GroupBy(i => 1)
            .Select(g => new { Average = g.Average(i => i.Score), Full = g.Count(i => i.Score >= i.MaxScore) })
            .SingleOrDefaultAsync(cancellationToken);
        if (meetingType is not { } type)
        {
            return new ImprovementHint(line, peers, average is null ? null : Math.Round(average.Average, 2, MidpointRounding.AwayFromZero), null, []);
        }

        // The records of the quarter scored, counted as the scorer counts them: a returned record does not count.
        var (start, end) = (period.AsQuarter.Start, period.AsQuarter.End);
        var meetings = db.MeetingRecords.AsNoTracking()
            .Where(m => m.Type == type && m.Status != RecordStatus.Returned && m.Date >= start && m.Date <= end
                && higher.Any(r => r.BranchId == m.BranchId));
        var held = await meetings.GroupBy(m => 1)
            .Select(g => new { Records = g.Count(), Branches = g.Select(m => m.BranchId).Distinct().Count() })
            .SingleOrDefaultAsync(cancellationToken);
        var topics = await meetings.GroupBy(m => m.Topic)
            .Select(g => new { Topic = g.Key, Branches = g.Select(m => m.BranchId).Distinct().Count(), Records = g.Count() })
            .Where(t => t.Branches >= MinBranchesPerTopic)
            .OrderByDescending(t => t.Branches).ThenByDescending(t => t.Records).ThenBy(t => t.Topic)
            .Take(TopicCount)
            .ToListAsync(cancellationToken);
        return new ImprovementHint(
            line,
            peers,
            average is null ? null : Math.Round(average.Average, 2, MidpointRounding.AwayFromZero),
            new MeetingFrequency(type, held?.Branches ?? 0, Math.Round((decimal)(held?.Records ?? 0) / peers, 1, MidpointRounding.AwayFromZero)),
            topics.Select(t => new TopicCount(t.Topic, t.Branches, t.Records)).ToList());
    }

    /// <summary>The branch's share of the maximum per visible quarter beside its category's average, oldest first.</summary>
    private async Task<List<BranchTrendPoint>> TrendAsync(int branchId, IReadOnlyList<Period> periods, CancellationToken cancellationToken)
    {
        var recent = periods.Take(OrganizationDashboard.TrendQuarters).ToList();
        var ids = recent.Select(p => p.Id).ToList();
        var own = await db.BranchResults.AsNoTracking().Where(r => r.BranchId == branchId && ids.Contains(r.PeriodId))
            .Select(r => new { r.PeriodId, r.CategoryCode, r.Total, r.MaxPoints })
            .ToListAsync(cancellationToken);
        var points = new List<BranchTrendPoint>();
        foreach (var result in own)
        {
            var category = await db.BranchResults.AsNoTracking()
                .Where(r => r.PeriodId == result.PeriodId && r.CategoryCode == result.CategoryCode)
                .GroupBy(r => 1)
                .Select(g => new { Total = g.Average(r => r.Total), Max = g.Average(r => r.MaxPoints) })
                .SingleAsync(cancellationToken);
            points.Add(new BranchTrendPoint(recent.Single(p => p.Id == result.PeriodId).AsQuarter, OrganizationDashboard.Percent(result.Total, result.MaxPoints), OrganizationDashboard.Percent(category.Total, category.Max)));
        }

        return points.OrderBy(p => p.Quarter.Year).ThenBy(p => p.Quarter.Number).ToList();
    }
}

/// <param name="Peers">Branches of the same category with a higher total in the period.</param>
/// <param name="PeerAverage">Their average score on the indicator; null when fewer than <see cref="BranchDashboard.MinPeers"/>.</param>
/// <param name="Meetings">For a record-frequency indicator: how often they held the meeting in the quarter.</param>
/// <param name="Topics">Their most common topics, each recorded by at least <see cref="BranchDashboard.MinBranchesPerTopic"/> of them.</param>
public sealed record ImprovementHint(ScoreCardLine Line, int Peers, decimal? PeerAverage, MeetingFrequency? Meetings, IReadOnlyList<TopicCount> Topics)
{
    public bool Shown => Peers >= BranchDashboard.MinPeers;
}

/// <param name="HeldBy">How many of the higher-scoring branches held at least one such meeting in the quarter.</param>
/// <param name="PerBranch">Their records of the type in the quarter per higher-scoring branch.</param>
public sealed record MeetingFrequency(MeetingType Type, int HeldBy, decimal PerBranch);

public sealed record TopicCount(string Topic, int Branches, int Records);

public sealed record OpenAppeal(long Id, int PeriodId, string IndicatorCode, string IndicatorName, DateTimeOffset FiledAt);

public sealed record RectificationDue(long Id, string IndicatorName, DateOnly Deadline, RectificationState State);

public sealed record BranchTrendPoint(AssessmentQuarter Quarter, decimal Percent, decimal CategoryPercent);

public sealed record BranchDashboardModel(
    Organization Branch,
    DateOnly Today,
    AssessmentQuarter Quarter,
    BranchMeetingScore Records,
    IReadOnlyList<string> MonthMissing,
    IReadOnlyList<Period> Periods,
    Period? Period,
    ScoreCardModel? Card,
    IReadOnlyList<ImprovementHint> Hints,
    IReadOnlyList<BranchTrendPoint> Trend,
    IReadOnlyList<OpenAppeal> OpenAppeals,
    IReadOnlyList<RectificationDue> Rectification);
