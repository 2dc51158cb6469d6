using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Dashboards;

/// <summary>
/// The leader dashboard (organization → its children, one level and one page at a time → a branch) and the branch
/// dashboard with its improvement push. A node outside the caller's subtree answers 404 like a missing one.
/// </summary>
[Route("dashboard")]
public sealed class DashboardsController(AppraisalDbContext db, CurrentUser user) : Controller
{
    [Authorize(Policy = Policies.ReadDashboards)]
    [HttpGet("")]
    public async Task<IActionResult> Organization([FromServices] OrganizationDashboard dashboard, string? org, int? period, int? page, CancellationToken cancellationToken)
    {
        var scope = await user.ScopeAsync(cancellationToken);
        var node = string.IsNullOrWhiteSpace(org)
            ? scope
            : await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Code == org && o.Path.StartsWith(scope.Path), cancellationToken);
        if (node is null)
        {
            return NotFound();
        }

        if (node.IsBranch)
        {
            return Redirect(BranchUrl(node.Code, period));
        }

        // The way down from the caller's own node: the breadcrumb of the drill-down.
        var codes = node.Path[scope.Path.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries).Prepend(scope.Code).ToList();
        var trail = (await db.Organizations.AsNoTracking().Where(o => codes.Contains(o.Code) && o.Path.StartsWith(scope.Path)).ToListAsync(cancellationToken))
            .OrderBy(o => o.Path.Length).ToList();
        return View("Organization", await dashboard.BuildAsync(node, trail, user.Role, period, page, cancellationToken));
    }

    [Authorize(Policy = Policies.ReadBranchDashboard)]
    [HttpGet("branches/{code}")]
    public async Task<IActionResult> Branch([FromServices] BranchDashboard dashboard, string code, int? period, CancellationToken cancellationToken)
    {
        var scope = await user.ScopeAsync(cancellationToken);
        var branch = await db.Organizations.AsNoTracking().Include(o => o.Groups)
            .SingleOrDefaultAsync(o => o.Code == code && o.Kind == OrganizationKind.Branch && o.Path.StartsWith(scope.Path), cancellationToken);
        if (branch is null)
        {
            return NotFound();
        }

        return View("Branch", await dashboard.BuildAsync(branch, user.Role, period, cancellationToken));
    }

    public static string BranchUrl(string code, int? period) =>
        $"/dashboard/branches/{Uri.EscapeDataString(code)}" + (period is { } p ? $"?period={p}" : "");
}
