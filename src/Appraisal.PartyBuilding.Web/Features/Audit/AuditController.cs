using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Audit;

[Authorize(Policy = Policies.ReadAuditLog)]
[Route("audit")]
public sealed class AuditController(AppraisalDbContext db) : Controller
{
    public const int PageSize = 100;

    [HttpGet("")]
    public async Task<IActionResult> Index(long? before, CancellationToken cancellationToken)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (before is { } id)
        {
            query = query.Where(a => a.Id < id);
        }

        return View(await query.OrderByDescending(a => a.Id).Take(PageSize).ToListAsync(cancellationToken));
    }
}
