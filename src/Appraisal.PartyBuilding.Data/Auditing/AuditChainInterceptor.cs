using System.Runtime.CompilerServices;
using Appraisal.PartyBuilding.Core.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Appraisal.PartyBuilding.Data.Auditing;

/// <summary>
/// Seals new audit entries as they are saved: takes the append lock, reads the chain head, gives each new entry the
/// next position and its chained hash, and moves the head — all in the transaction that saves the entries, so the
/// chain stays single and gapless under concurrent writers and a rolled-back change leaves no trace in it. When the
/// caller has no transaction, one is opened here and committed after the save.
/// </summary>
public sealed class AuditChainInterceptor(AuditChain chain) : SaveChangesInterceptor
{
    private sealed class Pending
    {
        public long Sequence { get; init; }

        public required string Hash { get; init; }

        public IDbContextTransaction? OwnTransaction { get; init; }
    }

    private readonly ConditionalWeakTable<DbContext, Pending> pending = [];

    /// <summary>The synchronous path (the key ring's) writes no audit entries; sealing needs the asynchronous one.</summary>
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        eventData.Context!.ChangeTracker.Entries<AuditEntry>().Any(e => e.State == EntityState.Added)
            ? throw new NotSupportedException("Audit entries are saved with SaveChangesAsync.")
            : result;

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        var context = eventData.Context!;
        var added = context.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (added.Count == 0)
        {
            return result;
        }

        var own = context.Database.CurrentTransaction is null ? await context.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            await AuditChainStore.LockAsync(context, cancellationToken);
            var head = await AuditChainStore.ReadHeadAsync(context, cancellationToken);
            var (sequence, hash) = head is null ? await AuditChainStore.SealLegacyAsync(context, chain, cancellationToken) : (head.Sequence, head.Hash);
            foreach (var entry in added.OrderBy(e => e.At))
            {
                entry.Sequence = ++sequence;
                entry.Hash = chain.HashOf(entry, sequence, hash);
                hash = entry.Hash;
            }

            pending.AddOrUpdate(context, new Pending { Sequence = sequence, Hash = hash, OwnTransaction = own });
            return result;
        }
        catch
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }

            throw;
        }
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        var context = eventData.Context!;
        if (!pending.TryGetValue(context, out var state))
        {
            return result;
        }

        pending.Remove(context);
        try
        {
            await AuditChainStore.WriteHeadAsync(context, chain, state.Sequence, state.Hash, cancellationToken);
            if (state.OwnTransaction is not null)
            {
                await state.OwnTransaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            if (state.OwnTransaction is not null)
            {
                await state.OwnTransaction.DisposeAsync();
            }
        }

        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        var context = eventData.Context!;
        if (pending.TryGetValue(context, out var state))
        {
            pending.Remove(context);
            if (state.OwnTransaction is not null)
            {
                await state.OwnTransaction.DisposeAsync();
            }
        }
    }
}
