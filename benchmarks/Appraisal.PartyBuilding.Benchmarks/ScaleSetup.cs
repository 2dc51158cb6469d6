using System.Diagnostics;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Testing;
using Appraisal.PartyBuilding.Web;
using Appraisal.PartyBuilding.Web.Features.Account;
using Appraisal.PartyBuilding.Web.Features.Scoring;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.PartyBuilding.Benchmarks;

/// <summary>
/// A generated province (<see cref="Province"/>, written in bulk) on a throwaway database, the app's services over it,
/// an open period of the generated quarter and three accounts (a root 组织部 org-admin, a root 党委领导 leader, the
/// secretary of the first branch): what every scale benchmark shares, the BenchmarkDotNet ones and the verbs.
/// </summary>
internal sealed class ScaleSetup : IAsyncDisposable
{
    public const string AdminLogin = "bench-admin";
    public const string LeaderLogin = "bench-leader";
    public const string SecretaryLogin = "bench-secretary";
    public const string Password = "Bench-Passw0rd!2026";
    public const string AuditKey = "benchmark audit chain key, generated data only";

    private ScaleSetup(TestDatabase database, WebApplication app, int periodId, TimeSpan generated, long records)
    {
        Database = database;
        App = app;
        PeriodId = periodId;
        Generated = generated;
        Records = records;
    }

    public TestDatabase Database { get; }

    public WebApplication App { get; }

    public int PeriodId { get; }

    /// <summary>How long writing the province took.</summary>
    public TimeSpan Generated { get; }

    public long Records { get; }

    /// <summary>The app's settings over <paramref name="database"/>: no scheduler, the repository's packs.</summary>
    public static string[] AppArguments(DatabaseOptions database) =>
    [
        $"--Database:Provider={database.Provider}",
        $"--Database:ConnectionString={database.ConnectionString}",
        $"--Packs:Path={BenchmarkPaths.Packs}",
        "--Scheduler:Enabled=false",
        "--Logging:LogLevel:Default=Warning",
        $"--Audit:ChainKey={AuditKey}",
    ];

    public static async Task<ScaleSetup> CreateAsync(DatabaseProvider provider, int branches)
    {
        var database = await TestDatabase.CreateMigratedAsync(provider);
        var clock = Stopwatch.StartNew();
        var records = await Province.WriteAsync(database.Options, branches);
        var generated = clock.Elapsed;
        var app = AppHost.Build(AppArguments(database.Options));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppraisalDbContext>();
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
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        foreach (var (login, role, organization) in new[]
                 {
                     (AdminLogin, Role.OrgAdmin, Organization.RootCode),
                     (LeaderLogin, Role.Leader, Organization.RootCode),
                     (SecretaryLogin, Role.Secretary, Province.BranchCode(0)),
                 })
        {
            var (user, error) = await accounts.AddUserAsync("benchmark", login, Password, role, organization);
            _ = user ?? throw new InvalidOperationException(error);
        }

        return new ScaleSetup(database, app, period.Id, generated, records);
    }

    public async Task<int> ScoreAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<PeriodScoring>().RunAsync(PeriodId, "benchmark", CancellationToken.None);
        return outcome.Error is null ? outcome.Scored : throw new InvalidOperationException(outcome.Error);
    }

    /// <summary>Publishes the scored period as the root 组织部 would (unscored manual indicators confirmed).</summary>
    public async Task PublishAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<Web.Features.Cycle.PeriodTransitions>()
            .MoveAsync(PeriodId, PeriodState.Published, PeriodActor.OrgAdmin, AdminLogin, false, CancellationToken.None, confirmMissingManualScores: true);
        _ = result.Error is null ? result : throw new InvalidOperationException(result.Error);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}
