using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Meetings;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Data;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Scoring;

/// <summary>
/// The one way a branch's meeting evidence for a quarter is read, shared by scoring and the home pages so that
/// both count the same records.
/// </summary>
public static class MeetingEvidence
{
    /// <summary>
    /// Records from January 1st to the quarter's end: yearly meetings (组织生活会, 民主评议) held earlier in the
    /// year count for the quarter. <paramref name="branchIds"/> null means every branch.
    /// </summary>
    public static async Task<ILookup<int, MeetingRecord>> LoadAsync(AppraisalDbContext db, AssessmentQuarter quarter, IReadOnlyCollection<int>? branchIds, CancellationToken cancellationToken)
    {
        var yearStart = new DateOnly(quarter.Year, 1, 1);
        var query = db.MeetingRecords.AsNoTracking().Where(r => r.Date >= yearStart && r.Date <= quarter.End);
        if (branchIds is not null)
        {
            query = query.Where(r => branchIds.Contains(r.BranchId));
        }

        return (await query.ToListAsync(cancellationToken)).ToLookup(r => r.BranchId);
    }

    public static BranchEvidence For(Organization branch, BranchCategory category, AssessmentQuarter quarter, IEnumerable<MeetingRecord> records) =>
        new(
            quarter,
            new BranchProfile(branch.Code, branch.Name, category.Code, branch.MemberCount, branch.CommitteeSize, branch.Groups.Select(g => g.Name).ToList()),
            records.Select(r => r.ToFact()).ToList());
}
