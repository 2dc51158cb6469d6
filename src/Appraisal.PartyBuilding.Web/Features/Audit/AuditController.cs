using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Appraisal.PartyBuilding.Web.Features.Audit;

[Authorize(Policy = Policies.ReadAuditLog)]
[Route("audit")]
public sealed class AuditController(AuditTrail trail) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int page, CancellationToken cancellationToken) =>
        View(await trail.PageAsync(page, cancellationToken));

    [HttpGet("verify")]
    public async Task<IActionResult> Verify(CancellationToken cancellationToken) =>
        View(await trail.VerifyAsync(cancellationToken));
}
