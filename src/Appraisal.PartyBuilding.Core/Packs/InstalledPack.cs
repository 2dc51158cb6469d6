namespace Appraisal.PartyBuilding.Core.Packs;

/// <summary>
/// One installed version of an indicator pack, as the host recorded it: uploaded by the 组织部, or found in the
/// packs folder at start-up. The digest holds the version to the exact files it was installed with; whether it may
/// load is <see cref="Enabled"/>. Changes take effect at the next start; each one is also in the audit log.
/// </summary>
public sealed class InstalledPack
{
    public int Id { get; set; }

    public required string PackId { get; set; }

    public required string Version { get; set; }

    /// <summary>The manifest's display name when it was installed.</summary>
    public required string Name { get; set; }

    /// <summary>SHA-256 (hex) of the pack folder's canonical hash list: the content this version was installed with.</summary>
    public required string Digest { get; set; }

    /// <summary>The pack folder relative to the packs folder, e.g. <c>one-plus-n/1.1.0</c>.</summary>
    public required string Folder { get; set; }

    public PackSource Source { get; set; }

    /// <summary>Whether the version may load at the next start.</summary>
    public bool Enabled { get; set; } = true;

    public required string InstalledBy { get; set; }

    public DateTimeOffset InstalledAt { get; set; }

    /// <summary>Who last enabled or disabled it; <c>null</c> when unchanged since installation.</summary>
    public string? ChangedBy { get; set; }

    public DateTimeOffset? ChangedAt { get; set; }
}

/// <summary>How a pack version came to be installed.</summary>
public enum PackSource
{
    /// <summary>Found in the packs folder at start-up (the packs shipped with the build, or copied by hand).</summary>
    Startup = 1,

    /// <summary>Uploaded as a .zip by the 组织部.</summary>
    Upload = 2,
}

public static class PackSources
{
    public static string DisplayName(this PackSource source) => source switch
    {
        PackSource.Startup => "随系统部署",
        PackSource.Upload => "上传安装",
        _ => source.ToString(),
    };
}
