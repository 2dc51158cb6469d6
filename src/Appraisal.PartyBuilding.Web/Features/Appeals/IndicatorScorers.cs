using Appraisal.PartyBuilding.Core.Appeals;
using Appraisal.PartyBuilding.Data;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Appeals;

/// <summary>
/// Who gave an indicator score, so that someone else decides an appeal against it. A seam: where manual scores are
/// entered by assessors, their implementation answers with the assessor's login for a manual indicator.
/// </summary>
public interface IIndicatorScorers
{
    /// <returns>A login, or <see cref="AppealRules.AutomaticScorer"/> when a rule computed the score.</returns>
    Task<string> ScorerOfAsync(int periodId, int branchId, string indicatorCode, CancellationToken cancellationToken);
}

/// <summary>
/// The scorer as far as this feature knows: the decider of the latest upheld appeal that re-scored the indicator
/// (a second appeal against that value goes to someone else), otherwise the scoring rule (系统): the person who ran
/// scoring chose no value, so nobody is excluded for having run it.
/// </summary>
public sealed class ScorersFromAppeals(AppraisalDbContext db) : IIndicatorScorers
{
    public async Task<string> ScorerOfAsync(int periodId, int branchId, string indicatorCode, CancellationToken cancellationToken)
    {
        var rescored = await db.Appeals.AsNoTracking()
            .Where(a => a.PeriodId == periodId && a.BranchId == branchId && a.IndicatorCode == indicatorCode && a.State == AppealState.Upheld)
            .OrderByDescending(a => a.Id)
            .Select(a => a.DecidedBy)
            .FirstOrDefaultAsync(cancellationToken);
        return rescored ?? AppealRules.AutomaticScorer;
    }
}
