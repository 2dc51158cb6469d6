using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Appraisal.PartyBuilding.Web.Features.Packs;

[Authorize(Policy = Policies.ReadPacks)]
[Route("packs")]
public sealed class PacksController(PackCatalog catalog) : Controller
{
    [HttpGet("")]
    public IActionResult Index() => View(catalog);
}
