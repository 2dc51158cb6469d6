using Appraisal.PartyBuilding.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Appraisal.PartyBuilding.Data.Tests;

/// <summary>
/// Issue 11, goal 3: the pages' statements are prepared on PostgreSQL (Npgsql's automatic preparation), so that the
/// server stops parsing and planning them on every request. Until the fifth session the setting was never applied:
/// Npgsql's builder says it "contains" every keyword it knows, so the check for a setting named by the operator was
/// always true and <c>Max Auto Prepare</c> stayed 0.
/// </summary>
public sealed class PostgresPreparedStatementsTests
{
    [Theory]
    [InlineData("Host=db;Username=app")]
    [InlineData("Host=db;Username=app;Pooling=true;Command Timeout=30")]
    public void Automatic_preparation_is_on_when_the_setting_names_none(string connectionString) =>
        Assert.Equal(64, new NpgsqlConnectionStringBuilder(DatabaseRegistration.PostgresWithPreparedStatements(connectionString)).MaxAutoPrepare);

    [Theory]
    [InlineData("Host=db;Username=app;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;Username=app;max auto prepare=8", 8)]
    [InlineData("Host=db;Username=app;MaxAutoPrepare=16", 16)]
    public void A_setting_that_names_its_own_value_keeps_it(string connectionString, int expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(DatabaseRegistration.PostgresWithPreparedStatements(connectionString)).MaxAutoPrepare);

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
