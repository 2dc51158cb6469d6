using Appraisal.PartyBuilding.Core.Rectification;

namespace Appraisal.PartyBuilding.Data.Rectification;

/// <summary>
/// Writes new rectification items with their history in bulk, bypassing EF Core's change tracker: finalising a
/// province's period lists hundreds of thousands of items, and tracking them took minutes and gigabytes (issue 11).
/// One implementation per provider (<see cref="DatabaseRegistration"/> chooses it). Every call runs on the context's
/// connection inside its current transaction, which the caller must have begun, so that the items commit or roll
/// back with the period's final move.
/// </summary>
public interface IRectificationItemWriter
{
    /// <summary>
    /// Inserts the items, all of one period, with the entries of their <see cref="RectificationItem.History"/>. Keys are
    /// assigned by the database; the objects are not updated with them. An item whose (period, branch, indicator) is
    /// already stored fails the whole call on the unique index.
    /// </summary>
    Task InsertAsync(AppraisalDbContext db, IReadOnlyList<RectificationItem> items, CancellationToken cancellationToken);
}
