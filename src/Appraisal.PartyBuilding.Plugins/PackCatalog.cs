using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Plugins;

/// <summary>
/// The indicator packs installed in one folder at one moment, several versions of a pack side by side, each in its
/// own load context. A catalog never changes: <see cref="LivePackCatalog"/> swaps in a new one when packs are
/// installed, enabled or disabled. Per pack id, the newest loaded version (SemVer precedence) is the <b>active</b>
/// one: it is what <see cref="Packs"/>, <see cref="Categories"/> and <see cref="FindCategory"/> answer with, so new
/// periods and category lookups use it. Every loaded version stays available through <see cref="Find"/>, so a
/// period is scored by the versions it pinned. A pack that is refused or fails is reported in
/// <see cref="Failures"/> and skipped; the others load regardless.
/// </summary>
public sealed class PackCatalog
{
    private readonly Dictionary<(string Id, string Version), LoadedPack> versions;
    private readonly HashSet<LoadedPack> active;
    private readonly Dictionary<string, (LoadedPack Pack, BranchCategory Category)> categories;

    private PackCatalog(string root, IReadOnlyList<LoadedPack> loaded, IReadOnlyList<PackLoadFailure> failures, IReadOnlyList<DisabledPack> disabled, IReadOnlyCollection<PackInstallRecord> installed)
    {
        Root = root;
        Installed = installed;
        Versions = loaded;
        Failures = failures;
        Disabled = disabled;
        versions = loaded.ToDictionary(p => (p.Manifest.Id, p.Manifest.Version));
        Packs = loaded
            .GroupBy(p => p.Manifest.Id, StringComparer.Ordinal)
            .Select(g => g.MaxBy(p => SemanticVersion.Parse(p.Manifest.Version))!)
            .ToList();
        active = [.. Packs];
        categories = Packs
            .SelectMany(p => p.Manifest.Categories.Select(c => (Pack: p, Category: c)))
            .ToDictionary(e => e.Category.Code, StringComparer.Ordinal);
    }

    /// <summary>The packs folder, a full path.</summary>
    public string Root { get; }

    /// <summary>The active version of each loaded pack, in the order their ids were first found (folder names, ordinal).</summary>
    public IReadOnlyList<LoadedPack> Packs { get; }

    /// <summary>Every loaded version, active or not, in folder order.</summary>
    public IReadOnlyList<LoadedPack> Versions { get; }

    /// <summary>The pack folders that were refused or failed, with the reason in Chinese.</summary>
    public IReadOnlyList<PackLoadFailure> Failures { get; }

    /// <summary>The versions left out because they are disabled.</summary>
    public IReadOnlyList<DisabledPack> Disabled { get; }

    /// <summary>What the host had recorded about installed versions when this catalog was loaded.</summary>
    public IReadOnlyCollection<PackInstallRecord> Installed { get; }

    /// <summary>
    /// Whether every loaded version was already recorded with the digest it has now, i.e. the host has nothing to
    /// record about this catalog (the usual restart).
    /// </summary>
    public bool AllRecorded => Versions.All(p => Installed.Any(r => r.PackId == p.Manifest.Id && r.Version == p.Manifest.Version && r.Digest == p.Digest));

    /// <summary>The branch categories of the active versions.</summary>
    public IEnumerable<BranchCategory> Categories => Packs.SelectMany(p => p.Manifest.Categories);

    /// <summary>
    /// Loads every pack folder under <paramref name="packsPath"/> (shapes in <see cref="PackLayout"/>), in ordinal
    /// order of their paths, so that when two folders hold the same id and version, the first by name wins on every
    /// start. For each folder: its files are checked against its hash list before any of its code runs, a version
    /// <paramref name="installed"/> marks as disabled is left out, an installed version whose files differ from the
    /// digest recorded at installation is refused. Never throws for a bad pack or a missing folder: those become
    /// <see cref="Failures"/>.
    /// </summary>
    /// <param name="packsPath">The packs folder (<c>Packs:Path</c>); a relative path is taken from the current directory.</param>
    /// <param name="installed">What the host recorded about installed versions; none means every version is enabled.</param>
    /// <param name="settings">The time limit on pack code; <see cref="PackLoadSettings.Default"/> when omitted.</param>
    /// <param name="previous">
    /// The catalog this one replaces: a folder it loaded with the same digest is taken over as it is (its code is not
    /// run again), so a reload only loads what changed.
    /// </param>
    /// <param name="pinned">Versions a period that is not final pinned: they stay loaded even when disabled.</param>
    public static PackCatalog Load(
        string packsPath,
        IReadOnlyCollection<PackInstallRecord>? installed = null,
        PackLoadSettings? settings = null,
        PackCatalog? previous = null,
        IReadOnlySet<(string PackId, string Version)>? pinned = null)
    {
        settings ??= PackLoadSettings.Default;
        pinned ??= new HashSet<(string, string)>();
        ArgumentException.ThrowIfNullOrWhiteSpace(packsPath);
        var root = Path.GetFullPath(packsPath);
        if (!Directory.Exists(root))
        {
            return new PackCatalog(root, [], [new PackLoadFailure(root, $"指标包目录“{root}”不存在，未加载任何指标包。", null)], [], installed ?? []);
        }

        var records = (installed ?? []).GroupBy(r => (r.PackId, r.Version)).ToDictionary(g => g.Key, g => g.First());
        var packs = new List<LoadedPack>();
        var failures = new List<PackLoadFailure>();
        var disabled = new List<DisabledPack>();
        foreach (var folder in PackLayout.Discover(root))
        {
            var (id, version) = (folder.PackId, folder.Version);
            try
            {
                // Integrity first: nothing of a folder whose files changed runs.
                var digest = PackHashes.Verify(folder.Path, folder.Name, PackLoader.Refused);
                var record = folder.Shape == PackFolderShape.Installed
                    ? records.GetValueOrDefault((id!, version!))
                    : records.Values.FirstOrDefault(r => r.Digest == digest);
                if (record is { Enabled: false } && !pinned.Contains((record.PackId, record.Version)))
                {
                    disabled.Add(new DisabledPack(record.PackId, record.Version, folder.Path));
                    continue;
                }

                if (folder.Shape == PackFolderShape.Installed && record is not null && record.Digest != digest)
                {
                    throw new PackLoadException(
                        $"指标包“{folder.Name}”的文件与安装时登记的不一致（登记摘要 {record.Digest[..12]}…，现为 {digest[..12]}…）："
                        + "已安装的版本不能改动，如需修改请提高版本号后重新上传，已拒绝加载。");
                }

                var pack = previous?.Versions.FirstOrDefault(p => p.Directory == folder.Path && p.Digest == digest)
                    ?? LoadFolder(folder, settings) with { Digest = digest };
                (id, version) = (pack.Manifest.Id, pack.Manifest.Version);
                if (folder.Shape == PackFolderShape.Installed && (folder.PackId, folder.Version) != (id, version))
                {
                    throw new PackLoadException(
                        $"目录“{folder.Name}”中的指标包是 {id} {version}，与目录不一致（应放在“{id}/{version}”），已拒绝加载。");
                }

                // A build folder is only known by its manifest: one disabled after its content changed is left out
                // here, after its code loaded.
                if (records.GetValueOrDefault((id, version)) is { Enabled: false } && !pinned.Contains((id, version)))
                {
                    disabled.Add(new DisabledPack(id, version, folder.Path));
                    continue;
                }

                EnsureUnique(root, folder, pack, packs);
                packs.Add(pack);
            }
            catch (PackLoadException e)
            {
                // Kept only in the log and on the page, so a refused pack's load context must not stay alive here.
                failures.Add(new PackLoadFailure(folder.Path, e.Message, e.InnerException, id, version));
            }
            catch (Exception e)
            {
                // A pack is third-party code: whatever it throws must not stop the host or the other packs.
                failures.Add(new PackLoadFailure(folder.Path, $"指标包“{folder.Name}”加载失败：{e.Message}", e, id, version));
            }
        }

        return new PackCatalog(root, packs, failures, disabled, installed ?? []);
    }

    /// <summary>
    /// Loads the code of one pack folder whose files passed their hash check: the one place that decides how a
    /// kind of pack folder becomes a <see cref="LoadedPack"/>. A folder holds a code pack (an assembly) or a pack
    /// authored in Excel (<c>pack.xlsx</c>).
    /// </summary>
    private static LoadedPack LoadFolder(PackFolder folder, PackLoadSettings settings) =>
        WorkbookPackFolder.Holds(folder.Path) ? WorkbookPackFolder.Load(folder.Path) : PackLoader.Load(folder, settings);

    /// <summary>
    /// The versions a period pinned, as this catalog holds them: what every reading of that period's results goes
    /// through, so that an upgrade never changes how a period's scores are shown, appealed, paid or reported.
    /// </summary>
    /// <param name="pins">The period's pinned (pack id, version) pairs.</param>
    public PinnedPacks Pinned(IEnumerable<(string PackId, string Version)> pins)
    {
        var list = pins.ToList();
        return new PinnedPacks(
            list.Select(p => Find(p.PackId, p.Version)).OfType<LoadedPack>().ToList(),
            list.Where(p => Find(p.PackId, p.Version) is null).ToList());
    }

    /// <summary>The loaded version <paramref name="version"/> of pack <paramref name="packId"/>, active or not, or <c>null</c>.</summary>
    /// <param name="packId">A pack id, e.g. <c>one-plus-n</c>.</param>
    /// <param name="version">A version, e.g. <c>1.0.0</c>.</param>
    public LoadedPack? Find(string packId, string version) => versions.GetValueOrDefault((packId, version));

    /// <summary>Whether <paramref name="pack"/> is the active version of its pack.</summary>
    public bool IsActive(LoadedPack pack) => active.Contains(pack);

    /// <summary>Why a version is not loaded, in Chinese: refused (with the reason), disabled, or not found.</summary>
    /// <param name="packId">A pack id.</param>
    /// <param name="version">A version.</param>
    public string NotLoadedReason(string packId, string version)
    {
        if (Find(packId, version) is not null)
        {
            return "已加载";
        }

        if (Failures.FirstOrDefault(f => f.PackId == packId && f.Version == version) is { } failure)
        {
            return failure.Message;
        }

        return Disabled.Any(d => d.PackId == packId && d.Version == version)
            ? "该版本已停用"
            : "指标包目录中没有该版本";
    }

    /// <summary>The category with the given code in the active version of its pack, or <c>null</c>.</summary>
    /// <param name="code">A category code, e.g. <c>one-plus-n/operations</c>.</param>
    public BranchCategory? FindCategory(string code) =>
        categories.TryGetValue(code, out var entry) ? entry.Category : null;

    /// <summary>The active pack version that defines the category with the given code, or <c>null</c>.</summary>
    /// <param name="code">A category code, e.g. <c>one-plus-n/operations</c>.</param>
    public LoadedPack? FindPackOfCategory(string code) =>
        categories.TryGetValue(code, out var entry) ? entry.Pack : null;

    /// <summary>A pack folder's path relative to the packs folder, with <c>/</c>: how messages and records name it.</summary>
    /// <param name="directory">A pack folder under <see cref="Root"/>.</param>
    public string FolderName(string directory) => Path.GetRelativePath(Root, directory).Replace('\\', '/');

    private static void EnsureUnique(string root, PackFolder folder, LoadedPack pack, List<LoadedPack> loaded)
    {
        string Name(LoadedPack p) => Path.GetRelativePath(root, p.Directory).Replace('\\', '/');
        var (id, version) = (pack.Manifest.Id, pack.Manifest.Version);
        var same = loaded.FirstOrDefault(p => p.Manifest.Id == id && p.Manifest.Version == version);
        if (same is not null)
        {
            throw new PackLoadException(
                $"指标包“{folder.Name}”的标识“{id}”和版本 {version} 与已加载的指标包“{Name(same)}”相同，已拒绝加载。");
        }

        // Versions of one pack share their category codes; another pack may not claim them.
        foreach (var category in pack.Manifest.Categories)
        {
            var owner = loaded.FirstOrDefault(p => p.Manifest.Id != id && p.FindCategory(category.Code) is not null);
            if (owner is not null)
            {
                throw new PackLoadException(
                    $"指标包“{folder.Name}”的支部类别“{category.Code}”与已加载的指标包“{Name(owner)}”重复，已拒绝加载。");
            }
        }
    }
}

/// <summary>The pack versions one period pinned, as loaded (see <see cref="PackCatalog.Pinned"/>).</summary>
public sealed class PinnedPacks
{
    internal PinnedPacks(IReadOnlyList<LoadedPack> packs, IReadOnlyList<(string PackId, string Version)> missing)
    {
        Packs = packs;
        Missing = missing;
    }

    /// <summary>The pinned versions that are loaded.</summary>
    public IReadOnlyList<LoadedPack> Packs { get; }

    /// <summary>The pinned versions that are not loaded (refused, or their folder is gone): their categories are unknown.</summary>
    public IReadOnlyList<(string PackId, string Version)> Missing { get; }

    /// <summary>The branch categories of the pinned versions.</summary>
    public IEnumerable<BranchCategory> Categories => Packs.SelectMany(p => p.Manifest.Categories);

    /// <summary>The category with the given code in the pinned version of its pack, or <c>null</c>.</summary>
    /// <param name="code">A category code.</param>
    public BranchCategory? FindCategory(string code) => Packs.Select(p => p.FindCategory(code)).FirstOrDefault(c => c is not null);

    /// <summary>The pinned version that defines the category with the given code, or <c>null</c>.</summary>
    /// <param name="code">A category code.</param>
    public LoadedPack? FindPackOfCategory(string code) => Packs.FirstOrDefault(p => p.FindCategory(code) is not null);
}
