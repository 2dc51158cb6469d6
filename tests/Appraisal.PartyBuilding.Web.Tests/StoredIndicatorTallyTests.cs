using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Core.Reports;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Features.Reports;
using Appraisal.PartyBuilding.Web.Features.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// Issue 11, goal 4: a period's indicator tally (what the organization-wide report's indicator table counts) is stored
/// by the scoring that wrote the results, whole or split, and the root's report reads it instead of grouping every
/// indicator row. Any change of results deletes it (<see cref="AppraisalDbContext.NoteResultsChangedAsync"/>, as an
/// upheld appeal calls it, and each part of a split scoring), so that no report reads a tally of other results.
/// </summary>
public abstract class StoredIndicatorTallyTests(DatabaseProvider provider)
{
    private const string Planted = "planted.by-the-test";

    [Fact]
    public async Task Scoring_stores_the_tally_the_root_report_reads_and_every_change_of_results_deletes_it()
    {
        await using var owned = await OwnedApp.StartAsync(provider);
        var app = owned.App;
        await CompletenessParityTests.GenerateAsync(app, 30);
        var periodId = await app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AppraisalDbContext>();
            var period = new Period
            {
                Year = 2026,
                Quarter = 3,
                OpenedAt = app.Clock.GetUtcNow(),
                OpenedBy = "test",
                Packs = services.GetRequiredService<PackCatalog>().Packs.Select(p => new PinnedPack { PackId = p.Manifest.Id, Version = p.Manifest.Version }).ToList(),
            };
            db.Periods.Add(period);
            await db.SaveChangesAsync();
            return period.Id;
        });

        await ScoreAsync(app, scoring => scoring.RunAsync(periodId, "test", CancellationToken.None));
        var stored = await StoredAsync(app, periodId);
        Assert.NotEmpty(stored);
        Assert.Equal(await CountedAsync(app, periodId), stored);

        // The root's report reads the stored lines: one planted in their place shows as the weakest indicator. A
        // sub-committee's report counts its own results' rows and knows nothing of it.
        await app.WithDbAsync(async db =>
        {
            await db.IndicatorTallies.Where(t => t.PeriodId == periodId).ExecuteDeleteAsync();
            db.IndicatorTallies.Add(StoredIndicatorTally.Of(periodId, new IndicatorTally(Planted, 5m, 30, 0m, 0, 30)));
            await db.SaveChangesAsync();
        });
        Assert.Contains(Planted, await WeakIndicatorsAsync(app, periodId, Organization.RootCode));
        Assert.DoesNotContain(Planted, await WeakIndicatorsAsync(app, periodId, "CP"));

        // A change of results (an upheld appeal raises the version the same way) deletes them: the report counts again.
        await app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.NoteResultsChangedAsync(periodId, CancellationToken.None);
            await transaction.CommitAsync();
        });
        Assert.Empty(await StoredAsync(app, periodId));
        var weak = await WeakIndicatorsAsync(app, periodId, Organization.RootCode);
        Assert.NotEmpty(weak);
        Assert.DoesNotContain(Planted, weak);

        // A split scoring: a part replaces some results and deletes the tally; the ranking step stores it again.
        await ScoreAsync(app, scoring => scoring.RunAsync(periodId, "test", CancellationToken.None));
        Assert.NotEmpty(await StoredAsync(app, periodId));
        await ScoreAsync(app, scoring => scoring.ScoreSubtreeAsync(periodId, "/ROOT/CP/", "test", CancellationToken.None));
        Assert.Empty(await StoredAsync(app, periodId));
        await ScoreAsync(app, scoring => scoring.RankAsync(periodId, "test", PeriodActor.OrgAdmin, CancellationToken.None));
        Assert.Equal(await CountedAsync(app, periodId), await StoredAsync(app, periodId));
    }

    private static Task ScoreAsync(AppFactory app, Func<PeriodScoring, Task<ScoringOutcome>> run) =>
        app.WithScopeAsync(async services =>
        {
            var outcome = await run(services.GetRequiredService<PeriodScoring>());
            Assert.Null(outcome.Error);
            return outcome;
        });

    private static Task<List<(string Code, decimal MaxScore, int Branches, decimal ScoreSum, int FullMarks, int Zero)>> StoredAsync(AppFactory app, int periodId) =>
        app.WithScopeAsync(async services =>
            (await services.GetRequiredService<AppraisalDbContext>().IndicatorTallies.AsNoTracking().Where(t => t.PeriodId == periodId).ToListAsync())
            .Select(t => (t.Code, t.MaxScore, t.Branches, t.ScoreSum, t.FullMarks, t.Zero))
            .OrderBy(t => t.Code, StringComparer.Ordinal).ThenBy(t => t.MaxScore)
            .ToList());

    /// <summary>The tally computed here from every stored indicator row of the period.</summary>
    private static Task<List<(string Code, decimal MaxScore, int Branches, decimal ScoreSum, int FullMarks, int Zero)>> CountedAsync(AppFactory app, int periodId) =>
        app.WithScopeAsync(async services =>
            (await services.GetRequiredService<AppraisalDbContext>().Set<BranchIndicatorScore>().AsNoTracking().Where(i => i.PeriodId == periodId).ToListAsync())
            .Where(i => i.MaxScore > 0)
            .GroupBy(i => (i.Code, i.MaxScore))
            .Select(g => (g.Key.Code, g.Key.MaxScore, g.Count(), g.Sum(i => i.Score), g.Count(i => i.Score >= i.MaxScore), g.Count(i => i.Score <= 0)))
            .OrderBy(t => t.Code, StringComparer.Ordinal).ThenBy(t => t.MaxScore)
            .ToList());

    private static Task<List<string>> WeakIndicatorsAsync(AppFactory app, int periodId, string organization) =>
        app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AppraisalDbContext>();
            var period = await db.Periods.Include(p => p.Packs).SingleAsync(p => p.Id == periodId);
            var node = await db.Organizations.SingleAsync(o => o.Code == organization);
            var report = await services.GetRequiredService<QuarterlyReports>().BuildAsync(period, node, CancellationToken.None);
            return report.WeakIndicators.Select(i => i.Code).ToList();
        });
}

public sealed class SqliteStoredIndicatorTallyTests() : StoredIndicatorTallyTests(DatabaseProvider.Sqlite);

public sealed class PostgresStoredIndicatorTallyTests() : StoredIndicatorTallyTests(DatabaseProvider.PostgreSql);
