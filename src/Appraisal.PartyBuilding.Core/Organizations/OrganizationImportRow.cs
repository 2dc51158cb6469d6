namespace Appraisal.PartyBuilding.Core.Organizations;

/// <summary>One checked data row of an organization import file (see <c>OrganizationSheet</c> in the Excel project).</summary>
/// <param name="Row">The Excel row number (the header is row 1).</param>
/// <param name="Code">组织编码: letters, digits, <c>-</c> and <c>_</c>, at most 50 characters.</param>
/// <param name="Name">组织名称, at most 100 characters.</param>
/// <param name="ParentCode">上级组织编码: <c>ROOT</c>, another row's code, or an existing organization's code.</param>
/// <param name="Kind">组织类型.</param>
/// <param name="CategoryText">支部类别 as typed (a category code or name); null unless a 党支部.</param>
/// <param name="MemberCount">党员人数; null unless a 党支部.</param>
/// <param name="CommitteeSize">支委人数 (0 when left empty); null unless a 党支部.</param>
/// <param name="Groups">党小组 names, trimmed, distinct, in file order; empty unless a 党支部.</param>
public sealed record OrganizationImportRow(
    int Row,
    string Code,
    string Name,
    string ParentCode,
    OrganizationKind Kind,
    string? CategoryText,
    int? MemberCount,
    int? CommitteeSize,
    IReadOnlyList<string> Groups);
