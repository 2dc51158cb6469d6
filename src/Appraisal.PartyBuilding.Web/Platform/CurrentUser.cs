using System.Security.Claims;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Data;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Platform;

/// <summary>
/// The signed-in account of the current request and its scope: the organization node it acts on and the
/// subtree below. Every query of organization data filters by <see cref="ScopePathAsync"/>.
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor accessor, AppraisalDbContext db)
{
    public const string OrganizationClaim = "org";

    private Organization? scope;

    public ClaimsPrincipal Principal => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public string Login => Principal.Identity?.Name ?? "anonymous";

    public string Role => Principal.FindFirstValue(ClaimTypes.Role) ?? "";

    public int OrganizationId => int.Parse(Principal.FindFirstValue(OrganizationClaim) ?? "0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The organization node the account is scoped to (read once per request: an import may move nodes).</summary>
    public async Task<Organization> ScopeAsync(CancellationToken cancellationToken = default) =>
        scope ??= await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == OrganizationId, cancellationToken);

    /// <summary>
    /// The node the session check read along with the account of <paramref name="principal"/> (which is not yet the
    /// request's user while the check runs), kept for this request.
    /// </summary>
    public void KnowScope(Organization node, ClaimsPrincipal principal)
    {
        if (node.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) != principal.FindFirstValue(OrganizationClaim))
        {
            throw new InvalidOperationException($"node {node.Id} is not the node of the session's account");
        }

        scope = node;
    }

    public async Task<string> ScopePathAsync(CancellationToken cancellationToken = default) => (await ScopeAsync(cancellationToken)).Path;

    /// <summary>Organizations the account may see: its node and everything below it.</summary>
    public async Task<IQueryable<Organization>> VisibleOrganizationsAsync(CancellationToken cancellationToken = default)
    {
        var path = await ScopePathAsync(cancellationToken);
        return db.Organizations.Where(o => o.Path.StartsWith(path));
    }
}
