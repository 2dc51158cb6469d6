using Appraisal.PartyBuilding.Core.Auditing;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Data;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Platform;

/// <summary>
/// Adds audit entries to the current unit of work, so an entry is saved with the change it records or not at all;
/// <see cref="Data.Auditing.AuditChainInterceptor"/> seals it into the hash chain as it is saved. Each entry names the
/// organization it concerns, which decides which auditors see it.
/// </summary>
public sealed class AuditLog(AppraisalDbContext db, TimeProvider clock, IHttpContextAccessor http)
{
    public const string System = "system";

    /// <summary>The path of the root node: entries about the whole organization (and anonymous or system ones) are the root's.</summary>
    public static readonly string RootPath = Organization.PathOf(null, Organization.RootCode);

    private string? actorPath;

    /// <summary>
    /// Records an entry about <paramref name="organizationPath"/> — the materialised path of the organization acted on
    /// (a branch, a record's branch, an imported subtree). Without one, the entry concerns the signed-in actor's scope
    /// node, or the root for system work and anonymous requests.
    /// </summary>
    public void Record(string actor, string action, string target, string? detail = null, string? organizationPath = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            Actor = actor,
            Action = action,
            Target = target,
            Detail = detail,
            OrganizationPath = organizationPath ?? ActorPath(),
        });

    private string ActorPath()
    {
        if (actorPath is not null)
        {
            return actorPath;
        }

        var claim = http.HttpContext?.User.FindFirst(CurrentUser.OrganizationClaim)?.Value;
        var path = int.TryParse(claim, global::System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? db.Organizations.AsNoTracking().Where(o => o.Id == id).Select(o => o.Path).FirstOrDefault()
            : null;
        return actorPath = path ?? RootPath;
    }
}
