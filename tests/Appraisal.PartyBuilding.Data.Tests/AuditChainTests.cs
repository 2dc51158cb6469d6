using System.Data.Common;
using System.Text;
using Appraisal.PartyBuilding.Core.Auditing;
using Appraisal.PartyBuilding.Data.Auditing;
using Appraisal.PartyBuilding.Testing;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Data.Tests;

/// <summary>
/// The tamper-evident audit chain on real databases: concurrent writers give one gapless valid chain, and each way of
/// tampering with the table directly (as a database administrator could) is reported at the first broken entry.
/// </summary>
public sealed class AuditChainTests
{
    private static readonly AuditChain Chain = new(Encoding.UTF8.GetBytes("audit chain test key, at least 32 bytes"));

    private static AppraisalDbContext Context(TestDatabase database)
    {
        var builder = new DbContextOptionsBuilder<AppraisalDbContext>();
        builder.UseAppraisalProvider(database.Options).AddInterceptors(new AuditChainInterceptor(Chain));
        return new AppraisalDbContext(builder.Options);
    }

    /// <summary>Writes <paramref name="count"/> entries, one SaveChanges each, as the app does.</summary>
    private static async Task WriteAsync(TestDatabase database, int count, string actor = "tester")
    {
        for (var i = 0; i < count; i++)
        {
            await using var db = Context(database);
            db.AuditEntries.Add(new AuditEntry { At = DateTimeOffset.UtcNow, Actor = actor, Action = "test.write", Target = $"T{i}", Detail = $"第{i}条", OrganizationPath = "/ROOT/" });
            await db.SaveChangesAsync();
        }
    }

    private static async Task<AuditVerification> VerifyAsync(TestDatabase database)
    {
        await using var db = Context(database);
        return await AuditChainVerifier.VerifyAsync(db, Chain);
    }

    private static async Task SqlAsync(TestDatabase database, string sql)
    {
        await using var db = database.NewContext();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    private static async Task<long> IdAtAsync(TestDatabase database, long sequence)
    {
        await using var db = database.NewContext();
        return await db.AuditEntries.Where(a => a.Sequence == sequence).Select(a => a.Id).SingleAsync();
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Concurrent_writers_produce_a_single_gapless_valid_chain(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        const int writers = 8;
        const int each = 10;

        // Real concurrency: each writer has its own context and connection, all started at once.
        using var start = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            await start.WaitAsync();
            await WriteAsync(database, each, $"writer{w}");
        })).ToList();
        start.Release(writers);
        await Task.WhenAll(tasks);

        var result = await VerifyAsync(database);
        Assert.True(result.Intact, result.Reason);
        Assert.Equal(writers * each, result.Checked);
        await using var db = database.NewContext();
        var sequences = await db.AuditEntries.Select(a => a.Sequence!.Value).OrderBy(s => s).ToListAsync();
        Assert.Equal(Enumerable.Range(1, writers * each).Select(i => (long)i), sequences);
        Assert.Equal(writers * each, (await db.AuditChainHeads.SingleAsync()).Sequence);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task An_edited_entry_is_reported_at_its_position(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await WriteAsync(database, 6);
        Assert.True((await VerifyAsync(database)).Intact);

        await SqlAsync(database, """UPDATE "AuditEntries" SET "Detail" = '改过的说明' WHERE "Sequence" = 4""");

        var result = await VerifyAsync(database);
        Assert.False(result.Intact);
        Assert.Equal(4, result.BrokenSequence);
        Assert.Equal(await IdAtAsync(database, 4), result.BrokenId);
        Assert.Equal(3, result.Checked);
        Assert.Contains("校验值不符", result.Reason);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task An_edit_that_also_recomputes_a_plain_hash_is_still_detected(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await WriteAsync(database, 3);

        // Someone without the key changes the actor and writes a hash of their own: it cannot match the keyed one.
        await SqlAsync(database, """UPDATE "AuditEntries" SET "Actor" = 'someone-else', "Hash" = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' WHERE "Sequence" = 2""");

        var result = await VerifyAsync(database);
        Assert.Equal(2, result.BrokenSequence);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_deleted_entry_is_reported_as_missing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await WriteAsync(database, 6);

        await SqlAsync(database, """DELETE FROM "AuditEntries" WHERE "Sequence" = 3""");

        var result = await VerifyAsync(database);
        Assert.Equal(3, result.BrokenSequence);
        Assert.Contains("缺失", result.Reason);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Reordered_entries_are_detected(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await WriteAsync(database, 6);

        // Swap positions 2 and 5, hashes and all: each hash was computed for its own position and predecessor.
        await SqlAsync(database, """
            UPDATE "AuditEntries" SET "Sequence" = -2 WHERE "Sequence" = 2;
            UPDATE "AuditEntries" SET "Sequence" = 2 WHERE "Sequence" = 5;
            UPDATE "AuditEntries" SET "Sequence" = 5 WHERE "Sequence" = -2;
            """);

        var result = await VerifyAsync(database);
        Assert.False(result.Intact);
        Assert.Equal(2, result.BrokenSequence);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Reordering_by_swapping_contents_between_rows_is_detected(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await WriteAsync(database, 4);

        // Swap what two entries say (targets), leaving positions and hashes in place.
        await SqlAsync(database, """
            UPDATE "AuditEntries" SET "Target" = 'tmp' WHERE "Sequence" = 1;
            UPDATE "AuditEntries" SET "Target" = 'T0' WHERE "Sequence" = 2;
            UPDATE "AuditEntries" SET "Target" = 'T1' WHERE "Sequence" = 1;
            """);

        var result = await VerifyAsync(database);
        Assert.Equal(1, result.BrokenSequence);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Truncating_the_newest_entries_is_detected_by_the_head(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await WriteAsync(database, 6);

        // The newest two go: what remains is a perfectly valid chain of 4, but the head says 6.
        await SqlAsync(database, """DELETE FROM "AuditEntries" WHERE "Sequence" > 4""");

        var result = await VerifyAsync(database);
        Assert.False(result.Intact);
        Assert.Equal(5, result.BrokenSequence);
        Assert.Equal(4, result.Checked);
        Assert.Contains("截断", result.Reason);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Truncating_and_moving_the_head_back_is_detected_by_its_seal(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await WriteAsync(database, 6);

        // Delete the newest entry and point the head at the one before, copying that entry's (valid) hash.
        await SqlAsync(database, """
            DELETE FROM "AuditEntries" WHERE "Sequence" = 6;
            UPDATE "AuditChainHeads" SET "Sequence" = 5, "Hash" = (SELECT "Hash" FROM "AuditEntries" WHERE "Sequence" = 5);
            """);

        var result = await VerifyAsync(database);
        Assert.False(result.Intact);
        Assert.Contains("链头", result.Reason);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Deleting_the_head_and_an_inserted_unsealed_entry_are_detected(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await WriteAsync(database, 3);

        await SqlAsync(database, """INSERT INTO "AuditEntries" ("At", "Actor", "Action", "Target") VALUES (0, 'intruder', 'test.forged', 'X')""");
        var forged = await VerifyAsync(database);
        Assert.False(forged.Intact);
        Assert.Contains("没有链式校验值", forged.Reason);

        await SqlAsync(database, """DELETE FROM "AuditEntries" WHERE "Actor" = 'intruder'; DELETE FROM "AuditChainHeads";""");
        var headless = await VerifyAsync(database);
        Assert.False(headless.Intact);
        Assert.Contains("链头", headless.Reason);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Entries_from_before_the_chain_are_sealed_once_then_appends_continue_it(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await SqlAsync(database, """
            INSERT INTO "AuditEntries" ("At", "Actor", "Action", "Target") VALUES (1, 'old', 'test.legacy', 'A');
            INSERT INTO "AuditEntries" ("At", "Actor", "Action", "Target") VALUES (2, 'old', 'test.legacy', 'B');
            """);

        await WriteAsync(database, 2);

        var result = await VerifyAsync(database);
        Assert.True(result.Intact, result.Reason);
        Assert.Equal(4, result.Checked);
        await using var db = database.NewContext();
        Assert.Equal(["A", "B", "T0", "T1"], await db.AuditEntries.OrderBy(a => a.Sequence).Select(a => a.Target).ToListAsync());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_different_key_fails_verification_at_the_head(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await WriteAsync(database, 2);

        await using var db = database.NewContext();
        var result = await AuditChainVerifier.VerifyAsync(db, new AuditChain(Encoding.UTF8.GetBytes("another key of at least thirty-two bytes")));

        Assert.False(result.Intact);
        Assert.Contains("密钥", result.Reason);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_rolled_back_change_leaves_no_trace_in_the_chain(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await WriteAsync(database, 2);

        await using (var db = Context(database))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.AuditEntries.Add(new AuditEntry { At = DateTimeOffset.UtcNow, Actor = "t", Action = "test.rolled-back", Target = "R" });
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        await WriteAsync(database, 1);
        var result = await VerifyAsync(database);
        Assert.True(result.Intact, result.Reason);
        Assert.Equal(3, result.Checked);
    }
}
