using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Mvc;

namespace Appraisal.PartyBuilding.Web.Features.Warnings;

/// <summary>
/// The health early warning in brief, for the home pages: counts by colour, or a secretary's own colour and reasons.
/// A scope larger than the board assesses at once shows its branch count and a link to choose an organization.
/// </summary>
public sealed class HealthSummaryViewComponent(BranchHealthBoard board, CurrentUser user) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (user.Role is not (Role.OrgAdmin or Role.Assessor or Role.Secretary or Role.Leader))
        {
            return Content("");
        }

        var health = await board.BoardAsync(await user.ScopeAsync(HttpContext.RequestAborted), null, null, 1, 1, HttpContext.RequestAborted);
        return View("/Features/Warnings/_Summary.cshtml", new HealthSummary(user.Role == Role.Secretary, health!));
    }
}

public sealed record HealthSummary(bool OwnBranch, HealthBoard Board);
