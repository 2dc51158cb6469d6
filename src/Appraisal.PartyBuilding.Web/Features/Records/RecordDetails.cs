using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Meetings;
using Appraisal.PartyBuilding.Data;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Records;

/// <summary>Everything the record page and <c>GET /api/v1/records/{id}</c> show about one record.</summary>
public sealed record RecordDetail(
    MeetingRecord Record,
    MeetingCheck Check,
    IReadOnlyList<MeetingAttachment> Attachments,
    IReadOnlyList<MeetingRecordEvent> History,
    IReadOnlyList<CopyFlag> Copies,
    string? Submitter);

/// <summary>
/// A copied-minutes flag on a record: the other record and how alike they are. <see cref="Visible"/> is false when the
/// other record lies outside the viewer's scope (then only its number is shown).
/// </summary>
public sealed record CopyFlag(long OtherRecordId, decimal Similarity, bool IsLater, bool Visible, string? BranchName, DateOnly? Date, MeetingType? Type);

/// <summary>Reads records with their attachments, history and copy flags.</summary>
public sealed class RecordDetails(AppraisalDbContext db, RecordScope scope)
{
    public async Task<RecordDetail> LoadAsync(MeetingRecord record, CancellationToken cancellationToken)
    {
        var attachments = await db.MeetingAttachments.AsNoTracking().Where(a => a.MeetingRecordId == record.Id).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var history = await db.MeetingRecordEvents.AsNoTracking().Where(e => e.MeetingRecordId == record.Id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        var copies = (await FlagsAsync([record.Id], cancellationToken))[record.Id].ToList();
        var branch = record.Branch!;
        var profile = new BranchProfile(branch.Code, branch.Name, branch.CategoryCode ?? "", branch.MemberCount, branch.CommitteeSize, branch.Groups.Select(g => g.Name).ToList());
        return new RecordDetail(record, MeetingValidity.Check(record.ToFact(), profile), attachments, history, copies, history.FirstOrDefault()?.Actor);
    }

    /// <summary>The copy flags of several records, in both directions (a copy of another, or copied by another).</summary>
    public async Task<ILookup<long, CopyFlag>> FlagsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return Array.Empty<CopyFlag>().ToLookup(_ => 0L);
        }

        var matches = await db.MinutesMatches.AsNoTracking()
            .Where(m => ids.Contains(m.MeetingRecordId) || ids.Contains(m.OtherRecordId))
            .ToListAsync(cancellationToken);
        var pairs = matches.SelectMany(m => new[]
            {
                (Record: m.MeetingRecordId, Other: m.OtherRecordId, m.Similarity, IsLater: true),
                (Record: m.OtherRecordId, Other: m.MeetingRecordId, m.Similarity, IsLater: false),
            })
            .Where(p => ids.Contains(p.Record))
            .ToList();
        var visible = await scope.VisibleAsync(pairs.Select(p => p.Other), cancellationToken);
        var visibleIds = visible.ToList();
        var others = await db.MeetingRecords.AsNoTracking().Where(r => visibleIds.Contains(r.Id))
            .Select(r => new { r.Id, r.Date, r.Type, BranchName = r.Branch!.Name })
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        return pairs
            .OrderByDescending(p => p.Similarity).ThenBy(p => p.Other)
            .Select(p => (p.Record, Flag: others.TryGetValue(p.Other, out var o)
                ? new CopyFlag(p.Other, p.Similarity, p.IsLater, true, o.BranchName, o.Date, o.Type)
                : new CopyFlag(p.Other, p.Similarity, p.IsLater, false, null, null, null)))
            .ToLookup(p => p.Record, p => p.Flag);
    }
}
