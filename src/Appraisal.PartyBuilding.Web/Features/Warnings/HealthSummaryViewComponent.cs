using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Mvc;

namespace Appraisal.PartyBuilding.Web.Features.Warnings;

/// <summary>The health early warning in brief, for the home pages: counts by colour, or a secretary's own colour and reasons.</summary>
public sealed class HealthSummaryViewComponent(BranchHealthBoard board, CurrentUser user) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (user.Role is not (Role.OrgAdmin or Role.Assessor or Role.Secretary or Role.Leader))
        {
            return Content("");
        }

        var health = await board.AssessAsync(await HealthWarningApi.VisibleBranchesAsync(user, HttpContext.RequestAborted), HttpContext.RequestAborted);
        return View("/Features/Warnings/_Summary.cshtml", new HealthSummary(user.Role == Role.Secretary, health));
    }
}

public sealed record HealthSummary(bool OwnBranch, IReadOnlyList<BranchHealth> Branches);
