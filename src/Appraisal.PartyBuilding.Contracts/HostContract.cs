namespace Appraisal.PartyBuilding.Contracts;

/// <summary>
/// The version of the contract between the host and indicator packs.
/// A pack built against another major version is refused when the host starts.
/// </summary>
public static class HostContract
{
    /// <summary>Major version: changes only when the contract breaks packs built against an older one.</summary>
    public const int Major = 1;

    /// <summary>Minor version: additions that packs built against an older minor version still run with.</summary>
    public const int Minor = 0;

    /// <summary>The contract version as text, <c>Major.Minor</c>.</summary>
    public const string Version = "1.0";
}
