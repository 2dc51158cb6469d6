using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Appraisal.PartyBuilding.Data.Bulk;

/// <summary>
/// What every SQLite bulk writer shares: SQLite has no bulk protocol, so a statement prepared once and run for every
/// row inside the caller's transaction is its fast path. Values are bound the way EF Core binds them (decimals as
/// invariant text, instants as UTC ticks, enums as their names, dates as <c>yyyy-MM-dd</c>), so the stored rows are
/// the same as EF Core's.
/// </summary>
internal static class SqliteBulk
{
    public static (SqliteConnection, SqliteTransaction) Connection(AppraisalDbContext db) =>
        db.Database.CurrentTransaction is { } current
            ? ((SqliteConnection)db.Database.GetDbConnection(), (SqliteTransaction)current.GetDbTransaction())
            : throw new InvalidOperationException("Rows are written in bulk only inside a transaction.");

    public static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        for (var i = 1; i <= parameters; i++)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = "$" + i });
        }

        command.Prepare();
        return command;
    }

    public static void Bind(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}
