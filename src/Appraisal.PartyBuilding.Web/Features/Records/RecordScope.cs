using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Meetings;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Records;

/// <summary>
/// What of the records the current user may see: the records of the branches in their subtree. A record outside it
/// is answered like one that does not exist.
/// </summary>
public sealed class RecordScope(AppraisalDbContext db, CurrentUser user, TimeProvider clock)
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public CurrentUser User => user;

    /// <summary>Today's date in China.</summary>
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(ChinaOffset).DateTime);

    /// <summary>The quarter of today, China time.</summary>
    public AssessmentQuarter CurrentQuarter => AssessmentQuarter.Of(Today);

    /// <summary>The branches in scope with their groups, by code.</summary>
    public async Task<List<Organization>> BranchesAsync(CancellationToken cancellationToken) =>
        await (await BranchQueryAsync(cancellationToken)).ToListAsync(cancellationToken);

    /// <summary>The branches in scope with their groups, in a total order by code, for the database to page.</summary>
    public async Task<IQueryable<Organization>> BranchQueryAsync(CancellationToken cancellationToken)
    {
        var visible = await user.VisibleOrganizationsAsync(cancellationToken);
        return visible.AsNoTracking().Where(o => o.Kind == OrganizationKind.Branch)
            .Include(o => o.Groups).OrderBy(o => o.Code).ThenBy(o => o.Id);
    }

    /// <summary>One branch in scope by code, or null.</summary>
    public async Task<Organization?> BranchAsync(string? code, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var visible = await user.VisibleOrganizationsAsync(cancellationToken);
        var trimmed = code.Trim();
        return await visible.AsNoTracking().Include(o => o.Groups)
            .SingleOrDefaultAsync(o => o.Kind == OrganizationKind.Branch && o.Code == trimmed, cancellationToken);
    }

    /// <summary>The user's own branch when their scope is one branch; otherwise null.</summary>
    public async Task<Organization?> OwnBranchAsync(CancellationToken cancellationToken)
    {
        var scope = await user.ScopeAsync(cancellationToken);
        return scope.IsBranch ? await BranchAsync(scope.Code, cancellationToken) : null;
    }

    /// <summary>The branch a new record is for: the named one in scope, or the user's own branch when none is named.</summary>
    public async Task<(Organization? Branch, string? Error)> TargetBranchAsync(string? code, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            var own = await OwnBranchAsync(cancellationToken);
            return own is null ? (null, "请选择党支部") : (own, null);
        }

        var branch = await BranchAsync(code, cancellationToken);
        return branch is null ? (null, $"党支部“{code.Trim()}”不存在或不在您的管理范围内") : (branch, null);
    }

    /// <summary>The records of branches in scope.</summary>
    public async Task<IQueryable<MeetingRecord>> RecordsAsync(CancellationToken cancellationToken)
    {
        var path = await user.ScopePathAsync(cancellationToken);
        return db.MeetingRecords.Where(r => r.Branch!.Path.StartsWith(path));
    }

    /// <summary>One record in scope (tracked, with its branch and groups), or null.</summary>
    public async Task<MeetingRecord?> FindAsync(long id, CancellationToken cancellationToken)
    {
        var records = await RecordsAsync(cancellationToken);
        return await records.Include(r => r.Branch!).ThenInclude(b => b.Groups).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
    }

    /// <summary>Whether a record id belongs to a branch in scope (for links to other records).</summary>
    public async Task<HashSet<long>> VisibleAsync(IEnumerable<long> ids, CancellationToken cancellationToken)
    {
        var list = ids.Distinct().ToList();
        if (list.Count == 0)
        {
            return [];
        }

        var records = await RecordsAsync(cancellationToken);
        return (await records.Where(r => list.Contains(r.Id)).Select(r => r.Id).ToListAsync(cancellationToken)).ToHashSet();
    }

    /// <summary>The period state of each of <paramref name="quarters"/> that has a period.</summary>
    public async Task<Dictionary<AssessmentQuarter, PeriodState>> PeriodStatesAsync(IEnumerable<AssessmentQuarter> quarters, CancellationToken cancellationToken)
    {
        var wanted = quarters.Distinct().ToList();
        var years = wanted.Select(q => q.Year).Distinct().ToList();
        var periods = await db.Periods.AsNoTracking().Where(p => years.Contains(p.Year)).Select(p => new { p.Year, p.Quarter, p.State }).ToListAsync(cancellationToken);
        return periods.Select(p => (Quarter: new AssessmentQuarter(p.Year, p.Quarter), p.State))
            .Where(p => wanted.Contains(p.Quarter))
            .ToDictionary(p => p.Quarter, p => p.State);
    }

    /// <summary>The state of one quarter's period, or null when none was opened.</summary>
    public async Task<PeriodState?> PeriodStateAsync(AssessmentQuarter quarter, CancellationToken cancellationToken) =>
        (await PeriodStatesAsync([quarter], cancellationToken)).TryGetValue(quarter, out var state) ? state : null;

    /// <summary>Everyone who entered, imported, corrected, resubmitted or added files to a record (its history's actors, reviews aside).</summary>
    public Task<List<string>> EditorsAsync(long recordId, CancellationToken cancellationToken) =>
        db.MeetingRecordEvents.AsNoTracking()
            .Where(e => e.MeetingRecordId == recordId && e.Action != RecordAction.Approved && e.Action != RecordAction.Returned)
            .Select(e => e.Actor).Distinct().ToListAsync(cancellationToken);
}
