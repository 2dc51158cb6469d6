using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Platform;

namespace Appraisal.PartyBuilding.Web.Features.Packs;

public static class PackApi
{
    public static IEndpointRouteBuilder MapPackApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/packs", (PackCatalog catalog) => TypedResults.Ok(catalog.Packs.Select(PackDto.Of)))
            .WithName("ListPacks")
            .WithTags("Packs")
            .WithSummary("Installed indicator packs and their categories")
            .RequireAuthorization(Policies.ReadPacks);
        return routes;
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
