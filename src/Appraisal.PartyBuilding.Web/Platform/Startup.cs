using Appraisal.PartyBuilding.Data.Schema;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Features.Demo;
using Appraisal.PartyBuilding.Web.Features.Packs;
using Microsoft.Extensions.Options;

namespace Appraisal.PartyBuilding.Web.Platform;

/// <summary>The <c>Demo</c> configuration section.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Load the demo organization and print the demo accounts' passwords (the run command's <c>--demo</c>).</summary>
    public bool Load { get; set; }
}

/// <summary>
/// Runs before the server accepts requests: applies pending schema migrations, loads the packs (the catalog reads the
/// installed versions from the database, so it comes after the schema), reports which loaded and which were refused,
/// records the versions found in the packs folder, and loads the demo data when asked.
/// </summary>
public sealed class Startup(IServiceProvider services, IOptions<DemoOptions> demo, ILogger<Startup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SchemaMigrator>().MigrateAsync(cancellationToken: cancellationToken);
        await scope.ServiceProvider.GetRequiredService<UploadLeftovers>().CleanAsync(cancellationToken);
        var catalog = services.GetRequiredService<LivePackCatalog>().Current;

        foreach (var pack in catalog.Packs)
        {
            logger.LogInformation("Loaded pack {PackId} {PackVersion} with {CategoryCount} categories from {Directory}", pack.Manifest.Id, pack.Manifest.Version, pack.Manifest.Categories.Count, pack.Directory);
        }

        foreach (var failure in catalog.Failures)
        {
            logger.LogError(failure.Exception, "Pack in {Directory} was not loaded: {Reason}", failure.Directory, failure.Message);
        }

        foreach (var disabled in catalog.Disabled)
        {
            logger.LogInformation("Pack {PackId} {PackVersion} in {Directory} is disabled and was not loaded", disabled.PackId, disabled.Version, disabled.Directory);
        }

        await scope.ServiceProvider.GetRequiredService<PackInstallations>().RecordStartupAsync(cancellationToken);

        if (demo.Value.Load)
        {
            await scope.ServiceProvider.GetRequiredService<DemoData>().LoadAsync(Console.Out, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
