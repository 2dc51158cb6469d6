using Appraisal.PartyBuilding.Core.Periods;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Appraisal.PartyBuilding.Data.Results;

/// <summary>
/// SQLite: prepared inserts reused for every row, inside the caller's transaction (SQLite has no bulk protocol; a
/// prepared statement in one transaction is its fast path). Values are bound the way EF Core binds them (decimals
/// as invariant text, instants as UTC ticks), so the stored rows are the same as EF Core's.
/// </summary>
public sealed class SqliteBranchResultWriter : IBranchResultWriter
{
    public async Task InsertAsync(AppraisalDbContext db, IReadOnlyList<BranchResult> results, CancellationToken cancellationToken)
    {
        if (results.Count == 0)
        {
            return;
        }

        var (connection, transaction) = Connection(db);
        await using var result = Prepare(
            connection,
            transaction,
            """INSERT INTO "BranchResults" ("PeriodId", "BranchId", "CategoryCode", "Total", "MaxPoints", "Grade", "Rank", "Percentile", "GradeExplanation", "ComputedAt") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING "Id" """,
            10);
        await using var indicator = Prepare(
            connection,
            transaction,
            """INSERT INTO "BranchIndicatorScores" ("BranchResultId", "Code", "DimensionCode", "Score", "MaxScore", "Explanation", "VetoTriggered") VALUES ($1, $2, $3, $4, $5, $6, $7)""",
            7);
        foreach (var r in results)
        {
            Bind(result, r.PeriodId, r.BranchId, r.CategoryCode, r.Total, r.MaxPoints, r.Grade, r.Rank, r.Percentile, r.GradeExplanation, r.ComputedAt.UtcTicks);
            var id = (long)(await result.ExecuteScalarAsync(cancellationToken))!;
            foreach (var i in r.Indicators)
            {
                Bind(indicator, id, i.Code, i.DimensionCode, i.Score, i.MaxScore, i.Explanation, i.VetoTriggered);
                await indicator.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    public async Task SetRanksAsync(AppraisalDbContext db, IReadOnlyList<ResultRank> ranks, CancellationToken cancellationToken)
    {
        var (connection, transaction) = Connection(db);
        await using var update = Prepare(connection, transaction, """UPDATE "BranchResults" SET "Rank" = $2, "Percentile" = $3 WHERE "Id" = $1""", 3);
        foreach (var rank in ranks)
        {
            Bind(update, rank.ResultId, rank.Rank, rank.Percentile);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static (SqliteConnection, SqliteTransaction) Connection(AppraisalDbContext db) =>
        db.Database.CurrentTransaction is { } current
            ? ((SqliteConnection)db.Database.GetDbConnection(), (SqliteTransaction)current.GetDbTransaction())
            : throw new InvalidOperationException("Results are written in bulk only inside a transaction.");

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, int parameters)
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

    private static void Bind(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }
    }
}
