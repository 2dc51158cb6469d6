using System.Globalization;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Testing;
using Appraisal.PartyBuilding.Web;
using Appraisal.PartyBuilding.Web.Features.Scoring;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.PartyBuilding.Benchmarks;

/// <summary>
/// A generated province on a throwaway database with the app's services over it and an open period of the
/// generated quarter: what the scale benchmarks share. Sizes come from <c>APPRAISAL_BENCH_BRANCHES</c> (a comma
/// list, default 10000) so that 100,000 is run on purpose, not by accident.
/// </summary>
internal sealed class ScaleSetup : IAsyncDisposable
{
    private ScaleSetup(TestDatabase database, WebApplication app, int periodId)
    {
        Database = database;
        App = app;
        PeriodId = periodId;
    }

    public TestDatabase Database { get; }

    public WebApplication App { get; }

    public int PeriodId { get; }

    public static IEnumerable<int> Sizes =>
        (Environment.GetEnvironmentVariable("APPRAISAL_BENCH_BRANCHES") ?? "10000")
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(s => int.Parse(s, CultureInfo.InvariantCulture));

    public static async Task<ScaleSetup> CreateAsync(DatabaseProvider provider, int branches)
    {
        var database = await TestDatabase.CreateMigratedAsync(provider);
        var app = AppHost.Build(
        [
            $"--Database:Provider={database.Options.Provider}",
            $"--Database:ConnectionString={database.Options.ConnectionString}",
            $"--Packs:Path={BenchmarkPaths.Packs}",
            "--Scheduler:Enabled=false",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppraisalDbContext>();
        await GeneratedOrganization.AddAsync(db, branches);
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
        return new ScaleSetup(database, app, period.Id);
    }

    public async Task<int> ScoreAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<PeriodScoring>().RunAsync(PeriodId, "benchmark", CancellationToken.None);
        return outcome.Error is null ? outcome.Scored : throw new InvalidOperationException(outcome.Error);
    }

    public async Task WithDbAsync(Func<AppraisalDbContext, Task> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<AppraisalDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}
