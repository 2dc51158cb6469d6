using Appraisal.PartyBuilding.Core.Appeals;
using Appraisal.PartyBuilding.Data;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Appeals;

/// <summary>Who set an indicator score, so that someone else decides an appeal against it.</summary>
public interface IIndicatorScorers
{
    /// <summary>Everyone who set the score, earliest first; empty when a rule computed it (系统).</summary>
    Task<IReadOnlyList<string>> ScorersOfAsync(int periodId, int branchId, string indicatorCode, CancellationToken cancellationToken);

    /// <summary>Notes that <paramref name="login"/> set the score (saved with the caller's change).</summary>
    Task RecordAsync(int periodId, int branchId, string indicatorCode, string login, ScoreSource source, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>
/// The scorers kept in <see cref="IndicatorScorer"/>: every assessor who entered or changed a manual score and every
/// decider of an upheld appeal that re-scored the indicator. A computed score has none: the person who ran scoring
/// chose no value, so nobody is excluded for having run it.
/// </summary>
public sealed class ScorersOnRecord(AppraisalDbContext db) : IIndicatorScorers
{
    public async Task<IReadOnlyList<string>> ScorersOfAsync(int periodId, int branchId, string indicatorCode, CancellationToken cancellationToken) =>
        await db.IndicatorScorers.AsNoTracking()
            .Where(s => s.PeriodId == periodId && s.BranchId == branchId && s.IndicatorCode == indicatorCode)
            .OrderBy(s => s.At).ThenBy(s => s.Id)
            .Select(s => s.Login)
            .ToListAsync(cancellationToken);

    public async Task RecordAsync(int periodId, int branchId, string indicatorCode, string login, ScoreSource source, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var known = db.IndicatorScorers.Local.Any(s => s.PeriodId == periodId && s.BranchId == branchId && s.IndicatorCode == indicatorCode && s.Login == login && s.Source == source)
            || await db.IndicatorScorers.AnyAsync(s => s.PeriodId == periodId && s.BranchId == branchId && s.IndicatorCode == indicatorCode && s.Login == login && s.Source == source, cancellationToken);
        if (!known)
        {
            db.IndicatorScorers.Add(new IndicatorScorer { PeriodId = periodId, BranchId = branchId, IndicatorCode = indicatorCode, Login = login, Source = source, At = at });
        }
    }
}
