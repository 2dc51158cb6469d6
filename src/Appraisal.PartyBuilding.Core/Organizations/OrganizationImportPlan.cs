using Appraisal.PartyBuilding.Core.Imports;

namespace Appraisal.PartyBuilding.Core.Organizations;

/// <summary>An organization already stored, as the <see cref="OrganizationImportPlanner"/> needs it.</summary>
/// <param name="Code">组织编码.</param>
/// <param name="Name">组织名称 (compared to tell an update from an unchanged row).</param>
/// <param name="Kind">组织类型 (ignored for <c>ROOT</c>).</param>
/// <param name="ParentCode">The parent's code; null only for <c>ROOT</c>.</param>
/// <param name="Path">The materialised path from the root, e.g. <c>/ROOT/DW01/ZB01/</c>.</param>
/// <param name="CategoryCode">支部类别 code; null unless a 党支部.</param>
/// <param name="MemberCount">党员人数; null unless a 党支部.</param>
/// <param name="CommitteeSize">支委人数; null unless a 党支部.</param>
/// <param name="Groups">党小组 names (order does not matter).</param>
public sealed record ExistingOrganization(
    string Code,
    string Name,
    OrganizationKind Kind,
    string? ParentCode,
    string Path,
    string? CategoryCode,
    int? MemberCount,
    int? CommitteeSize,
    IReadOnlyList<string> Groups);

/// <summary>An organization the import inserts, updates or leaves unchanged, fully resolved.</summary>
/// <param name="Row">The Excel row it comes from.</param>
/// <param name="Code">组织编码 (an existing organization's own spelling when the file differs only in case).</param>
/// <param name="Name">组织名称.</param>
/// <param name="ParentCode">The resolved parent code (<c>ROOT</c>, a file row's or an existing organization's code).</param>
/// <param name="Path">The new materialised path, e.g. <c>/ROOT/DW01/ZB01/</c>.</param>
/// <param name="PreviousPath">
/// The stored path before the import; null for an insert. When it differs from <paramref name="Path"/> the organization
/// moved, and the caller must rewrite the paths of its stored descendants that the file does not list.
/// </param>
/// <param name="Kind">组织类型.</param>
/// <param name="CategoryCode">The resolved category CODE; null unless a 党支部.</param>
/// <param name="MemberCount">党员人数; null unless a 党支部.</param>
/// <param name="CommitteeSize">支委人数; null unless a 党支部.</param>
/// <param name="Groups">党小组 names.</param>
public sealed record PlannedOrganization(
    int Row,
    string Code,
    string Name,
    string ParentCode,
    string Path,
    string? PreviousPath,
    OrganizationKind Kind,
    string? CategoryCode,
    int? MemberCount,
    int? CommitteeSize,
    IReadOnlyList<string> Groups);

/// <summary>What an import changes. <see cref="Inserts"/> and <see cref="Updates"/> are ordered parents first.</summary>
/// <param name="Inserts">New organizations.</param>
/// <param name="Updates">Existing organizations whose data differs from the file.</param>
/// <param name="Unchanged">Existing organizations the file repeats as stored.</param>
public sealed record OrganizationImportPlan(
    IReadOnlyList<PlannedOrganization> Inserts,
    IReadOnlyList<PlannedOrganization> Updates,
    IReadOnlyList<PlannedOrganization> Unchanged)
{
    /// <summary>Number of organizations inserted.</summary>
    public int InsertedCount => Inserts.Count;

    /// <summary>Number of organizations updated.</summary>
    public int UpdatedCount => Updates.Count;

    /// <summary>Number of rows that change nothing.</summary>
    public int UnchangedCount => Unchanged.Count;
}

/// <summary>The outcome of <see cref="OrganizationImportPlanner.Plan"/>: errors, or a plan.</summary>
/// <param name="Errors">Every error, ordered by row then column; empty when <paramref name="Plan"/> is set.</param>
/// <param name="Plan">The plan; null when there are errors.</param>
public sealed record OrganizationImportPlanResult(IReadOnlyList<ImportError> Errors, OrganizationImportPlan? Plan)
{
    /// <summary>True when there are no errors and <see cref="Plan"/> is set.</summary>
    public bool Succeeded => Plan is not null && Errors.Count == 0;
}
