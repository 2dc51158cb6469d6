namespace Appraisal.PartyBuilding.Plugins;

/// <summary>
/// How pack folders sit under the packs folder (<c>Packs:Path</c>). Two shapes, side by side:
/// <list type="bullet">
/// <item><b>installed</b>: <c>{id}/{version}/</c>, e.g. <c>one-plus-n/1.1.0/</c>, what an upload installs; several
/// versions of one pack each have their own folder. The main assembly is the one with a <c>.deps.json</c>.</item>
/// <item><b>build</b>: <c>{Project}/</c>, e.g. <c>Appraisal.PartyBuilding.Packs.OnePlusN/</c>, what the build
/// produces (<c>artifacts/packs/</c>); the main assembly is <c>{Project}.dll</c>.</item>
/// </list>
/// A top-level folder named like a pack id (<c>[a-z0-9-]+</c>) that holds no files of its own is an id folder of
/// the installed shape; any other top-level folder is a pack of the build shape. Folders starting with a dot (the
/// upload staging area) are not packs.
/// </summary>
public static class PackLayout
{
    /// <summary>Where uploads are unpacked and checked before they move to their own folder; never loaded.</summary>
    public const string StagingFolder = ".staging";

    /// <summary>The folder of an installed version: <c>{root}/{id}/{version}</c>.</summary>
    /// <param name="root">The packs folder.</param>
    /// <param name="packId">A valid pack id.</param>
    /// <param name="version">A valid SemVer version.</param>
    public static string InstalledFolder(string root, string packId, string version)
    {
        if (!ManifestValidator.IsPackId(packId) || !SemanticVersion.IsValid(version))
        {
            throw new ArgumentException($"“{packId}”“{version}”不是有效的指标包标识和版本。");
        }

        return Path.Combine(Path.GetFullPath(root), packId, version);
    }

    /// <summary>The pack folders under <paramref name="root"/>, in the order they load: ordinal by path.</summary>
    internal static IReadOnlyList<PackFolder> Discover(string root)
    {
        var folders = new List<PackFolder>();
        foreach (var top in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(top);
            if (name.StartsWith('.'))
            {
                continue;
            }

            if (ManifestValidator.IsPackId(name) && Directory.GetFiles(top).Length == 0)
            {
                folders.AddRange(Directory.GetDirectories(top).Order(StringComparer.Ordinal)
                    .Select(v => new PackFolder(v, PackFolderShape.Installed, name, Path.GetFileName(v))));
            }
            else
            {
                folders.Add(new PackFolder(top, PackFolderShape.Build, null, null));
            }
        }

        return folders;
    }
}

/// <summary>The two shapes of <see cref="PackLayout"/>.</summary>
internal enum PackFolderShape
{
    Build,
    Installed,
}

/// <summary>One pack folder found under the packs folder.</summary>
/// <param name="Path">Full path.</param>
/// <param name="Shape">Its shape.</param>
/// <param name="PackId">For an installed folder, the id its path names.</param>
/// <param name="Version">For an installed folder, the version its path names.</param>
/// <param name="Label">How messages name a folder that is not under the packs folder (an upload being checked).</param>
internal sealed record PackFolder(string Path, PackFolderShape Shape, string? PackId, string? Version, string? Label = null)
{
    /// <summary>How messages name the folder: <c>GoodPack</c> or <c>good/2.0.0</c>.</summary>
    public string Name => Label ?? (Shape == PackFolderShape.Installed ? $"{PackId}/{Version}" : System.IO.Path.GetFileName(Path));
}
