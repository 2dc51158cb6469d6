using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Appraisal.PartyBuilding.Data;

/// <summary>Recognises the provider errors the app answers itself, the same way on every provider.</summary>
public static class DatabaseErrors
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;
    private const string PostgresUniqueViolation = "23505";

    /// <summary>SQL Server: a duplicate key in a unique index (2601) or a unique constraint (2627).</summary>
    private static readonly int[] SqlServerDuplicateKey = [2601, 2627];

    /// <summary>Whether a save failed because a unique index refused a row (e.g. a parallel insert of the same thing won).</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) =>
        exception?.InnerException is DbException inner && IsUniqueViolation(inner);

    /// <summary>The same, for a provider's own exception: a bulk write bypasses EF Core and is not wrapped.</summary>
    public static bool IsUniqueViolation(DbException exception) =>
        exception switch
        {
            SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint && sqlite.SqliteExtendedErrorCode == SqliteConstraintUnique,
            PostgresException postgres => postgres.SqlState == PostgresUniqueViolation,
            SqlException sqlServer => SqlServerDuplicateKey.Contains(sqlServer.Number),
            _ => false,
        };
}
