using System.ComponentModel.DataAnnotations;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appraisal.PartyBuilding.Web.Features.Organizations;

/// <summary>The <c>BranchLists</c> configuration section.</summary>
public sealed class BranchListOptions
{
    public const string Section = "BranchLists";

    /// <summary>
    /// The most branches a list computed in memory (the health board, the completeness table) evaluates in one request.
    /// A larger subtree is entered one organization at a time.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxComputed { get; set; } = 1000;
}

/// <summary>
/// The subtree a list computed per branch in memory is drawn from. The health colour and the meeting completeness
/// come from the packs' rules and each meeting's validity (quorum, committee, groups), which SQL cannot express
/// without a second copy of those rules; so such a list never evaluates more than
/// <see cref="BranchListOptions.MaxComputed"/> branches at once (issue 11: at 100,000 branches the health board read the
/// whole province per view). A larger subtree shows its child organizations with their branch counts, counted and
/// paged by the database, and the reader chooses one.
/// </summary>
public sealed class BranchSubtrees(AppraisalDbContext db, IOptions<BranchListOptions> options)
{
    public int MaxComputed => options.Value.MaxComputed;

    /// <summary>The organization <paramref name="code"/> inside <paramref name="scope"/> (the scope itself when no code is given), or null.</summary>
    public async Task<Organization?> NodeAsync(Organization scope, string? code, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return scope;
        }

        var trimmed = code.Trim();
        return await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Code == trimmed && o.Path.StartsWith(scope.Path), cancellationToken);
    }

    /// <summary>The branches under <paramref name="node"/> (itself included when it is one), counted by the database.</summary>
    public Task<int> CountAsync(Organization node, CancellationToken cancellationToken) =>
        db.Organizations.CountAsync(o => o.Kind == OrganizationKind.Branch && o.Path.StartsWith(node.Path), cancellationToken);

    /// <summary>The branches under <paramref name="node"/> with their party groups, by code; call only when <see cref="CountAsync"/> is within <see cref="MaxComputed"/>.</summary>
    public Task<List<Organization>> BranchesAsync(Organization node, CancellationToken cancellationToken) =>
        db.Organizations.AsNoTracking()
            .Where(o => o.Kind == OrganizationKind.Branch && o.Path.StartsWith(node.Path))
            .OrderBy(o => o.Code).ThenBy(o => o.Id)
            .Include(o => o.Groups)
            .Take(MaxComputed)
            .ToListAsync(cancellationToken);

    /// <summary>One page of the organizations directly under <paramref name="node"/> that hold branches, each with its branch count, by code.</summary>
    public async Task<ListPage<SubtreeSize>> ChildrenAsync(Organization node, int page, int pageSize, CancellationToken cancellationToken)
    {
        var children = await db.Organizations.AsNoTracking()
            .Where(c => c.ParentId == node.Id)
            .Select(c => new { c.Code, c.Name, c.Kind, Branches = db.Organizations.Count(o => o.Kind == OrganizationKind.Branch && o.Path.StartsWith(c.Path)) })
            .Where(c => c.Branches > 0)
            .OrderBy(c => c.Code)
            .ToListPageAsync(page, pageSize, cancellationToken);
        return new ListPage<SubtreeSize>(children.Items.Select(c => new SubtreeSize(c.Code, c.Name, c.Kind, c.Branches)).ToList(), children.Page, children.PageSize, children.Total);
    }
}

/// <summary>An organization and how many branches its subtree holds.</summary>
public sealed record SubtreeSize(string Code, string Name, OrganizationKind Kind, int Branches);
