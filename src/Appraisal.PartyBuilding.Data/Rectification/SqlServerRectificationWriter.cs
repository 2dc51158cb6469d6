using System.Data;
using Appraisal.PartyBuilding.Core.Rectification;
using Appraisal.PartyBuilding.Data.Bulk;
using Microsoft.Data.SqlClient;

namespace Appraisal.PartyBuilding.Data.Rectification;

/// <summary>
/// SQL Server: <see cref="SqlBulkCopy"/> for the items, then for their history entries, and for reminders, inside the
/// caller's transaction. Compiled here but not run against a server (none runs on the build machine); the other two
/// providers are tested.
/// </summary>
public sealed class SqlServerRectificationWriter : IRectificationWriter
{
    public async Task InsertItemsAsync(AppraisalDbContext db, IReadOnlyList<RectificationItem> items, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return;
        }

        var (connection, transaction) = SqlServerBulk.Connection(db);
        var itemRows = new DataTable();
        itemRows.Columns.Add("PeriodId", typeof(int));
        itemRows.Columns.Add("BranchId", typeof(int));
        itemRows.Columns.Add("IndicatorCode", typeof(string));
        itemRows.Columns.Add("IndicatorName", typeof(string));
        itemRows.Columns.Add("Score", typeof(decimal));
        itemRows.Columns.Add("MaxScore", typeof(decimal));
        itemRows.Columns.Add("PassScore", typeof(decimal));
        itemRows.Columns.Add("Reasons", typeof(string));
        itemRows.Columns.Add("OwnerLogin", typeof(string));
        itemRows.Columns.Add("Deadline", typeof(DateTime));
        itemRows.Columns.Add("State", typeof(string));
        itemRows.Columns.Add("CreatedAt", typeof(long));
        itemRows.Columns.Add("RecheckPeriodId", typeof(int));
        itemRows.Columns.Add("RecheckScore", typeof(decimal));
        foreach (var i in items)
        {
            itemRows.Rows.Add(
                i.PeriodId, i.BranchId, i.IndicatorCode, i.IndicatorName, i.Score, i.MaxScore, i.PassScore, i.Reasons, (object?)i.OwnerLogin ?? DBNull.Value,
                i.Deadline.ToDateTime(TimeOnly.MinValue), i.State.ToString(), i.CreatedAt.UtcTicks, (object?)i.RecheckPeriodId ?? DBNull.Value, (object?)i.RecheckScore ?? DBNull.Value);
        }

        await SqlServerBulk.Copy(connection, transaction, "[RectificationItems]", itemRows, cancellationToken);

        // The keys the bulk load assigned, found again by the (period, branch, indicator) unique index; the branch ids
        // travel as one JSON array because a statement takes at most 2,100 parameters.
        var ids = new Dictionary<(int, string), long>(items.Count);
        await using (var select = new SqlCommand(
            "SELECT [BranchId], [IndicatorCode], [Id] FROM [RectificationItems] WHERE [PeriodId] = @period AND [BranchId] IN (SELECT CAST([value] AS int) FROM OPENJSON(@branches))",
            connection,
            transaction))
        {
            select.Parameters.Add(new SqlParameter("@period", SqlDbType.Int) { Value = items[0].PeriodId });
            select.Parameters.Add(new SqlParameter("@branches", SqlDbType.NVarChar, -1)
            {
                Value = System.Text.Json.JsonSerializer.Serialize(items.Select(i => i.BranchId).Distinct()),
            });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids[(reader.GetInt32(0), reader.GetString(1))] = reader.GetInt64(2);
            }
        }

        var entryRows = new DataTable();
        entryRows.Columns.Add("ItemId", typeof(long));
        entryRows.Columns.Add("At", typeof(long));
        entryRows.Columns.Add("Actor", typeof(string));
        entryRows.Columns.Add("Kind", typeof(string));
        entryRows.Columns.Add("Text", typeof(string));
        foreach (var i in items)
        {
            var id = ids[(i.BranchId, i.IndicatorCode)];
            foreach (var e in i.History)
            {
                entryRows.Rows.Add(id, e.At.UtcTicks, e.Actor, e.Kind.ToString(), e.Text);
            }
        }

        await SqlServerBulk.Copy(connection, transaction, "[RectificationEntries]", entryRows, cancellationToken);
    }

    public async Task InsertRemindersAsync(AppraisalDbContext db, IReadOnlyList<RectificationReminder> reminders, CancellationToken cancellationToken)
    {
        if (reminders.Count == 0)
        {
            return;
        }

        var (connection, transaction) = SqlServerBulk.Connection(db);
        var rows = new DataTable();
        rows.Columns.Add("ItemId", typeof(long));
        rows.Columns.Add("Kind", typeof(string));
        rows.Columns.Add("Deadline", typeof(DateTime));
        rows.Columns.Add("RecipientOrganizationId", typeof(int));
        rows.Columns.Add("At", typeof(long));
        rows.Columns.Add("Message", typeof(string));
        foreach (var r in reminders)
        {
            rows.Rows.Add(r.ItemId, r.Kind.ToString(), r.Deadline.ToDateTime(TimeOnly.MinValue), r.RecipientOrganizationId, r.At.UtcTicks, r.Message);
        }

        await SqlServerBulk.Copy(connection, transaction, "[RectificationReminders]", rows, cancellationToken);
    }
}
