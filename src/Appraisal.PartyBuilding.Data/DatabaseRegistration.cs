using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Appraisal.PartyBuilding.Data;

public static class DatabaseRegistration
{
    /// <summary>Registers <see cref="AppraisalDbContext"/> on the provider chosen by <c>Database:Provider</c>.</summary>
    public static IServiceCollection AddAppraisalDatabase(this IServiceCollection services)
    {
        services.AddDbContext<AppraisalDbContext>((provider, options) =>
            options.UseAppraisalProvider(provider.GetRequiredService<IOptions<DatabaseOptions>>().Value));
        services.AddScoped<Schema.SchemaMigrator>();
        services.AddSingleton<Results.IBranchResultWriter>(provider =>
            provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider switch
            {
                DatabaseProvider.PostgreSql => new Results.PostgresBranchResultWriter(),
                _ => new Results.SqliteBranchResultWriter(),
            });
        return services;
    }

    public static DbContextOptionsBuilder UseAppraisalProvider(this DbContextOptionsBuilder options, DatabaseOptions database) =>
        database.Provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(database.ConnectionString),
            DatabaseProvider.PostgreSql => options.UseNpgsql(database.ConnectionString),
            _ => throw new InvalidOperationException($"Unknown Database:Provider '{database.Provider}'."),
        };
}
