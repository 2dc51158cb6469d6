namespace Appraisal.PartyBuilding.Plugins;

/// <summary>What an upload holds, once checked.</summary>
/// <param name="PackId">The manifest's id.</param>
/// <param name="Version">The manifest's version.</param>
/// <param name="Name">The manifest's display name.</param>
/// <param name="ContractVersion">The contract version the main assembly was compiled against, <c>major.minor</c>.</param>
/// <param name="Categories">The manifest's categories (code, name).</param>
/// <param name="Digest">The digest of the folder's hash list (<see cref="PackHashes.Digest"/>).</param>
/// <param name="SignedBy">The fingerprint of the trusted key that signed it; <c>null</c> for a pack authored in Excel, which holds no code.</param>
public sealed record InspectedPack(
    string PackId,
    string Version,
    string Name,
    string ContractVersion,
    IReadOnlyList<(string Code, string Name)> Categories,
    string Digest,
    string? SignedBy);

/// <summary>The outcome of <see cref="PackInspection.Inspect"/>: a pack, or why it cannot be installed.</summary>
/// <param name="Pack">The pack, when every check passed.</param>
/// <param name="Problem">What is wrong, in Chinese, otherwise.</param>
public sealed record PackInspectionResult(InspectedPack? Pack, string? Problem);

/// <summary>
/// Checks an unpacked upload without running any of its code: the files against the hash list, the hash list's
/// signature against the trusted keys, the main assembly and its contract version from metadata, and the manifest
/// from its data file (<see cref="PackManifestFile"/>). The code runs only once the version is installed and loaded,
/// with the time limit, and must then return exactly the manifest the file declares.
/// </summary>
public static class PackInspection
{
    private const string Refused = "不能安装";
    private const string Name = "上传的指标包";

    /// <summary>Checks the pack folder <paramref name="directory"/>.</summary>
    /// <param name="directory">An unpacked upload, laid out like an installed version's folder.</param>
    /// <param name="trustedKeys">The public keys a code pack must be signed with (<c>Packs:TrustedKeys</c>).</param>
    public static PackInspectionResult Inspect(string directory, PackTrustedKeys trustedKeys)
    {
        ArgumentNullException.ThrowIfNull(trustedKeys);
        var folder = new PackFolder(directory, PackFolderShape.Installed, null, null, Name);
        try
        {
            var digest = PackHashes.Verify(directory, Name, Refused);
            if (WorkbookPackFolder.Holds(directory))
            {
                if (Directory.EnumerateFiles(directory, "*.dll", SearchOption.AllDirectories).Any())
                {
                    throw new PackLoadException($"{Name}同时包含 {Excel.Packs.PackWorkbook.FileName} 和程序集：用 Excel 编写的指标包不能带代码，{Refused}。");
                }

                // A pack authored in Excel holds no code: the host evaluates every rule, so its checks are the
                // workbook's and the manifest's, and it needs no signature.
                var authored = WorkbookPackFolder.Load(directory).Manifest;
                return new PackInspectionResult(
                    new InspectedPack(authored.Id, authored.Version, authored.Name, Contracts.HostContract.Version, authored.Categories.Select(c => (c.Code, c.Name)).ToList(), digest, null),
                    null);
            }

            var signedBy = PackSignature.Verify(directory, trustedKeys, Name, Refused);
            var mainPath = PackLoader.MainAssemblyPath(folder, Refused);
            PackLoader.CheckBeforeLoading(folder, mainPath, Refused);
            var info = PackAssemblyInfo.Read(mainPath)!;
            var manifest = PackManifestFile.Describe(PackManifestFile.Read(directory, Name, Refused), Name, Refused);
            return new PackInspectionResult(
                new InspectedPack(
                    manifest.Id,
                    manifest.Version,
                    manifest.Name,
                    $"{info.ContractVersion!.Major}.{info.ContractVersion.Minor}",
                    manifest.Categories,
                    digest,
                    signedBy),
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
    }
}
