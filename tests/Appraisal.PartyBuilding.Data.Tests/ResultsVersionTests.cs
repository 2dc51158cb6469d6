using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Core.Reports;
using Appraisal.PartyBuilding.Testing;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Data.Tests;

/// <summary>
/// Issue 11: the period's results version keys every node's cached category sizes, so writers at the same time must
/// each get a version of their own: no increment may be lost to another.
/// </summary>
public sealed class ResultsVersionTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Concurrent_writers_each_raise_the_results_version_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        int periodId;
        await using (var context = database.NewContext())
        {
            var period = new Period { Year = 2026, Quarter = 3, OpenedBy = "test" };
            context.Periods.Add(period);
            await context.SaveChangesAsync();
            periodId = period.Id;
        }

        const int writers = 8;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            await using var context = database.NewContext();
            await using var transaction = await context.Database.BeginTransactionAsync();
            Assert.Equal(1, await context.NoteResultsChangedAsync(periodId, CancellationToken.None));
            await transaction.CommitAsync();
        })));

        await using var reader = database.NewContext();
        Assert.Equal(writers, await reader.Periods.Where(p => p.Id == periodId).Select(p => p.ResultsVersion).SingleAsync());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_change_of_results_deletes_the_periods_stored_indicator_tally_and_no_other(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var (changed, other) = (new Period { Year = 2026, Quarter = 3, OpenedBy = "test" }, new Period { Year = 2026, Quarter = 2, OpenedBy = "test" });
        await using (var context = database.NewContext())
        {
            context.Periods.AddRange(changed, other);
            await context.SaveChangesAsync();
            foreach (var period in new[] { changed, other })
            {
                context.IndicatorTallies.AddRange(
                    StoredIndicatorTally.Of(period.Id, new IndicatorTally("shyk.committee", 10m, 5, 42.5m, 3, 1)),
                    StoredIndicatorTally.Of(period.Id, new IndicatorTally("shyk.committee", 8m, 2, 8m, 1, 0)));
            }

            await context.SaveChangesAsync();
        }

        await using (var context = database.NewContext())
        {
            await using var transaction = await context.Database.BeginTransactionAsync();
            Assert.Equal(1, await context.NoteResultsChangedAsync(changed.Id, CancellationToken.None));
            await transaction.CommitAsync();
        }

        await using var reader = database.NewContext();
        Assert.Empty(await reader.IndicatorTallies.Where(t => t.PeriodId == changed.Id).ToListAsync());
        Assert.Equal(
            [("shyk.committee", 8m, 2, 8m), ("shyk.committee", 10m, 5, 42.5m)],
            (await reader.IndicatorTallies.Where(t => t.PeriodId == other.Id).ToListAsync())
                .Select(t => (t.Code, t.MaxScore, t.Branches, t.ScoreSum)).OrderBy(t => t.MaxScore));
    }
}
