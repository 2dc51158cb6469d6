using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Packs;

public static class PackApi
{
    public static IEndpointRouteBuilder MapPackApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/packs", (PackCatalog catalog) => TypedResults.Ok(catalog.Packs.Select(PackDto.Of)))
            .WithName("ListPacks")
            .WithTags("Packs")
            .WithSummary("Installed indicator packs and their categories (the active version of each)")
            .RequireAuthorization(Policies.ReadPacks);

        var manage = routes.MapGroup("/api/v1/packs").WithTags("Packs").RequireAuthorization(Policies.ManagePacks);

        manage.MapGet("/versions", async (PackCatalog catalog, AppraisalDbContext db, CancellationToken cancellationToken) =>
                TypedResults.Ok(PackVersionList.Describe(catalog, await db.InstalledPacks.AsNoTracking().ToListAsync(cancellationToken))))
            .WithName("ListPackVersions")
            .WithSummary("Every pack version with its state: active, enabled, disabled, pending, refused (with the reason) or missing");

        var install = routes.MapGroup("/api/v1/packs").WithTags("Packs").RequireAuthorization(Policies.InstallPacks);

        install.MapPost("/", async Task<Results<Created<PackVersionDto>, ProblemHttpResult>> (
                IFormFile? file, PackInstallations installations, LivePackCatalog live, CurrentUser user, CancellationToken cancellationToken) =>
            {
                if (file is null)
                {
                    return TypedResults.Problem(title: "不能安装指标包", detail: "请在表单字段 file 中上传指标包目录的 .zip 压缩包。", statusCode: StatusCodes.Status400BadRequest);
                }

                await using var stream = file.OpenReadStream();
                var change = await installations.InstallAsync(stream, user.Login, cancellationToken);
                return change.Pack is { } pack
                    ? TypedResults.Created($"/api/v1/packs/{pack.PackId}/versions/{pack.Version}", PackVersionList.Of(live.Current, pack))
                    : TypedResults.Problem(title: "不能安装指标包", detail: change.Error, statusCode: change.Status);
            })
            .WithName("InstallPack")
            .WithSummary("Installs a new pack or version from a .zip of the signed pack folder (multipart field `file`); active at once (root 组织部 only)")
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(PackInstallations.MaxRequestBytes));

        install.MapPost("/{id}/versions/{version}/enable", (string id, string version, PackInstallations installations, LivePackCatalog live, CurrentUser user, CancellationToken cancellationToken) =>
                SetEnabledAsync(id, version, true, installations, live, user, cancellationToken))
            .WithName("EnablePackVersion")
            .WithSummary("Enables a pack version; effective at once (root 组织部 only)");

        install.MapPost("/{id}/versions/{version}/disable", (string id, string version, PackInstallations installations, LivePackCatalog live, CurrentUser user, CancellationToken cancellationToken) =>
                SetEnabledAsync(id, version, false, installations, live, user, cancellationToken))
            .WithName("DisablePackVersion")
            .WithSummary("Disables and unloads a pack version (refused while a period that is not final pinned it); effective at once (root 组织部 only)");

        manage.MapGet("/{id}/versions/{version}/dry-run", async Task<Results<Ok<DryRunDto>, ProblemHttpResult>> (
                string id, string version, int? periodId, PackDryRun dryRun, CancellationToken cancellationToken) =>
            {
                if (periodId is null)
                {
                    return TypedResults.Problem(title: "不能试算", detail: "请用参数 periodId 指定要试算的考核期。", statusCode: StatusCodes.Status400BadRequest);
                }

                var outcome = await dryRun.RunAsync(id, version, periodId.Value, cancellationToken);
                return outcome.Result is { } result
                    ? TypedResults.Ok(result)
                    : TypedResults.Problem(title: "不能试算", detail: outcome.Error, statusCode: outcome.Status);
            })
            .WithName("DryRunPackVersion")
            .WithSummary("Scores a period that is not final with a loaded candidate version against its stored results; stores nothing");

        return routes;
    }

    private static async Task<Results<Ok<PackVersionDto>, ProblemHttpResult>> SetEnabledAsync(
        string id, string version, bool enabled, PackInstallations installations, LivePackCatalog live, CurrentUser user, CancellationToken cancellationToken)
    {
        var change = await installations.SetEnabledAsync(id, version, enabled, user.Login, cancellationToken);
        return change.Pack is { } pack
            ? TypedResults.Ok(PackVersionList.Of(live.Current, pack))
            : TypedResults.Problem(title: enabled ? "不能启用" : "不能停用", detail: change.Error, statusCode: change.Status);
    }
}

public sealed record PackDto(string Id, string Version, string Name, IReadOnlyList<CategoryDto> Categories)
{
    public static PackDto Of(LoadedPack pack) => new(
        pack.Manifest.Id,
        pack.Manifest.Version,
        pack.Manifest.Name,
        pack.Manifest.Categories.Select(c => new CategoryDto(c.Code, c.Name)).ToList());
}

public sealed record CategoryDto(string Code, string Name);
