using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Plugins;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Appraisal.PartyBuilding.Web.Platform;

public sealed class DatabaseHealthCheck(AppraisalDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy("database reachable")
            : HealthCheckResult.Unhealthy("database unreachable");
}

public sealed class PacksHealthCheck(PackCatalog catalog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(catalog.Packs.Count > 0
            ? HealthCheckResult.Healthy($"{catalog.Packs.Count} pack(s) loaded, {catalog.Failures.Count} refused")
            : HealthCheckResult.Unhealthy("no indicator pack loaded"));
}
