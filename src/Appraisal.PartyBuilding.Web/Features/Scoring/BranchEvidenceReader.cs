using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.AssessmentEvidence;
using Appraisal.PartyBuilding.Core.Meetings;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Data;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Scoring;

/// <summary>
/// The one way a branch's evidence for a quarter is read, shared by scoring and the home pages so that both count
/// the same records, KPI values, events, ratings and manual scores.
/// </summary>
public static class BranchEvidenceReader
{
    /// <summary>
    /// Reads the evidence of a quarter: meeting records from January 1st to the quarter's end (yearly meetings such
    /// as 组织生活会 and 民主评议 held earlier in the year count for the quarter), the quarter's KPI values and rating
    /// answers, the approved events dated in the quarter and, when <paramref name="periodId"/> is given, the
    /// assessors' manual scores of that period. <paramref name="branchIds"/> null means every branch.
    /// </summary>
    public static async Task<QuarterEvidence> LoadAsync(
        AppraisalDbContext db,
        AssessmentQuarter quarter,
        int? periodId,
        IReadOnlyCollection<int>? branchIds,
        CancellationToken cancellationToken) =>
        await LoadAsync(db, quarter, periodId, branchIds, null, cancellationToken);

    /// <summary>
    /// Reads the evidence of the branches whose ids lie from <paramref name="firstBranchId"/> to
    /// <paramref name="lastBranchId"/>: how scoring reads a province chunk by chunk, each chunk one range of the
    /// (branch, date) indexes rather than a list of ids.
    /// </summary>
    public static async Task<QuarterEvidence> LoadAsync(
        AppraisalDbContext db,
        AssessmentQuarter quarter,
        int? periodId,
        int firstBranchId,
        int lastBranchId,
        CancellationToken cancellationToken) =>
        await LoadAsync(db, quarter, periodId, null, (firstBranchId, lastBranchId), cancellationToken);

    /// <summary>
    /// Reads only the meeting records of <paramref name="types"/> dated in the quarter up to <paramref name="through"/>,
    /// with no KPI values, events, ratings or manual scores: what a check of some months' monthly meetings needs (the
    /// health board), where the full read would bring the year's records of every type. Records are read and judged
    /// exactly as <see cref="LoadAsync(AppraisalDbContext, AssessmentQuarter, int?, IReadOnlyCollection{int}?, CancellationToken)"/>
    /// reads them, so a unit of those types and dates is covered here when it is covered there.
    /// </summary>
    public static async Task<QuarterEvidence> LoadMeetingsAsync(
        AppraisalDbContext db,
        AssessmentQuarter quarter,
        IReadOnlyCollection<MeetingType> types,
        DateOnly through,
        IReadOnlyCollection<int> branchIds,
        CancellationToken cancellationToken)
    {
        var meetings = await db.MeetingRecords.AsNoTracking()
            .Where(r => branchIds.Contains(r.BranchId) && r.Date >= quarter.Start && r.Date <= through && types.Contains(r.Type))
            .Select(r => new MeetingEvidence(r.BranchId, r.Type, r.Date, r.Expected, r.Present, r.GroupName, r.Status))
            .ToListAsync(cancellationToken);
        return new QuarterEvidence(
            quarter,
            meetings.ToLookup(r => r.BranchId),
            Enumerable.Empty<BranchKpiValue>().ToLookup(k => k.BranchId),
            Enumerable.Empty<BranchEvent>().ToLookup(e => e.BranchId),
            Enumerable.Empty<BranchRating>().ToLookup(r => r.BranchId),
            Enumerable.Empty<BranchManualScore>().ToLookup(m => m.BranchId));
    }

    private static async Task<QuarterEvidence> LoadAsync(
        AppraisalDbContext db,
        AssessmentQuarter quarter,
        int? periodId,
        IReadOnlyCollection<int>? branchIds,
        (int First, int Last)? range,
        CancellationToken cancellationToken)
    {
        var yearStart = new DateOnly(quarter.Year, 1, 1);
        var meetings = db.MeetingRecords.AsNoTracking().Where(r => r.Date >= yearStart && r.Date <= quarter.End);
        var kpis = db.KpiValues.AsNoTracking().Where(k => k.Year == quarter.Year && k.Quarter == quarter.Number);
        var events = db.EvidenceEvents.AsNoTracking().Where(e => e.Approved && e.Date >= quarter.Start && e.Date <= quarter.End);
        var ratings = db.RatingAnswers.AsNoTracking().Where(r => r.Year == quarter.Year && r.Quarter == quarter.Number);
        var manual = db.ManualScores.AsNoTracking().Where(m => m.PeriodId == periodId);
        if (branchIds is not null)
        {
            meetings = meetings.Where(r => branchIds.Contains(r.BranchId));
            kpis = kpis.Where(k => branchIds.Contains(k.BranchId));
            events = events.Where(e => branchIds.Contains(e.BranchId));
            ratings = ratings.Where(r => branchIds.Contains(r.BranchId));
            manual = manual.Where(m => branchIds.Contains(m.BranchId));
        }

        if (range is var (first, last))
        {
            meetings = meetings.Where(r => r.BranchId >= first && r.BranchId <= last);
            kpis = kpis.Where(k => k.BranchId >= first && k.BranchId <= last);
            events = events.Where(e => e.BranchId >= first && e.BranchId <= last);
            ratings = ratings.Where(r => r.BranchId >= first && r.BranchId <= last);
            manual = manual.Where(m => m.BranchId >= first && m.BranchId <= last);
        }

        // Only the columns scoring and the calendars use: a record's topic, minutes and review opinion can be long, and a
        // province's quarter holds a million records.
        var meetingEvidence = meetings.Select(r => new MeetingEvidence(r.BranchId, r.Type, r.Date, r.Expected, r.Present, r.GroupName, r.Status));
        return new QuarterEvidence(
            quarter,
            (await meetingEvidence.ToListAsync(cancellationToken)).ToLookup(r => r.BranchId),
            (await kpis.ToListAsync(cancellationToken)).ToLookup(k => k.BranchId),
            (await events.ToListAsync(cancellationToken)).ToLookup(e => e.BranchId),
            (await ratings.ToListAsync(cancellationToken)).ToLookup(r => r.BranchId),
            periodId is null ? Enumerable.Empty<BranchManualScore>().ToLookup(m => m.BranchId) : (await manual.ToListAsync(cancellationToken)).ToLookup(m => m.BranchId));
    }
}

/// <summary>The evidence of a quarter for the branches read, by branch id.</summary>
public sealed class QuarterEvidence(
    AssessmentQuarter quarter,
    ILookup<int, MeetingEvidence> meetings,
    ILookup<int, BranchKpiValue> kpis,
    ILookup<int, BranchEvent> events,
    ILookup<int, BranchRating> ratings,
    ILookup<int, BranchManualScore> manualScores)
{
    public AssessmentQuarter Quarter => quarter;

    /// <summary>The stored meeting records read for one branch (with their review status).</summary>
    public IEnumerable<MeetingEvidence> MeetingsOf(int branchId) => meetings[branchId];

    /// <summary>What the scorers are given for one branch scored in <paramref name="category"/>.</summary>
    public BranchEvidence For(Organization branch, BranchCategory category) =>
        new(
            quarter,
            new BranchProfile(branch.Code, branch.Name, category.Code, branch.MemberCount, branch.CommitteeSize, branch.Groups.Select(g => g.Name).ToList()),
            meetings[branch.Id].Select(r => r.ToFact()).ToList())
        {
            Kpis = kpis[branch.Id].OrderBy(k => k.KpiCode, StringComparer.Ordinal).Select(k => k.ToFact()).ToList(),
            Events = events[branch.Id].OrderBy(e => e.Date).ThenBy(e => e.Id).Select(e => e.ToFact()).ToList(),
            Ratings = ratings[branch.Id].OrderBy(r => r.Id).Select(r => r.ToFact()).ToList(),
            ManualScores = manualScores[branch.Id].OrderBy(m => m.IndicatorCode, StringComparer.Ordinal).Select(m => m.ToFact()).ToList(),
        };
}

/// <summary>What scoring and the calendars read of a stored <see cref="MeetingRecord"/>: no topic, minutes or opinion.</summary>
public sealed record MeetingEvidence(int BranchId, MeetingType Type, DateOnly Date, int Expected, int Present, string? GroupName, RecordStatus Status)
{
    public MeetingRecordFact ToFact() => MeetingRecord.FactOf(Type, Date, Expected, Present, GroupName, Status);
}
