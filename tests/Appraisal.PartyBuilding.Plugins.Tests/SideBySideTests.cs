using System.Runtime.Loader;

namespace Appraisal.PartyBuilding.Plugins.Tests;

/// <summary>Several versions of one pack load together, each in its own context, and the newest enabled one is active.</summary>
public sealed class SideBySideTests
{
    [Fact]
    public void Two_versions_load_side_by_side_and_each_scores_by_its_own_rules()
    {
        using var folder = new TempPacksFolder();
        folder.Install(Path.Combine(BuiltPacks.Fixtures, "GoodPack"), "good", "1.0.0");
        folder.Install(Path.Combine(BuiltPacks.Fixtures, "GoodPackV2"), "good", "2.0.0");

        var catalog = PackCatalog.Load(folder.Path);

        Assert.Empty(catalog.Failures);
        var v1 = catalog.Find("good", "1.0.0")!;
        var v2 = catalog.Find("good", "2.0.0")!;
        Assert.Equal(Path.Combine(folder.Path, "good", "1.0.0"), v1.Directory);
        Assert.Equal(Path.Combine(folder.Path, "good", "2.0.0"), v2.Directory);
        Assert.NotSame(v1.LoadContext, v2.LoadContext);
        Assert.Equal("GoodPack", v1.Assembly.GetName().Name);
        Assert.Equal("GoodPack", v2.Assembly.GetName().Name);
        Assert.NotSame(v1.Instance.GetType(), v2.Instance.GetType());
        Assert.True(v1.LoadContext.IsCollectible && v2.LoadContext.IsCollectible);

        Assert.Equal((10m, "党员 12 人"), ScoreMembers(v1));
        Assert.Equal((6m, "党员 12 人，每 2 人计 1 分"), ScoreMembers(v2));

        Assert.Same(v2, Assert.Single(catalog.Packs));
        Assert.True(catalog.IsActive(v2));
        Assert.False(catalog.IsActive(v1));
        Assert.Same(v2.FindCategory("good/basic"), catalog.FindCategory("good/basic"));
        Assert.Same(v2, catalog.FindPackOfCategory("good/basic"));
        Assert.Equal(2, catalog.Versions.Count);
    }

    [Fact]
    public void The_active_version_is_the_newest_not_the_last_found()
    {
        using var folder = TempPacksFolder.WithFixtures("SameIdPack");
        folder.Install(Path.Combine(BuiltPacks.Fixtures, "GoodPack"), "good", "1.0.0");

        var catalog = PackCatalog.Load(folder.Path);

        Assert.Empty(catalog.Failures);
        Assert.Equal(["2.0.0", "1.0.0"], catalog.Versions.Select(p => p.Manifest.Version));
        Assert.Equal("2.0.0", Assert.Single(catalog.Packs).Manifest.Version);
    }

    [Fact]
    public void A_disabled_installed_version_stays_out_without_any_of_its_code_and_the_older_one_is_active()
    {
        using var folder = new TempPacksFolder();
        folder.Install(Path.Combine(BuiltPacks.Fixtures, "GoodPack"), "good", "1.0.0");
        var v2Folder = folder.Install(Path.Combine(BuiltPacks.Fixtures, "GoodPackV2"), "good", "2.0.0");
        var v2Digest = PackHashes.Digest(PackHashes.Compute(v2Folder));

        var catalog = PackCatalog.Load(folder.Path, [new PackInstallRecord("good", "2.0.0", v2Digest, Enabled: false)]);

        Assert.Empty(catalog.Failures);
        Assert.Null(catalog.Find("good", "2.0.0"));
        Assert.Equal(new DisabledPack("good", "2.0.0", v2Folder), Assert.Single(catalog.Disabled));
        Assert.Equal("1.0.0", Assert.Single(catalog.Packs).Manifest.Version);
        Assert.Equal("该版本已停用", catalog.NotLoadedReason("good", "2.0.0"));
        Assert.Equal("指标包目录中没有该版本", catalog.NotLoadedReason("good", "9.9.9"));
        Assert.False(LoadedFrom(v2Folder));
    }

    [Fact]
    public void A_disabled_build_folder_is_known_by_its_digest_and_never_loaded()
    {
        using var folder = TempPacksFolder.WithFixtures("GoodPack", "PrivateDependencyPack");
        var good = Path.Combine(folder.Path, "GoodPack");
        var digest = PackHashes.Digest(PackHashes.Compute(good));

        var catalog = PackCatalog.Load(folder.Path, [new PackInstallRecord("good", "1.0.0", digest, Enabled: false)]);

        Assert.Equal("private-dependency", Assert.Single(catalog.Packs).Manifest.Id);
        Assert.Equal(new DisabledPack("good", "1.0.0", good), Assert.Single(catalog.Disabled));
        Assert.False(LoadedFrom(good));
    }

    [Fact]
    public void An_installed_folder_must_hold_the_version_its_path_names()
    {
        using var folder = new TempPacksFolder();
        folder.Install(Path.Combine(BuiltPacks.Fixtures, "GoodPack"), "good", "3.0.0");

        var catalog = PackCatalog.Load(folder.Path);

        Assert.Empty(catalog.Versions);
        var failure = Assert.Single(catalog.Failures);
        Assert.Equal("目录“good/3.0.0”中的指标包是 good 1.0.0，与目录不一致（应放在“good/1.0.0”），已拒绝加载。", failure.Message);
    }

    [Fact]
    public void An_installed_folder_needs_exactly_one_deps_json_to_find_its_main_assembly()
    {
        using var folder = new TempPacksFolder();
        var installed = folder.Install(Path.Combine(BuiltPacks.Fixtures, "GoodPack"), "good", "1.0.0");
        File.Delete(Path.Combine(installed, "GoodPack.deps.json"));
        PackHashes.Write(installed);

        var failure = Assert.Single(PackCatalog.Load(folder.Path).Failures);

        Assert.Equal(
            "指标包“good/1.0.0”中找不到主程序集：应有且只有一个“*.deps.json”及同名的“.dll”（即指标包构建的输出），现有 0 个 .deps.json，已拒绝加载。",
            failure.Message);
    }

    [Fact]
    public void The_staging_folder_is_not_a_pack()
    {
        using var folder = TempPacksFolder.WithFixtures("GoodPack");
        folder.CopyFolder(Path.Combine(BuiltPacks.Fixtures, "BrokenPack"), Path.Combine(PackLayout.StagingFolder, "upload"));

        var catalog = PackCatalog.Load(folder.Path);

        Assert.Empty(catalog.Failures);
        Assert.Equal("good", Assert.Single(catalog.Packs).Manifest.Id);
    }

    private static (decimal, string) ScoreMembers(LoadedPack pack)
    {
        var category = pack.FindCategory("good/basic")!;
        var indicator = category.Dimensions.SelectMany(d => d.Indicators).Single(i => i.Code == "custom.members");
        var result = pack.FindScorer("member-count")!.Score(indicator, BuiltPacks.Evidence("good/basic"));
        return (result.Score, result.Explanation);
    }

    internal static bool LoadedFrom(string directory) =>
        AssemblyLoadContext.All.SelectMany(c => c.Assemblies)
            .Any(a => !a.IsDynamic && a.Location.StartsWith(directory, StringComparison.Ordinal));
}
