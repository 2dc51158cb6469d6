using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Testing;
using BenchmarkDotNet.Attributes;

namespace Appraisal.PartyBuilding.Benchmarks;

/// <summary>
/// What <c>POST /api/v1/periods/{id}/scoring?wait=true</c> does, end to end on a real database: read every branch
/// and its quarter of records, score, rank, and replace the stored results in one transaction. PostgreSQL runs when
/// APPRAISAL_TEST_POSTGRES names a server (benchmarks/run.sh starts one).
/// </summary>
[MemoryDiagnoser]
public class PeriodScoringBenchmarks
{
    private ScaleSetup setup = null!;

    [ParamsSource(nameof(Providers))]
    public DatabaseProvider Provider { get; set; }

    [Params(1_000, 10_000)]
    public int Branches { get; set; }

    public static IEnumerable<DatabaseProvider> Providers =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable))
            ? [DatabaseProvider.Sqlite]
            : [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    [GlobalSetup]
    public void Setup() => setup = ScaleSetup.CreateAsync(Provider, Branches).GetAwaiter().GetResult();

    [Benchmark]
    public int ScorePeriod() => setup.ScoreAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => setup.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
