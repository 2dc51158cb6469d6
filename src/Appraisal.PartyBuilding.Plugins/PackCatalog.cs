using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Plugins;

/// <summary>
/// The indicator packs installed in one folder, loaded once at start-up. A pack that is refused or fails is
/// reported in <see cref="Failures"/> and skipped; the others load regardless.
/// </summary>
public sealed class PackCatalog
{
    private readonly Dictionary<string, (LoadedPack Pack, BranchCategory Category)> categories;

    private PackCatalog(IReadOnlyList<LoadedPack> packs, IReadOnlyList<PackLoadFailure> failures)
    {
        Packs = packs;
        Failures = failures;
        categories = packs
            .SelectMany(p => p.Manifest.Categories.Select(c => (Pack: p, Category: c)))
            .ToDictionary(e => e.Category.Code, StringComparer.Ordinal);
    }

    /// <summary>The packs that loaded, in the order of their folder names.</summary>
    public IReadOnlyList<LoadedPack> Packs { get; }

    /// <summary>The pack folders that were refused or failed, with the reason in Chinese.</summary>
    public IReadOnlyList<PackLoadFailure> Failures { get; }

    /// <summary>The branch categories of all loaded packs.</summary>
    public IEnumerable<BranchCategory> Categories => Packs.SelectMany(p => p.Manifest.Categories);

    /// <summary>
    /// Loads every pack under <paramref name="packsPath"/>: one folder per pack, named after the pack's main
    /// assembly (<c>{folder}/{folder}.dll</c> with its <c>.deps.json</c>). Folders load in ordinal order of their
    /// names, so when two packs claim the same id or category code, the first by name wins on every start.
    /// Never throws for a bad pack or a missing folder: those become <see cref="Failures"/>.
    /// </summary>
    /// <param name="packsPath">The packs folder (<c>Packs:Path</c>); a relative path is taken from the current directory.</param>
    public static PackCatalog Load(string packsPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(packsPath);
        var root = Path.GetFullPath(packsPath);
        if (!Directory.Exists(root))
        {
            return new PackCatalog([], [new PackLoadFailure(root, $"指标包目录“{root}”不存在，未加载任何指标包。", null)]);
        }

        var packs = new List<LoadedPack>();
        var failures = new List<PackLoadFailure>();
        foreach (var directory in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            try
            {
                var pack = WorkbookPackFolder.Holds(directory) ? WorkbookPackFolder.Load(directory) : PackLoader.Load(directory);
                EnsureUnique(pack, packs);
                packs.Add(pack);
            }
            catch (PackLoadException e)
            {
                failures.Add(new PackLoadFailure(directory, e.Message, e.InnerException));
            }
            catch (Exception e)
            {
                // A pack is third-party code: whatever it throws must not stop the host or the other packs.
                failures.Add(new PackLoadFailure(
                    directory, $"指标包“{Path.GetFileName(directory)}”加载失败：{e.Message}", e));
            }
        }

        return new PackCatalog(packs, failures);
    }

    /// <summary>The category with the given code, or <c>null</c> when no loaded pack defines it.</summary>
    /// <param name="code">A category code, e.g. <c>one-plus-n/operations</c>.</param>
    public BranchCategory? FindCategory(string code) =>
        categories.TryGetValue(code, out var entry) ? entry.Category : null;

    /// <summary>The pack that defines the category with the given code, or <c>null</c>.</summary>
    /// <param name="code">A category code, e.g. <c>one-plus-n/operations</c>.</param>
    public LoadedPack? FindPackOfCategory(string code) =>
        categories.TryGetValue(code, out var entry) ? entry.Pack : null;

    private static void EnsureUnique(LoadedPack pack, List<LoadedPack> loaded)
    {
        var folder = Path.GetFileName(pack.Directory);
        var sameId = loaded.FirstOrDefault(p => string.Equals(p.Manifest.Id, pack.Manifest.Id, StringComparison.Ordinal));
        if (sameId is not null)
        {
            throw new PackLoadException(
                $"指标包“{folder}”的标识“{pack.Manifest.Id}”与已加载的指标包“{Path.GetFileName(sameId.Directory)}”重复，已拒绝加载。");
        }

        foreach (var category in pack.Manifest.Categories)
        {
            var owner = loaded.FirstOrDefault(p => p.Manifest.Categories.Any(c => string.Equals(c.Code, category.Code, StringComparison.Ordinal)));
            if (owner is not null)
            {
                throw new PackLoadException(
                    $"指标包“{folder}”的支部类别“{category.Code}”与已加载的指标包“{Path.GetFileName(owner.Directory)}”重复，已拒绝加载。");
            }
        }
    }
}
