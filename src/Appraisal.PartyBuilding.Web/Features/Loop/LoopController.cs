using Appraisal.PartyBuilding.Core.Appeals;
using Appraisal.PartyBuilding.Core.Rectification;
using Appraisal.PartyBuilding.Web.Features.Appeals;
using Appraisal.PartyBuilding.Web.Features.Rectification;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Loop;

/// <summary>The entry to the loop after publication: each role's pages (appeals, incentives, rectification, health) with what waits there.</summary>
[Route("loop")]
public sealed class LoopController(AppealWorkflow appeals, RectificationWorkflow rectification, CurrentUser user) : Controller
{
    [Authorize(Policy = Policies.ReadRectification)]
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var scope = await user.ScopePathAsync(cancellationToken);
        var items = rectification.Visible(scope);
        return View("Index", new LoopPage(
            user.Role,
            await appeals.Visible(scope).CountAsync(a => a.State == AppealState.Open, cancellationToken),
            await items.CountAsync(i => i.State == RectificationState.Open || i.State == RectificationState.Returned || i.State == RectificationState.Reopened, cancellationToken),
            await items.CountAsync(i => i.State == RectificationState.Submitted, cancellationToken)));
    }
}

public sealed record LoopPage(string Role, int OpenAppeals, int ActiveItems, int SubmittedItems);
