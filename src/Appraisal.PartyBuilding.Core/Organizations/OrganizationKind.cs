namespace Appraisal.PartyBuilding.Core.Organizations;

/// <summary>The levels of the organization tree: 党委 → 党总支 (optional) → 党支部.</summary>
public enum OrganizationKind
{
    PartyCommittee = 1,
    GeneralBranch = 2,
    Branch = 3,
}

public static class OrganizationKinds
{
    public static string DisplayName(this OrganizationKind kind) => kind switch
    {
        OrganizationKind.PartyCommittee => "党委",
        OrganizationKind.GeneralBranch => "党总支",
        OrganizationKind.Branch => "党支部",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Parses 党委 / 党总支 / 党支部 (Traditional forms too), ignoring surrounding spaces.</summary>
    public static OrganizationKind? Parse(string? text) => text?.Trim() switch
    {
        "党委" or "黨委" => OrganizationKind.PartyCommittee,
        "党总支" or "黨總支" => OrganizationKind.GeneralBranch,
        "党支部" or "黨支部" => OrganizationKind.Branch,
        _ => null,
    };

    /// <summary>Whether a node of <paramref name="child"/> kind may stand under a node of <paramref name="parent"/> kind.</summary>
    public static bool MayStandUnder(this OrganizationKind child, OrganizationKind parent) => (child, parent) switch
    {
        (OrganizationKind.PartyCommittee, OrganizationKind.PartyCommittee) => true,
        (OrganizationKind.GeneralBranch, OrganizationKind.PartyCommittee) => true,
        (OrganizationKind.Branch, OrganizationKind.PartyCommittee) => true,
        (OrganizationKind.Branch, OrganizationKind.GeneralBranch) => true,
        _ => false,
    };

    /// <summary>A branch with fewer full members than this has no committee (支部委员会).</summary>
    public const int MinimumMembersForCommittee = 7;
}
