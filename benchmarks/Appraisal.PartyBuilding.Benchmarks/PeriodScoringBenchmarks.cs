using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Testing;
using Appraisal.PartyBuilding.Web;
using Appraisal.PartyBuilding.Web.Features.Scoring;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.PartyBuilding.Benchmarks;

/// <summary>
/// What <c>POST /api/v1/periods/{id}/scoring?wait=true</c> does, end to end on a real database: read every branch
/// and its quarter of records, score, rank, and replace the stored results in one transaction. PostgreSQL runs when
/// APPRAISAL_TEST_POSTGRES names a server (benchmarks/run.sh starts one).
/// </summary>
[MemoryDiagnoser]
public class PeriodScoringBenchmarks
{
    private TestDatabase database = null!;
    private WebApplication app = null!;
    private int periodId;

    [ParamsSource(nameof(Providers))]
    public DatabaseProvider Provider { get; set; }

    [Params(1_000, 10_000)]
    public int Branches { get; set; }

    public static IEnumerable<DatabaseProvider> Providers =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable))
            ? [DatabaseProvider.Sqlite]
            : [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [Benchmark]
    public int ScorePeriod() => ScoreAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        database.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private async Task SetupAsync()
    {
        database = await TestDatabase.CreateMigratedAsync(Provider);
        app = AppHost.Build(
        [
            $"--Database:Provider={database.Options.Provider}",
            $"--Database:ConnectionString={database.Options.ConnectionString}",
            $"--Packs:Path={BenchmarkPaths.Packs}",
            "--Logging:LogLevel:Default=Warning",
            "--Audit:ChainKey=benchmark audit chain key, generated data only",
        ]);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppraisalDbContext>();
        await GeneratedOrganization.AddAsync(db, Branches);
        var catalog = scope.ServiceProvider.GetRequiredService<PackCatalog>();
        var period = new Period
        {
            Year = GeneratedOrganization.Quarter.Year,
            Quarter = GeneratedOrganization.Quarter.Number,
            OpenedAt = DateTimeOffset.UtcNow,
            OpenedBy = "benchmark",
            Packs = catalog.Packs.Select(p => new PinnedPack { PackId = p.Manifest.Id, Version = p.Manifest.Version }).ToList(),
        };
        db.Periods.Add(period);
        await db.SaveChangesAsync();
        periodId = period.Id;
    }

    private async Task<int> ScoreAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<PeriodScoring>().RunAsync(periodId, "benchmark", CancellationToken.None);
        return outcome.Error is null ? outcome.Scored : throw new InvalidOperationException(outcome.Error);
    }
}
