using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Appraisal.PartyBuilding.Data.Bulk;

/// <summary>
/// What every PostgreSQL bulk writer shares: the context's connection, only inside the caller's transaction (binary
/// <c>COPY</c> then commits or rolls back with the rest of the change), and plain statements on it.
/// </summary>
internal static class PostgresBulk
{
    public static NpgsqlConnection Connection(AppraisalDbContext db) =>
        db.Database.CurrentTransaction is null
            ? throw new InvalidOperationException("Rows are written in bulk only inside a transaction.")
            : (NpgsqlConnection)db.Database.GetDbConnection();

    public static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
