using System.Data;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data.Bulk;
using Microsoft.Data.SqlClient;

namespace Appraisal.PartyBuilding.Data.Results;

/// <summary>
/// SQL Server: <see cref="SqlBulkCopy"/> (the TDS bulk-load protocol, SQL Server's counterpart of PostgreSQL's
/// <c>COPY</c>) for results, indicators and ranks, inside the caller's transaction. Instants are stored as UTC ticks
/// like EF Core's converter stores them. Compiled here but not run against a server (none runs on the build
/// machine); the other two providers are tested.
/// </summary>
public sealed class SqlServerBranchResultWriter : IBranchResultWriter
{
    public async Task InsertAsync(AppraisalDbContext db, IReadOnlyList<BranchResult> results, CancellationToken cancellationToken)
    {
        if (results.Count == 0)
        {
            return;
        }

        var (connection, transaction) = SqlServerBulk.Connection(db);
        var resultRows = new DataTable();
        resultRows.Columns.Add("PeriodId", typeof(int));
        resultRows.Columns.Add("BranchId", typeof(int));
        resultRows.Columns.Add("CategoryCode", typeof(string));
        resultRows.Columns.Add("Total", typeof(decimal));
        resultRows.Columns.Add("MaxPoints", typeof(decimal));
        resultRows.Columns.Add("Grade", typeof(string));
        resultRows.Columns.Add("Rank", typeof(int));
        resultRows.Columns.Add("Percentile", typeof(decimal));
        resultRows.Columns.Add("GradeExplanation", typeof(string));
        resultRows.Columns.Add("ComputedAt", typeof(long));
        foreach (var r in results)
        {
            resultRows.Rows.Add(r.PeriodId, r.BranchId, r.CategoryCode, r.Total, r.MaxPoints, r.Grade, r.Rank, r.Percentile, r.GradeExplanation, r.ComputedAt.UtcTicks);
        }

        await SqlServerBulk.Copy(connection, transaction, "[BranchResults]", resultRows, cancellationToken);

        // The keys the bulk load assigned, found again by the (period, branch) unique index; the branch ids travel as
        // one JSON array because a statement takes at most 2,100 parameters.
        var ids = new Dictionary<int, long>(results.Count);
        await using (var select = new SqlCommand(
            "SELECT [BranchId], [Id] FROM [BranchResults] WHERE [PeriodId] = @period AND [BranchId] IN (SELECT CAST([value] AS int) FROM OPENJSON(@branches))",
            connection,
            transaction))
        {
            select.Parameters.Add(new SqlParameter("@period", SqlDbType.Int) { Value = results[0].PeriodId });
            select.Parameters.Add(new SqlParameter("@branches", SqlDbType.NVarChar, -1)
            {
                Value = System.Text.Json.JsonSerializer.Serialize(results.Select(r => r.BranchId)),
            });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids[reader.GetInt32(0)] = reader.GetInt64(1);
            }
        }

        var indicatorRows = new DataTable();
        indicatorRows.Columns.Add("BranchResultId", typeof(long));
        indicatorRows.Columns.Add("PeriodId", typeof(int));
        indicatorRows.Columns.Add("Code", typeof(string));
        indicatorRows.Columns.Add("DimensionCode", typeof(string));
        indicatorRows.Columns.Add("Score", typeof(decimal));
        indicatorRows.Columns.Add("MaxScore", typeof(decimal));
        indicatorRows.Columns.Add("Explanation", typeof(string));
        indicatorRows.Columns.Add("VetoTriggered", typeof(bool));
        foreach (var r in results)
        {
            var id = ids[r.BranchId];
            foreach (var i in r.Indicators)
            {
                indicatorRows.Rows.Add(id, r.PeriodId, i.Code, i.DimensionCode, i.Score, i.MaxScore, i.Explanation, i.VetoTriggered);
            }
        }

        await SqlServerBulk.Copy(connection, transaction, "[BranchIndicatorScores]", indicatorRows, cancellationToken);
    }

    public async Task SetRanksAsync(AppraisalDbContext db, IReadOnlyList<ResultRank> ranks, CancellationToken cancellationToken)
    {
        if (ranks.Count == 0)
        {
            return;
        }

        // Bulk-load a temporary table, then one UPDATE joining it: one statement instead of one per result.
        var (connection, transaction) = SqlServerBulk.Connection(db);
        await SqlServerBulk.Execute(connection, transaction, "CREATE TABLE [#RankUpdate] ([Id] bigint PRIMARY KEY, [Rank] int NOT NULL, [Percentile] decimal(5,2) NOT NULL)", cancellationToken);
        var rows = new DataTable();
        rows.Columns.Add("Id", typeof(long));
        rows.Columns.Add("Rank", typeof(int));
        rows.Columns.Add("Percentile", typeof(decimal));
        foreach (var rank in ranks)
        {
            rows.Rows.Add(rank.ResultId, rank.Rank, rank.Percentile);
        }

        await SqlServerBulk.Copy(connection, transaction, "[#RankUpdate]", rows, cancellationToken);
        await SqlServerBulk.Execute(connection, transaction, "UPDATE r SET r.[Rank] = u.[Rank], r.[Percentile] = u.[Percentile] FROM [BranchResults] AS r INNER JOIN [#RankUpdate] AS u ON r.[Id] = u.[Id]", cancellationToken);
        await SqlServerBulk.Execute(connection, transaction, "DROP TABLE [#RankUpdate]", cancellationToken);
    }
}
