using Appraisal.PartyBuilding.Core;
using Appraisal.PartyBuilding.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Cycle;

/// <summary>The reminders addressed to a branch in the last month, newest first, for its secretary's home page.</summary>
public sealed class BranchRemindersViewComponent(AppraisalDbContext db, TimeProvider clock) : ViewComponent
{
    private static readonly TimeSpan Recent = TimeSpan.FromDays(31);

    public async Task<IViewComponentResult> InvokeAsync(int branchId)
    {
        var since = clock.GetUtcNow() - Recent;
        var reminders = await db.Reminders.AsNoTracking()
            .Where(r => r.OrganizationId == branchId && r.UpdatedAt >= since)
            .OrderByDescending(r => r.UpdatedAt).ThenByDescending(r => r.Id)
            .Take(5)
            .ToListAsync(HttpContext.RequestAborted);
        return View("/Features/Cycle/BranchReminders.cshtml", reminders);
    }
}
