using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data.Bulk;
using Npgsql;
using NpgsqlTypes;

namespace Appraisal.PartyBuilding.Data.Results;

/// <summary>PostgreSQL: binary <c>COPY</c> (Npgsql's binary import) for results, indicators and ranks.</summary>
public sealed class PostgresBranchResultWriter : IBranchResultWriter
{
    public async Task InsertAsync(AppraisalDbContext db, IReadOnlyList<BranchResult> results, CancellationToken cancellationToken)
    {
        if (results.Count == 0)
        {
            return;
        }

        var connection = PostgresBulk.Connection(db);
        await using (var import = await connection.BeginBinaryImportAsync(
            """COPY "BranchResults" ("PeriodId", "BranchId", "CategoryCode", "Total", "MaxPoints", "Grade", "Rank", "Percentile", "GradeExplanation", "ComputedAt") FROM STDIN (FORMAT BINARY)""",
            cancellationToken))
        {
            foreach (var r in results)
            {
                await import.StartRowAsync(cancellationToken);
                await import.WriteAsync(r.PeriodId, NpgsqlDbType.Integer, cancellationToken);
                await import.WriteAsync(r.BranchId, NpgsqlDbType.Integer, cancellationToken);
                await import.WriteAsync(r.CategoryCode, NpgsqlDbType.Varchar, cancellationToken);
                await import.WriteAsync(r.Total, NpgsqlDbType.Numeric, cancellationToken);
                await import.WriteAsync(r.MaxPoints, NpgsqlDbType.Numeric, cancellationToken);
                await import.WriteAsync(r.Grade, NpgsqlDbType.Varchar, cancellationToken);
                await import.WriteAsync(r.Rank, NpgsqlDbType.Integer, cancellationToken);
                await import.WriteAsync(r.Percentile, NpgsqlDbType.Numeric, cancellationToken);
                await import.WriteAsync(r.GradeExplanation, NpgsqlDbType.Varchar, cancellationToken);
                await import.WriteAsync(r.ComputedAt.UtcTicks, NpgsqlDbType.Bigint, cancellationToken);
            }

            await import.CompleteAsync(cancellationToken);
        }

        // The keys COPY assigned, found again by the (period, branch) unique index.
        var ids = new Dictionary<int, long>(results.Count);
        await using (var select = new NpgsqlCommand(
            """SELECT "BranchId", "Id" FROM "BranchResults" WHERE "PeriodId" = $1 AND "BranchId" = ANY($2)""", connection))
        {
            select.Parameters.Add(new NpgsqlParameter<int> { TypedValue = results[0].PeriodId });
            select.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = results.Select(r => r.BranchId).ToArray() });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids[reader.GetInt32(0)] = reader.GetInt64(1);
            }
        }

        await using (var import = await connection.BeginBinaryImportAsync(
            """COPY "BranchIndicatorScores" ("BranchResultId", "PeriodId", "Code", "DimensionCode", "Score", "MaxScore", "Explanation", "VetoTriggered") FROM STDIN (FORMAT BINARY)""",
            cancellationToken))
        {
            foreach (var r in results)
            {
                var id = ids[r.BranchId];
                foreach (var i in r.Indicators)
                {
                    await import.StartRowAsync(cancellationToken);
                    await import.WriteAsync(id, NpgsqlDbType.Bigint, cancellationToken);
                    await import.WriteAsync(r.PeriodId, NpgsqlDbType.Integer, cancellationToken);
                    await import.WriteAsync(i.Code, NpgsqlDbType.Varchar, cancellationToken);
                    await import.WriteAsync(i.DimensionCode, NpgsqlDbType.Varchar, cancellationToken);
                    await import.WriteAsync(i.Score, NpgsqlDbType.Numeric, cancellationToken);
                    await import.WriteAsync(i.MaxScore, NpgsqlDbType.Numeric, cancellationToken);
                    await import.WriteAsync(i.Explanation, NpgsqlDbType.Varchar, cancellationToken);
                    await import.WriteAsync(i.VetoTriggered, NpgsqlDbType.Boolean, cancellationToken);
                }
            }

            await import.CompleteAsync(cancellationToken);
        }
    }

    public async Task SetRanksAsync(AppraisalDbContext db, IReadOnlyList<ResultRank> ranks, CancellationToken cancellationToken)
    {
        if (ranks.Count == 0)
        {
            return;
        }

        // COPY into a temporary table, then one UPDATE joining it: one statement instead of one per result.
        var connection = PostgresBulk.Connection(db);
        await PostgresBulk.Execute(connection, """CREATE TEMPORARY TABLE "RankUpdate" ("Id" bigint PRIMARY KEY, "Rank" integer NOT NULL, "Percentile" numeric(5,2) NOT NULL)""", cancellationToken);
        await using (var import = await connection.BeginBinaryImportAsync("""COPY "RankUpdate" ("Id", "Rank", "Percentile") FROM STDIN (FORMAT BINARY)""", cancellationToken))
        {
            foreach (var rank in ranks)
            {
                await import.StartRowAsync(cancellationToken);
                await import.WriteAsync(rank.ResultId, NpgsqlDbType.Bigint, cancellationToken);
                await import.WriteAsync(rank.Rank, NpgsqlDbType.Integer, cancellationToken);
                await import.WriteAsync(rank.Percentile, NpgsqlDbType.Numeric, cancellationToken);
            }

            await import.CompleteAsync(cancellationToken);
        }

        await PostgresBulk.Execute(connection, """UPDATE "BranchResults" AS r SET "Rank" = u."Rank", "Percentile" = u."Percentile" FROM "RankUpdate" AS u WHERE r."Id" = u."Id" """, cancellationToken);
        await PostgresBulk.Execute(connection, """DROP TABLE "RankUpdate" """, cancellationToken);
    }
}
