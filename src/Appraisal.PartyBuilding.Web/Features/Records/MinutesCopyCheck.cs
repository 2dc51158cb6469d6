using Appraisal.PartyBuilding.Core.Meetings;
using Appraisal.PartyBuilding.Data;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Records;

/// <summary>
/// Flags minutes that nearly duplicate another meeting's (same branch or another; 痕迹主义). A record's MinHash band
/// hashes are stored in an indexed table; only records sharing a band hash are read and compared exactly
/// (<see cref="MinutesSimilarity"/>), so the cost does not grow with every record ever stored.
/// </summary>
public sealed class MinutesCopyCheck(AppraisalDbContext db, TimeProvider clock)
{
    /// <summary>At most this many candidates (most shared bands first) are compared exactly.</summary>
    public const int MaxCandidates = 100;

    /// <summary>At most this many matches are kept per record (the most similar).</summary>
    public const int MaxMatches = 5;

    /// <summary>
    /// Replaces a saved record's bands and matches after its minutes were entered or changed. Runs inside the caller's
    /// transaction; the caller saves.
    /// </summary>
    public async Task RefreshAsync(MeetingRecord record, CancellationToken cancellationToken)
    {
        await db.MinutesBands.Where(b => b.MeetingRecordId == record.Id).ExecuteDeleteAsync(cancellationToken);
        await db.MinutesMatches.Where(m => m.MeetingRecordId == record.Id).ExecuteDeleteAsync(cancellationToken);

        var normalized = MinutesSimilarity.Normalize(record.Minutes);
        if (!MinutesSimilarity.IsComparable(normalized))
        {
            return;
        }

        var shingles = MinutesSimilarity.Shingles(normalized);
        var bands = MinutesSimilarity.BandHashes(MinutesSimilarity.Signature(shingles));
        for (var band = 0; band < bands.Length; band++)
        {
            db.MinutesBands.Add(new MinutesBand { MeetingRecordId = record.Id, Band = band, Hash = bands[band] });
        }

        var hashes = bands.Distinct().ToList();
        var hits = await db.MinutesBands.AsNoTracking()
            .Where(b => hashes.Contains(b.Hash) && b.MeetingRecordId != record.Id)
            .Select(b => new { b.MeetingRecordId, b.Band, b.Hash })
            .ToListAsync(cancellationToken);
        var candidates = hits
            .Where(h => h.Band >= 0 && h.Band < bands.Length && bands[h.Band] == h.Hash)
            .GroupBy(h => h.MeetingRecordId)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
            .Take(MaxCandidates)
            .Select(g => g.Key)
            .ToList();
        if (candidates.Count == 0)
        {
            return;
        }

        var others = await db.MeetingRecords.AsNoTracking()
            .Where(r => candidates.Contains(r.Id))
            .Select(r => new { r.Id, r.Minutes })
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var matches = others
            .Select(o => (o.Id, Similarity: MinutesSimilarity.Jaccard(shingles, MinutesSimilarity.Shingles(MinutesSimilarity.Normalize(o.Minutes)))))
            .Where(o => o.Similarity >= MinutesSimilarity.Threshold)
            .OrderByDescending(o => o.Similarity).ThenBy(o => o.Id)
            .Take(MaxMatches);
        foreach (var (otherId, similarity) in matches)
        {
            db.MinutesMatches.Add(new MinutesMatch
            {
                MeetingRecordId = record.Id,
                OtherRecordId = otherId,
                Similarity = Math.Round((decimal)similarity, 4, MidpointRounding.ToZero),
                FoundAt = now,
            });
        }
    }
}
