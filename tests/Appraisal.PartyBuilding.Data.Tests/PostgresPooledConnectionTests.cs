using Appraisal.PartyBuilding.Data.Results;
using Appraisal.PartyBuilding.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Appraisal.PartyBuilding.Data.Tests;

/// <summary>
/// Issue 11, goal 3: the app's pooled PostgreSQL connections. The pages' statements are prepared (Npgsql's automatic
/// preparation), so that the server stops parsing and planning them on every request; until the fifth session the
/// setting was never applied: Npgsql's builder says it "contains" every keyword it knows, so the check for a setting
/// named by the operator was always true and <c>Max Auto Prepare</c> stayed 0. And a connection given back to the pool
/// is not reset (seven statements on every close), which is safe only because the app leaves no session state on it.
/// </summary>
public sealed class PostgresPooledConnectionTests
{
    [Theory]
    [InlineData("Host=db;Username=app")]
    [InlineData("Host=db;Username=app;Pooling=true;Command Timeout=30")]
    public void Automatic_preparation_is_on_when_the_setting_names_none(string connectionString) =>
        Assert.Equal(64, new NpgsqlConnectionStringBuilder(DatabaseRegistration.PostgresConnectionString(connectionString)).MaxAutoPrepare);

    [Theory]
    [InlineData("Host=db;Username=app;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;Username=app;max auto prepare=8", 8)]
    [InlineData("Host=db;Username=app;MaxAutoPrepare=16", 16)]
    public void A_setting_that_names_its_own_value_keeps_it(string connectionString, int expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(DatabaseRegistration.PostgresConnectionString(connectionString)).MaxAutoPrepare);

    [Theory]
    [InlineData("Host=db;Username=app")]
    [InlineData("Host=db;Username=app;Max Auto Prepare=8")]
    public void Connections_are_not_reset_on_close_when_the_setting_names_nothing(string connectionString) =>
        Assert.True(new NpgsqlConnectionStringBuilder(DatabaseRegistration.PostgresConnectionString(connectionString)).NoResetOnClose);

    [Theory]
    [InlineData("Host=db;Username=app;No Reset On Close=false")]
    [InlineData("Host=db;Username=app;noresetonclose=false")]
    public void A_setting_that_asks_for_the_reset_keeps_it(string connectionString) =>
        Assert.False(new NpgsqlConnectionStringBuilder(DatabaseRegistration.PostgresConnectionString(connectionString)).NoResetOnClose);

    [Fact]
    public async Task A_ranking_that_fails_halfway_leaves_no_temporary_table_on_the_pooled_connection()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.PostgreSql);
        var writer = new PostgresBranchResultWriter();

        // A pool of its own holding one connection, so that the second context gets the very connection the first gave
        // back (a shared pool may hand out another idle one).
        var oneConnection = new DatabaseOptions
        {
            Provider = DatabaseProvider.PostgreSql,
            ConnectionString = new NpgsqlConnectionStringBuilder(database.Options.ConnectionString) { MaxPoolSize = 1 }.ConnectionString,
        };
        var options = new DbContextOptionsBuilder<AppraisalDbContext>();
        options.UseAppraisalProvider(oneConnection);
        AppraisalDbContext NewContext() => new(options.Options);
        int failedOn;
        await using (var context = NewContext())
        {
            await using var transaction = await context.Database.BeginTransactionAsync();
            failedOn = await BackendAsync(context);

            // numeric(5,2) holds at most 999.99, so the COPY into the ranking's temporary table fails after the table
            // was created; the transaction is rolled back when it is disposed unfinished.
            await Assert.ThrowsAsync<PostgresException>(() => writer.SetRanksAsync(context, [new ResultRank(1, 1, 1000m)], default));
        }

        await using (var context = NewContext())
        {
            await using var transaction = await context.Database.BeginTransactionAsync();
            Assert.Equal(failedOn, await BackendAsync(context));
            Assert.Equal(0, await context.Database
                .SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM pg_class WHERE relname = 'RankUpdate' AND relpersistence = 't'")
                .SingleAsync());
            await writer.SetRanksAsync(context, [new ResultRank(1, 1, 50m)], default);
            await transaction.CommitAsync();
        }
    }

    private static Task<int> BackendAsync(AppraisalDbContext context) =>
        context.Database.SqlQuery<int>($"SELECT pg_backend_pid() AS \"Value\"").SingleAsync();

    [Fact]
    public async Task A_query_repeated_by_new_contexts_is_prepared_on_the_pooled_connection()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.PostgreSql);

        // A request's DbContext opens the pooled connection for one query and closes it again; the statement is the
        // same each time, only its parameter differs.
        for (var i = 0; i < 8; i++)
        {
            await using var context = database.NewContext();
            var code = $"ORG{i}";
            await context.Organizations.Where(o => o.Code == code).Select(o => o.Id).ToListAsync();
        }

        await using var reader = database.NewContext();
        var prepared = await reader.Database
            .SqlQuery<string>($"SELECT statement AS \"Value\" FROM pg_prepared_statements")
            .ToListAsync();
        Assert.Contains(prepared, statement => statement.Contains("\"Organizations\"", StringComparison.Ordinal));
    }
}
