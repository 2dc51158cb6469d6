using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data.Bulk;

namespace Appraisal.PartyBuilding.Data.Results;

/// <summary>SQLite: prepared inserts reused for every row, inside the caller's transaction (<see cref="SqliteBulk"/>).</summary>
public sealed class SqliteBranchResultWriter : IBranchResultWriter
{
    public async Task InsertAsync(AppraisalDbContext db, IReadOnlyList<BranchResult> results, CancellationToken cancellationToken)
    {
        if (results.Count == 0)
        {
            return;
        }

        var (connection, transaction) = SqliteBulk.Connection(db);
        await using var result = SqliteBulk.Prepare(
            connection,
            transaction,
            """INSERT INTO "BranchResults" ("PeriodId", "BranchId", "CategoryCode", "Total", "MaxPoints", "Grade", "Rank", "Percentile", "GradeExplanation", "ComputedAt") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING "Id" """,
            10);
        await using var indicator = SqliteBulk.Prepare(
            connection,
            transaction,
            """INSERT INTO "BranchIndicatorScores" ("BranchResultId", "PeriodId", "Code", "DimensionCode", "Score", "MaxScore", "Explanation", "VetoTriggered") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""",
            8);
        foreach (var r in results)
        {
            SqliteBulk.Bind(result, r.PeriodId, r.BranchId, r.CategoryCode, r.Total, r.MaxPoints, r.Grade, r.Rank, r.Percentile, r.GradeExplanation, r.ComputedAt.UtcTicks);
            var id = (long)(await result.ExecuteScalarAsync(cancellationToken))!;
            foreach (var i in r.Indicators)
            {
                SqliteBulk.Bind(indicator, id, r.PeriodId, i.Code, i.DimensionCode, i.Score, i.MaxScore, i.Explanation, i.VetoTriggered);
                await indicator.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    public async Task SetRanksAsync(AppraisalDbContext db, IReadOnlyList<ResultRank> ranks, CancellationToken cancellationToken)
    {
        var (connection, transaction) = SqliteBulk.Connection(db);
        await using var update = SqliteBulk.Prepare(connection, transaction, """UPDATE "BranchResults" SET "Rank" = $2, "Percentile" = $3 WHERE "Id" = $1""", 3);
        foreach (var rank in ranks)
        {
            SqliteBulk.Bind(update, rank.ResultId, rank.Rank, rank.Percentile);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
