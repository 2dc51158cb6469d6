using Appraisal.PartyBuilding.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.PartyBuilding.Data.Tests;

/// <summary>
/// Issue 9 item 8: SQL Server is the third provider. No SQL Server runs here, so these tests cover what needs no
/// server: the provider chosen by configuration and the model it builds.
/// </summary>
public sealed class SqlServerProviderTests
{
    /// <summary>Never opened: the tests only build the context and its model.</summary>
    private const string Unreachable = "Server=sqlserver.invalid;Database=appraisal;User Id=appraisal;Password=unused;Encrypt=True";

    [Fact]
    public void Database_Provider_SqlServer_selects_the_SQL_Server_provider()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "SqlServer",
            ["Database:ConnectionString"] = Unreachable,
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        services.AddAppraisalDatabase();
        using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();

        var context = scope.ServiceProvider.GetRequiredService<AppraisalDbContext>();

        Assert.True(context.Database.IsSqlServer());
        Assert.Contains("sqlserver.invalid", context.Database.GetConnectionString());
    }

    [Theory]
    [InlineData("SqlServer", typeof(Results.SqlServerBranchResultWriter), typeof(Meetings.SqlServerMeetingRecordWriter), typeof(Rectification.SqlServerRectificationWriter))]
    [InlineData("PostgreSql", typeof(Results.PostgresBranchResultWriter), typeof(Meetings.PostgresMeetingRecordWriter), typeof(Rectification.PostgresRectificationWriter))]
    [InlineData("Sqlite", typeof(Results.SqliteBranchResultWriter), typeof(Meetings.SqliteMeetingRecordWriter), typeof(Rectification.SqliteRectificationWriter))]
    public void Each_provider_gets_its_own_bulk_writers(string provider, Type results, Type records, Type rectification)
    {
        // The SQL Server writers cast the connection to SqlConnection: the SQLite writers there would fail at scoring.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["Database:ConnectionString"] = Unreachable,
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        services.AddAppraisalDatabase();
        using var built = services.BuildServiceProvider();

        Assert.IsType(results, built.GetRequiredService<Results.IBranchResultWriter>());
        Assert.IsType(records, built.GetRequiredService<Meetings.IMeetingRecordWriter>());
        Assert.IsType(rectification, built.GetRequiredService<Rectification.IRectificationWriter>());
    }

    [Fact]
    public void The_model_builds_on_SQL_Server_with_every_table_and_SQL_Server_types()
    {
        using var context = SqlServerContext();

        var script = context.Database.GenerateCreateScript();

        foreach (var table in context.Model.GetEntityTypes().Select(e => e.GetTableName()).Distinct())
        {
            Assert.Contains($"CREATE TABLE [{table}]", script);
        }

        Assert.Contains("[Code] nvarchar(50) NOT NULL", script);
        Assert.Contains("[Xml] nvarchar(max) NOT NULL", script);
        Assert.Contains("[Id] int NOT NULL IDENTITY", script);
        // A unique index over a nullable column ignores NULLs as on the other providers: SQL Server needs a filter.
        Assert.Contains("WHERE [OpenMarker] IS NOT NULL", script);
    }

    internal static AppraisalDbContext SqlServerContext()
    {
        var builder = new DbContextOptionsBuilder<AppraisalDbContext>();
        builder.UseAppraisalProvider(new DatabaseOptions { Provider = DatabaseProvider.SqlServer, ConnectionString = Unreachable });
        return new AppraisalDbContext(builder.Options);
    }
}
