namespace Appraisal.PartyBuilding.Plugins.Tests;

/// <summary>Hot reload: installed, enabled or disabled versions take effect without a restart, pinned ones stay.</summary>
public sealed class LivePackCatalogTests
{
    [Fact]
    public void A_version_copied_in_is_active_after_a_reload_and_the_unchanged_one_is_taken_over_without_running_its_code_again()
    {
        using var folder = new TempPacksFolder();
        folder.Install(Path.Combine(BuiltPacks.Fixtures, "GoodPack"), "good", "1.0.0");
        var state = new PackCatalogState([], new HashSet<(string, string)>());
        var live = new LivePackCatalog(folder.Path, PackLoadSettings.Default, () => state);
        var before = live.Current;
        var v1 = before.Find("good", "1.0.0")!;

        folder.Install(Path.Combine(BuiltPacks.Fixtures, "GoodPackV2"), "good", "2.0.0");
        var after = live.Reload();

        Assert.Same(after, live.Current);
        Assert.Equal("2.0.0", Assert.Single(after.Packs).Manifest.Version);
        Assert.Same(v1, after.Find("good", "1.0.0"));
        Assert.Equal("1.0.0", Assert.Single(before.Packs).Manifest.Version);
    }

    [Fact]
    public void A_disabled_version_is_unloaded_unless_a_period_that_is_not_final_pinned_it()
    {
        using var folder = new TempPacksFolder();
        folder.Install(Path.Combine(BuiltPacks.Fixtures, "GoodPack"), "good", "1.0.0");
        var v2Folder = folder.Install(Path.Combine(BuiltPacks.Fixtures, "GoodPackV2"), "good", "2.0.0");
        var digest = PackHashes.Digest(PackHashes.Compute(v2Folder));
        var state = new PackCatalogState([], new HashSet<(string, string)>());
        var live = new LivePackCatalog(folder.Path, PackLoadSettings.Default, () => state);
        var v2 = live.Current.Find("good", "2.0.0")!;

        state = new PackCatalogState([new PackInstallRecord("good", "2.0.0", digest, Enabled: false)], new HashSet<(string, string)> { ("good", "2.0.0") });
        Assert.Same(v2, live.Reload().Find("good", "2.0.0"));

        state = state with { Pinned = new HashSet<(string, string)>() };
        var reloaded = live.Reload();

        Assert.Null(reloaded.Find("good", "2.0.0"));
        Assert.Equal("1.0.0", Assert.Single(reloaded.Packs).Manifest.Version);
        Assert.Equal("该版本已停用", reloaded.NotLoadedReason("good", "2.0.0"));
        Assert.True(v2.LoadContext.IsCollectible);
    }

    [Fact]
    public void A_period_reads_the_versions_it_pinned_never_the_newest()
    {
        using var folder = new TempPacksFolder();
        folder.Install(Path.Combine(BuiltPacks.Fixtures, "GoodPack"), "good", "1.0.0");
        folder.Install(Path.Combine(BuiltPacks.Fixtures, "GoodPackV2"), "good", "2.0.0");
        var catalog = PackCatalog.Load(folder.Path);

        var pinned = catalog.Pinned([("good", "1.0.0"), ("gone", "1.0.0")]);

        Assert.Same(catalog.Find("good", "1.0.0"), pinned.FindPackOfCategory("good/basic"));
        Assert.Same(catalog.Find("good", "1.0.0")!.FindCategory("good/basic"), pinned.FindCategory("good/basic"));
        Assert.NotSame(catalog.FindCategory("good/basic"), pinned.FindCategory("good/basic"));
        Assert.Equal([("gone", "1.0.0")], pinned.Missing);
    }
}
