using Appraisal.PartyBuilding.Core.Auditing;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Data.Auditing;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Audit;

/// <summary>One page of the audit log as the auditor's scope allows, with the total counted by the database.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int Page, int PageSize, int Total)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// The audit log for auditors: scoped like every other read — an auditor sees the entries about the own node and
/// the subtree below it (<see cref="AuditEntry.OrganizationPath"/>); only an auditor of the root also sees entries
/// about the whole organization and those written before paths were kept — and the chain check.
/// </summary>
public sealed class AuditTrail(AppraisalDbContext db, CurrentUser user, AuditChain chain)
{
    public const int PageSize = 100;

    public async Task<AuditPage> PageAsync(int page, CancellationToken cancellationToken)
    {
        var path = await user.ScopePathAsync(cancellationToken);
        var visible = db.AuditEntries.AsNoTracking();
        if (path != AuditLog.RootPath)
        {
            visible = visible.Where(a => a.OrganizationPath != null && a.OrganizationPath.StartsWith(path));
        }

        var total = await visible.CountAsync(cancellationToken);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var entries = await visible.OrderByDescending(a => a.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        return new AuditPage(entries, page, PageSize, total);
    }

    /// <summary>
    /// Checks the whole chain. A broken entry outside the auditor's scope is reported by its position only: where the
    /// chain breaks is for every auditor to know, what the entry says is not.
    /// </summary>
    public Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken) => AuditChainVerifier.VerifyAsync(db, chain, cancellationToken);
}
