namespace Appraisal.PartyBuilding.Core.Organizations;

/// <summary>A node of the organization tree: the root, a 党委, a 党总支 or a 党支部.</summary>
public sealed class Organization
{
    /// <summary>The code of the root node every fresh database holds.</summary>
    public const string RootCode = "ROOT";

    public int Id { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    public int? ParentId { get; set; }

    public Organization? Parent { get; set; }

    /// <summary>The root is a 党委-level node without a parent.</summary>
    public OrganizationKind Kind { get; set; }

    /// <summary>
    /// Materialized path of codes from the root, e.g. <c>/ROOT/DW01/ZB03/</c>: a subtree is one prefix query,
    /// which is how a user's scope is enforced everywhere.
    /// </summary>
    public required string Path { get; set; }

    /// <summary>The branch category code from an installed pack (党支部 only).</summary>
    public string? CategoryCode { get; set; }

    /// <summary>党员人数 (党支部 only).</summary>
    public int MemberCount { get; set; }

    /// <summary>支委人数; 0 when the branch has no committee.</summary>
    public int CommitteeSize { get; set; }

    public List<PartyGroup> Groups { get; set; } = [];

    public bool IsBranch => Kind == OrganizationKind.Branch;

    public static string PathOf(string? parentPath, string code) => (parentPath ?? "/") + code + "/";
}

/// <summary>A party group (党小组) of a branch.</summary>
public sealed class PartyGroup
{
    public int Id { get; set; }

    public int OrganizationId { get; set; }

    public required string Name { get; set; }
}
