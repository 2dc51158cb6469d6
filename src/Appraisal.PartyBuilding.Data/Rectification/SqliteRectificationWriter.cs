using Appraisal.PartyBuilding.Core.Rectification;
using Appraisal.PartyBuilding.Data.Bulk;

namespace Appraisal.PartyBuilding.Data.Rectification;

/// <summary>SQLite: prepared inserts reused for every row, inside the caller's transaction (<see cref="SqliteBulk"/>).</summary>
public sealed class SqliteRectificationWriter : IRectificationWriter
{
    public async Task InsertItemsAsync(AppraisalDbContext db, IReadOnlyList<RectificationItem> items, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return;
        }

        var (connection, transaction) = SqliteBulk.Connection(db);
        await using var item = SqliteBulk.Prepare(
            connection,
            transaction,
            """INSERT INTO "RectificationItems" ("PeriodId", "BranchId", "IndicatorCode", "IndicatorName", "Score", "MaxScore", "PassScore", "Reasons", "OwnerLogin", "Deadline", "State", "CreatedAt", "RecheckPeriodId", "RecheckScore") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING "Id" """,
            14);
        await using var entry = SqliteBulk.Prepare(
            connection,
            transaction,
            """INSERT INTO "RectificationEntries" ("ItemId", "At", "Actor", "Kind", "Text") VALUES ($1, $2, $3, $4, $5)""",
            5);
        foreach (var i in items)
        {
            SqliteBulk.Bind(item, i.PeriodId, i.BranchId, i.IndicatorCode, i.IndicatorName, i.Score, i.MaxScore, i.PassScore, i.Reasons, i.OwnerLogin, i.Deadline, i.State.ToString(), i.CreatedAt.UtcTicks, i.RecheckPeriodId, i.RecheckScore);
            var id = (long)(await item.ExecuteScalarAsync(cancellationToken))!;
            foreach (var e in i.History)
            {
                SqliteBulk.Bind(entry, id, e.At.UtcTicks, e.Actor, e.Kind.ToString(), e.Text);
                await entry.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    public async Task InsertRemindersAsync(AppraisalDbContext db, IReadOnlyList<RectificationReminder> reminders, CancellationToken cancellationToken)
    {
        if (reminders.Count == 0)
        {
            return;
        }

        var (connection, transaction) = SqliteBulk.Connection(db);
        await using var insert = SqliteBulk.Prepare(
            connection,
            transaction,
            """INSERT INTO "RectificationReminders" ("ItemId", "Kind", "Deadline", "RecipientOrganizationId", "At", "Message") VALUES ($1, $2, $3, $4, $5, $6)""",
            6);
        foreach (var r in reminders)
        {
            SqliteBulk.Bind(insert, r.ItemId, r.Kind.ToString(), r.Deadline, r.RecipientOrganizationId, r.At.UtcTicks, r.Message);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
