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
    /// <summary>
    /// One level of the tree at a time (issue 11: a province has about 100,000 nodes): the children of
    /// <paramref name="node"/> (the user's own node when absent), 50 a page, each 党委 or 党总支 opened by its link; or,
    /// with <paramref name="q"/>, the nodes below it whose code or name contains the text. Totals are counted by the database.
    /// </summary>
    [Authorize(Policy = Policies.ReadOrganizations)]
    [HttpGet("")]
    public async Task<IActionResult> Index(string? node, string? q, int? page, CancellationToken cancellationToken)
    {
        var scope = await user.ScopeAsync(cancellationToken);
        var visible = (await user.VisibleOrganizationsAsync(cancellationToken)).AsNoTracking();
        var current = string.IsNullOrWhiteSpace(node) ? scope : await visible.SingleOrDefaultAsync(o => o.Code == node.Trim(), cancellationToken);
        if (current is null)
        {
            // Outside the user's subtree, or no such code: the same answer, so that codes elsewhere are not revealed.
            return NotFound();
        }

        var search = q?.Trim() ?? "";
        var listed = search.Length == 0
            ? visible.Where(o => o.ParentId == current.Id)
            : visible.Where(o => o.Path.StartsWith(current.Path) && o.Id != current.Id && (o.Code.Contains(search) || o.Name.Contains(search)));
        var (number, size) = ListPaging.Clamp(page, null);
        var children = await listed.Include(o => o.Groups).OrderBy(o => o.Code).ThenBy(o => o.Id).ToListPageAsync(number, size, cancellationToken);

        var parents = children.Items.Where(o => !o.IsBranch).Select(o => o.Id).ToList();
        var childCounts = await visible.Where(o => o.ParentId != null && parents.Contains(o.ParentId.Value))
            .GroupBy(o => o.ParentId!.Value)
            .Select(g => new { Id = g.Key, Count = g.Count() })
            .ToDictionaryAsync(c => c.Id, c => c.Count, cancellationToken);
        var branches = visible.Where(o => o.Path.StartsWith(current.Path) && o.Kind == OrganizationKind.Branch);
        var branchCount = await branches.CountAsync(cancellationToken);
        var memberCount = await branches.SumAsync(o => o.MemberCount, cancellationToken);

        // The way from the user's node down to this one, for the breadcrumb.
        var trail = current.Path[scope.Path.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        var ancestors = await visible.Where(o => trail.Contains(o.Code)).Select(o => new OrganizationLink(o.Code, o.Name, o.Path)).ToListAsync(cancellationToken);
        var breadcrumb = ancestors.Where(a => a.Path != current.Path).OrderBy(a => a.Path.Length).Prepend(new OrganizationLink(scope.Code, scope.Name, scope.Path))
            .Where(a => a.Path != current.Path).ToList();

        var categories = catalog.Categories.ToDictionary(c => c.Code, c => c.Name);
        return View(new OrganizationLevel(current, breadcrumb, search, children, childCounts, branchCount, memberCount, categories));
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

/// <summary>A node on the way down to the one shown.</summary>
public sealed record OrganizationLink(string Code, string Name, string Path);

/// <summary>One level of the organization tree as the page shows it.</summary>
/// <param name="Current">The node whose children (or, with <paramref name="Search"/>, matching descendants) are listed.</param>
/// <param name="Breadcrumb">The nodes from the user's own node down to <paramref name="Current"/>'s parent.</param>
/// <param name="ChildCounts">Direct children of each listed 党委 or 党总支, by id.</param>
/// <param name="BranchCount">党支部 in <paramref name="Current"/>'s subtree.</param>
/// <param name="MemberCount">Their members.</param>
public sealed record OrganizationLevel(
    Organization Current,
    IReadOnlyList<OrganizationLink> Breadcrumb,
    string Search,
    ListPage<Organization> Children,
    IReadOnlyDictionary<int, int> ChildCounts,
    int BranchCount,
    int MemberCount,
    IReadOnlyDictionary<string, string> CategoryNames)
{
    public string CategoryName(string? code) => code is null ? "" : CategoryNames.GetValueOrDefault(code, code);

    public string Url(int page) =>
        $"/organizations?node={Uri.EscapeDataString(Current.Code)}{(Search.Length > 0 ? "&q=" + Uri.EscapeDataString(Search) : "")}&page={page}";
}
