using Appraisal.PartyBuilding.Core.Rectification;

namespace Appraisal.PartyBuilding.Data.Rectification;

/// <summary>
/// Writes new rectification items with their history, and reminders, in bulk, bypassing EF Core's change tracker:
/// finalising a province's period lists over a million items, and the first reminder run sends one for each; tracking
/// them took minutes and gigabytes (issue 11). One implementation per provider (<see cref="DatabaseRegistration"/>
/// chooses it). Every call runs on the context's connection inside its current transaction, which the caller must have
/// begun, so that the rows commit or roll back with the rest of the caller's work.
/// </summary>
public interface IRectificationWriter
{
    /// <summary>
    /// Inserts the items, all of one period, with the entries of their <see cref="RectificationItem.History"/>. Keys are
    /// assigned by the database; the objects are not updated with them. An item whose (period, branch, indicator) is
    /// already stored fails the whole call on the unique index.
    /// </summary>
    Task InsertItemsAsync(AppraisalDbContext db, IReadOnlyList<RectificationItem> items, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts the reminders. Keys are assigned by the database; the objects are not updated with them. A reminder whose
    /// (item, kind, deadline) is already stored fails the whole call on the unique index (a concurrent run sent it).
    /// </summary>
    Task InsertRemindersAsync(AppraisalDbContext db, IReadOnlyList<RectificationReminder> reminders, CancellationToken cancellationToken);
}
