using Appraisal.PartyBuilding.Core.Auditing;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Data.Auditing;

/// <summary>The outcome of checking the audit chain: how many entries were checked and the first broken one, if any.</summary>
/// <param name="Checked">Entries whose hash was recomputed and matched before the first break.</param>
/// <param name="BrokenSequence">The chain position where the chain first breaks (null when intact).</param>
/// <param name="BrokenId">The row id of the first broken entry, when there is such a row (a truncation has none).</param>
/// <param name="Reason">Why it is broken, in Chinese (null when intact).</param>
public sealed record AuditVerification(long Checked, long? BrokenSequence, long? BrokenId, string? Reason)
{
    public bool Intact => Reason is null;
}

/// <summary>
/// Walks the whole audit log in chain order and recomputes every hash with the key: an edited entry (its hash no
/// longer matches), a deleted or inserted one (a gap or a foreign position), reordered ones (a position hashed into
/// another entry), an unsealed one, and deleted newest entries (the head, with its own keyed seal, points past the
/// end) are each reported as the first broken entry.
/// </summary>
public static class AuditChainVerifier
{
    public static async Task<AuditVerification> VerifyAsync(AppraisalDbContext db, AuditChain chain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(chain);
        var head = await db.AuditChainHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == AuditChainHead.SingleId, cancellationToken);
        if (head is not null && !AuditChain.Same(head.Seal, chain.SealOf(head.Sequence, head.Hash)))
        {
            return new(0, head.Sequence, null, $"链头记录（第{head.Sequence}条）的校验值不符：链头被改动，或使用了错误的密钥");
        }

        var unsealed = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence == null || a.Hash == null)
            .OrderBy(a => a.Id).Select(a => (long?)a.Id).FirstOrDefaultAsync(cancellationToken);
        if (unsealed is { } unsealedId && head is not null)
        {
            return new(0, null, unsealedId, $"编号{unsealedId}的记录没有链式校验值：它是绕过系统直接写入数据库的");
        }

        var expected = 0L;
        var previous = AuditChain.Genesis;
        await foreach (var entry in db.AuditEntries.AsNoTracking().Where(a => a.Sequence != null).OrderBy(a => a.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            expected++;
            if (entry.Sequence != expected)
            {
                return new(expected - 1, expected, entry.Id, entry.Sequence > expected
                    ? $"第{expected}条记录缺失（下一条是第{entry.Sequence}条，编号{entry.Id}）：记录被删除"
                    : $"第{entry.Sequence}条记录（编号{entry.Id}）的序号重复或倒退：记录被插入或调换");
            }

            if (!AuditChain.Same(entry.Hash, chain.HashOf(entry, expected, previous)))
            {
                return new(expected - 1, expected, entry.Id, $"第{expected}条记录（编号{entry.Id}）的校验值不符：该记录被修改、调换了顺序，或它之前的记录被删除");
            }

            previous = entry.Hash!;
        }

        if (head is null)
        {
            return expected == 0
                ? new(0, null, null, null)
                : new(expected, expected, null, "找不到链头记录：链头被删除");
        }

        if (head.Sequence > expected)
        {
            return new(expected, expected + 1, null, $"链头记录显示共有{head.Sequence}条，表中只有{expected}条：最新的{head.Sequence - expected}条记录被删除（截断）");
        }

        if (head.Sequence < expected || !AuditChain.Same(head.Hash, previous))
        {
            return new(head.Sequence, head.Sequence + 1, null, $"链头记录显示共有{head.Sequence}条，与表中的{expected}条不符：链头被回退或记录被追加");
        }

        return new(expected, null, null, null);
    }
}
