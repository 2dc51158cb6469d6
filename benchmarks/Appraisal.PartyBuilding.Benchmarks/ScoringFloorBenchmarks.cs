using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Testing;
using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Appraisal.PartyBuilding.Benchmarks;

/// <summary>
/// Issue 11, goal 1: a whole period's scoring on PostgreSQL (read the evidence, score, rank, store) against its floor:
/// one SQL <c>GROUP BY</c> of the quarter's meeting records plus a binary <c>COPY</c> of the very result rows the
/// scoring stores. Both start from a period without results (the iteration setup deletes them and vacuums, untimed).
/// BenchmarkDotNet's Ratio column is scoring ÷ floor; peak memory goes to artifacts/benchmarks/peak-memory.md.
/// </summary>
[MemoryDiagnoser]
public class ScoringFloorBenchmarks
{
    private ScaleSetup setup = null!;
    private object?[][] results = [];
    private object?[][] indicators = [];
    private PeakMemory? peak;

    [ParamsSource(nameof(Sizes))]
    public int Branches { get; set; }

    public static IEnumerable<int> Sizes => ScaleSetup.Sizes;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [IterationSetup(Target = nameof(Floor))]
    public void ClearForFloor() => ClearResults("floor");

    [IterationSetup(Target = nameof(ScorePeriod))]
    public void ClearForScoring() => ClearResults("scoring");

    [IterationCleanup]
    public void RecordPeak() => peak?.Dispose();

    [Benchmark(Baseline = true)]
    public int Floor() => FloorAsync().GetAwaiter().GetResult();

    [Benchmark]
    public int ScorePeriod() => setup.ScoreAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => setup.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        setup = await ScaleSetup.CreateAsync(DatabaseProvider.PostgreSql, Branches);
        await setup.ScoreAsync();

        // The floor copies exactly the rows one scoring stored, under keys of its own far above the identity's.
        await using var connection = await OpenAsync();
        results = await ReadAsync(connection, $"""SELECT "Id" + 1000000000, "PeriodId", "BranchId", "CategoryCode", "Total", "MaxPoints", "Grade", "Rank", "Percentile", "GradeExplanation", "ComputedAt" FROM "BranchResults" WHERE "PeriodId" = {setup.PeriodId}""");
        indicators = await ReadAsync(connection, $"""SELECT i."BranchResultId" + 1000000000, i."Code", i."DimensionCode", i."Score", i."MaxScore", i."Explanation" FROM "BranchIndicatorScores" i JOIN "BranchResults" r ON r."Id" = i."BranchResultId" WHERE r."PeriodId" = {setup.PeriodId} ORDER BY i."Id" """);
    }

    private void ClearResults(string what)
    {
        ExecuteAsync($"""DELETE FROM "BranchResults" WHERE "PeriodId" = {setup.PeriodId}""").GetAwaiter().GetResult();
        ExecuteAsync("""VACUUM ANALYZE "BranchResults", "BranchIndicatorScores" """).GetAwaiter().GetResult();
        peak = PeakMemory.Start($"{what} {Branches:N0} PostgreSQL");
    }

    private async Task<int> FloorAsync()
    {
        await using var connection = await OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var quarter = GeneratedOrganization.Quarter;
        var groups = 0;
        await using (var count = new NpgsqlCommand("""SELECT "BranchId", "Type", count(*) FROM "MeetingRecords" WHERE "Date" >= $1 AND "Date" <= $2 GROUP BY "BranchId", "Type" """, connection, transaction))
        {
            count.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = new DateOnly(quarter.Year, 1, 1) });
            count.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = quarter.End });
            await using var reader = await count.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                groups += reader.GetInt32(0) > 0 ? 1 : 0;
            }
        }

        await CopyAsync(connection, """COPY "BranchResults" ("Id", "PeriodId", "BranchId", "CategoryCode", "Total", "MaxPoints", "Grade", "Rank", "Percentile", "GradeExplanation", "ComputedAt") FROM STDIN (FORMAT BINARY)""", results);
        await CopyAsync(connection, """COPY "BranchIndicatorScores" ("BranchResultId", "Code", "DimensionCode", "Score", "MaxScore", "Explanation") FROM STDIN (FORMAT BINARY)""", indicators);
        await transaction.CommitAsync();
        return groups;
    }

    private static async Task CopyAsync(NpgsqlConnection connection, string copy, object?[][] rows)
    {
        await using var import = await connection.BeginBinaryImportAsync(copy);
        foreach (var row in rows)
        {
            await import.WriteRowAsync(default, row);
        }

        await import.CompleteAsync();
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(setup.Database.Options.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?[][]> ReadAsync(NpgsqlConnection connection, string sql)
    {
        var rows = new List<object?[]>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            rows.Add(row);
        }

        return rows.ToArray();
    }
}
