using System.Data;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Appraisal.PartyBuilding.Data.Bulk;

/// <summary>
/// What every SQL Server bulk writer shares: <see cref="SqlBulkCopy"/> (the TDS bulk-load protocol, SQL Server's
/// counterpart of PostgreSQL's <c>COPY</c>) on the context's connection inside the caller's transaction, and plain
/// statements there. Instants are stored as UTC ticks like EF Core's converter stores them.
/// </summary>
internal static class SqlServerBulk
{
    public static (SqlConnection, SqlTransaction) Connection(AppraisalDbContext db) =>
        db.Database.CurrentTransaction is { } current
            ? ((SqlConnection)db.Database.GetDbConnection(), (SqlTransaction)current.GetDbTransaction())
            : throw new InvalidOperationException("Rows are written in bulk only inside a transaction.");

    public static async Task Copy(SqlConnection connection, SqlTransaction transaction, string table, DataTable rows, CancellationToken cancellationToken)
    {
        // CheckConstraints keeps the foreign keys trusted: without it SQL Server skips them and marks them untrusted.
        using var copy = new SqlBulkCopy(connection, SqlBulkCopyOptions.CheckConstraints, transaction)
        {
            DestinationTableName = table,
            BatchSize = 0,
            BulkCopyTimeout = 0,
        };
        foreach (DataColumn column in rows.Columns)
        {
            copy.ColumnMappings.Add(column.ColumnName, column.ColumnName);
        }

        await copy.WriteToServerAsync(rows, cancellationToken);
    }

    public static async Task Execute(SqlConnection connection, SqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new SqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
