using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Organizations;

[Route("organizations")]
public sealed class OrganizationsController(CurrentUser user, OrganizationImport import, PackCatalog catalog) : Controller
{
    [Authorize(Policy = Policies.ReadOrganizations)]
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var visible = await user.VisibleOrganizationsAsync(cancellationToken);
        var organizations = await visible.AsNoTracking().Include(o => o.Groups).OrderBy(o => o.Path).ToListAsync(cancellationToken);
        var categories = catalog.Categories.ToDictionary(c => c.Code, c => c.Name);
        return View(new OrganizationTree(organizations, await user.ScopeAsync(cancellationToken), categories));
    }

    [Authorize(Policy = Policies.ManageOrganizations)]
    [HttpGet("import")]
    public IActionResult Import() => View(new ImportPage(null, null));

    [Authorize(Policy = Policies.ManageOrganizations)]
    [HttpPost("import")]
    [RequestSizeLimit(OrganizationApi.MaxRequestBytes)]
    public async Task<IActionResult> Import(IFormFile? file, string[]? confirm, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            return View(new ImportPage(null, "请选择要导入的 .xlsx 文件。"));
        }

        // The tree import stays in the request (at most Imports' row limit of organizations): a change of a live
        // node's kind or category is answered on this page with the confirmation form. The API offers it as a job.
        await using var stream = file.OpenReadStream();
        var outcome = await import.ImportAsync(stream, user.Login, await user.ScopeAsync(cancellationToken), ImportOutcome.ParseConfirmations(confirm ?? []), cancellationToken);
        Response.StatusCode = outcome.Succeeded ? StatusCodes.Status200OK : outcome.NeedsConfirmation ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        return View(new ImportPage(outcome, null));
    }
}

public sealed record ImportPage(ImportOutcome? Outcome, string? Message);

/// <summary>The organizations of a scope arranged as a tree for the page.</summary>
public sealed class OrganizationTree(IReadOnlyList<Organization> organizations, Organization scope, IReadOnlyDictionary<string, string> categoryNames)
{
    private readonly ILookup<int?, Organization> children = organizations.ToLookup(o => o.ParentId);

    public Organization Scope => scope;

    public int BranchCount => organizations.Count(o => o.IsBranch);

    public int MemberCount => organizations.Where(o => o.IsBranch).Sum(o => o.MemberCount);

    public IEnumerable<Organization> ChildrenOf(Organization organization) => children[organization.Id].OrderBy(o => o.Code, StringComparer.Ordinal);

    public string CategoryName(string? code) => code is null ? "" : categoryNames.GetValueOrDefault(code, code);
}
