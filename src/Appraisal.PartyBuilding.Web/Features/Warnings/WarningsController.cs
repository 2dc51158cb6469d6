using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Appraisal.PartyBuilding.Web.Features.Warnings;

/// <summary>The health board (健康度预警): every branch in scope with its colour and reasons, red first.</summary>
[Route("warnings")]
public sealed class WarningsController(BranchHealthBoard board, CurrentUser user) : Controller
{
    [Authorize(Policy = Policies.ReadHealthWarnings)]
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var scope = await user.ScopeAsync(cancellationToken);
        var health = await board.AssessAsync(await HealthWarningApi.VisibleBranchesAsync(user, cancellationToken), cancellationToken);
        return View("Index", new HealthBoardPage(scope, health));
    }
}

public sealed record HealthBoardPage(Core.Organizations.Organization Scope, IReadOnlyList<BranchHealth> Branches);
