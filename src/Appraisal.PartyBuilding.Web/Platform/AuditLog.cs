using Appraisal.PartyBuilding.Core.Auditing;
using Appraisal.PartyBuilding.Data;

namespace Appraisal.PartyBuilding.Web.Platform;

/// <summary>Adds audit entries to the current unit of work, so an entry is saved with the change it records or not at all.</summary>
public sealed class AuditLog(AppraisalDbContext db, TimeProvider clock)
{
    public const string System = "system";

    public void Record(string actor, string action, string target, string? detail = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            Actor = actor,
            Action = action,
            Target = target,
            Detail = detail,
        });
}
