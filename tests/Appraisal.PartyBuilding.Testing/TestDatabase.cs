using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Appraisal.PartyBuilding.Testing;

/// <summary>
/// A fresh, empty database on a real server: a temporary SQLite file, or a new PostgreSQL database on the
/// server that <c>tests/run.sh</c> starts (connection string in <c>APPRAISAL_TEST_POSTGRES</c>).
/// Dropped when disposed.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "APPRAISAL_TEST_POSTGRES";

    private readonly Func<Task> drop;

    private TestDatabase(DatabaseOptions options, Func<Task> drop)
    {
        Options = options;
        this.drop = drop;
    }

    public DatabaseOptions Options { get; }

    public DatabaseProvider Provider => Options.Provider;

    public static Task<TestDatabase> CreateAsync(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => Task.FromResult(CreateSqlite()),
        DatabaseProvider.PostgreSql => CreatePostgresAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    /// <summary>Creates the database and applies the provider's EF Core migrations, as the app does at start-up.</summary>
    public static async Task<TestDatabase> CreateMigratedAsync(DatabaseProvider provider)
    {
        var database = await CreateAsync(provider);
        await database.NewMigrator().MigrateAsync();
        return database;
    }

    public static string PostgresServer =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{PostgresVariable} is not set. Run the tests with tests/run.sh, which starts a throwaway PostgreSQL server and sets it.");

    public AppraisalDbContext NewContext()
    {
        var builder = new DbContextOptionsBuilder<AppraisalDbContext>();
        builder.UseAppraisalProvider(Options);
        return new AppraisalDbContext(builder.Options);
    }

    public SchemaMigrator NewMigrator() =>
        new(Microsoft.Extensions.Options.Options.Create(Options), NullLogger<SchemaMigrator>.Instance);

    public ValueTask DisposeAsync() => new(drop());

    private static TestDatabase CreateSqlite()
    {
        var path = Path.Combine(Path.GetTempPath(), $"appraisal-test-{Guid.NewGuid():N}.db");
        return new TestDatabase(
            new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={path};Pooling=False" },
            () =>
            {
                foreach (var file in new[] { path, path + "-wal", path + "-shm" })
                {
                    File.Delete(file);
                }

                return Task.CompletedTask;
            });
    }

    private static async Task<TestDatabase> CreatePostgresAsync()
    {
        var server = PostgresServer;
        var name = $"appraisal_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return new TestDatabase(
            new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = connectionString },
            async () =>
            {
                NpgsqlConnection.ClearAllPools();
                await using var connection = new NpgsqlConnection(server);
                await connection.OpenAsync();
                await using var dropCommand = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                await dropCommand.ExecuteNonQueryAsync();
            });
    }
}
