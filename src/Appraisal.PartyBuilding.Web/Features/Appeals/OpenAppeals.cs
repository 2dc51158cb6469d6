using Appraisal.PartyBuilding.Core.Appeals;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Features.Cycle;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Appeals;

/// <summary>The cycle's seam filled: a period with appeals still open is not finalized.</summary>
public sealed class OpenAppeals(AppraisalDbContext db) : IPendingAppeals
{
    public Task<int> CountAsync(int periodId, CancellationToken cancellationToken) =>
        db.Appeals.CountAsync(a => a.PeriodId == periodId && a.State == AppealState.Open, cancellationToken);
}
