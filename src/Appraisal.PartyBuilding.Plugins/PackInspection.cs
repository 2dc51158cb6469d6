using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Plugins;

/// <summary>What an upload holds, once checked.</summary>
/// <param name="PackId">The manifest's id.</param>
/// <param name="Version">The manifest's version.</param>
/// <param name="Name">The manifest's display name.</param>
/// <param name="ContractVersion">The contract version the main assembly was compiled against, <c>major.minor</c>.</param>
/// <param name="Categories">The manifest's categories (code, name).</param>
/// <param name="Digest">The digest of the folder's hash list (<see cref="PackHashes.Digest"/>).</param>
public sealed record InspectedPack(
    string PackId,
    string Version,
    string Name,
    string ContractVersion,
    IReadOnlyList<(string Code, string Name)> Categories,
    string Digest);

/// <summary>The outcome of <see cref="PackInspection.Inspect"/>: a pack, or why it cannot be installed.</summary>
/// <param name="Pack">The pack, when every check passed.</param>
/// <param name="Problem">What is wrong, in Chinese, otherwise.</param>
public sealed record PackInspectionResult(InspectedPack? Pack, string? Problem);

/// <summary>
/// Checks an unpacked upload the way the catalog will load it as an installed version: the files against the hash
/// list, the main assembly and its contract version from metadata (before any code is loaded), then the manifest,
/// read from the pack created in a collectible load context that is unloaded afterwards, so an upload that is
/// refused leaves nothing behind in the host.
/// </summary>
public static class PackInspection
{
    private const string Refused = "不能安装";
    private const string Name = "上传的指标包";

    /// <summary>Checks the pack folder <paramref name="directory"/>.</summary>
    /// <param name="directory">An unpacked upload, laid out like an installed version's folder.</param>
    public static PackInspectionResult Inspect(string directory)
    {
        var folder = new PackFolder(directory, PackFolderShape.Installed, null, null, Name);
        PackLoadContext? context = null;
        try
        {
            var digest = PackHashes.Verify(directory, Name, Refused);
            if (WorkbookPackFolder.Holds(directory))
            {
                // A pack authored in Excel runs no code of its own: the workbook's checks and the manifest's are all.
                var authored = WorkbookPackFolder.Load(directory).Manifest;
                return new PackInspectionResult(
                    new InspectedPack(authored.Id, authored.Version, authored.Name, HostContract.Version, authored.Categories.Select(c => (c.Code, c.Name)).ToList(), digest),
                    null);
            }

            var mainPath = PackLoader.MainAssemblyPath(folder, Refused);
            PackLoader.CheckBeforeLoading(folder, mainPath, Refused);
            var info = PackAssemblyInfo.Read(mainPath)!;

            context = new PackLoadContext(Path.GetFileName(directory), mainPath, isCollectible: true);
            var (_, manifest) = PackLoader.Instantiate(Name, context, mainPath, Refused);
            return new PackInspectionResult(
                new InspectedPack(
                    manifest.Id,
                    manifest.Version,
                    manifest.Name,
                    $"{info.ContractVersion!.Major}.{info.ContractVersion.Minor}",
                    manifest.Categories.Select(c => (c.Code, c.Name)).ToList(),
                    digest),
                null);
        }
        catch (PackLoadException e)
        {
            return new PackInspectionResult(null, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadImageFormatException)
        {
            return new PackInspectionResult(null, $"{Name}无法读取：{e.Message}");
        }
        catch (Exception e)
        {
            // Third-party code ran while reading the manifest: report, never crash the request.
            return new PackInspectionResult(null, $"{Name}加载失败：{e.Message}");
        }
        finally
        {
            context?.Unload();
        }
    }
}
