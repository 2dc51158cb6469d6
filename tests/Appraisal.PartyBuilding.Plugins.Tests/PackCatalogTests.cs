using System.Reflection;
using System.Runtime.Loader;
using Appraisal.PartyBuilding.Contracts;
using Newtonsoft.Json;

namespace Appraisal.PartyBuilding.Plugins.Tests;

public sealed class PackCatalogTests
{
    [Fact]
    public void Good_pack_loads_with_its_category_and_scorer()
    {
        using var folder = TempPacksFolder.WithFixtures("GoodPack");

        var catalog = PackCatalog.Load(folder.Path);

        Assert.Empty(catalog.Failures);
        var pack = Assert.Single(catalog.Packs);
        Assert.Equal("good", pack.Manifest.Id);
        Assert.Equal("1.0.0", pack.Manifest.Version);
        Assert.Equal(HostContract.Version, pack.Manifest.ContractVersion);
        Assert.Equal(Path.Combine(folder.Path, "GoodPack"), pack.Directory);
        var category = Assert.Single(catalog.Categories);
        Assert.Same(category, catalog.FindCategory("good/basic"));
        Assert.Same(pack, catalog.FindPackOfCategory("good/basic"));
        Assert.Null(catalog.FindCategory("good/other"));
        Assert.Null(catalog.FindPackOfCategory("good/other"));

        var indicator = category.Dimensions.SelectMany(d => d.Indicators).Single(i => i.Rule is CodeRule);
        var scorer = pack.FindScorer(((CodeRule)indicator.Rule).ScorerId);
        Assert.NotNull(scorer);
        var result = scorer.Score(indicator, BuiltPacks.Evidence(category.Code));
        Assert.Equal(10, result.Score);
        Assert.Equal("党员 12 人", result.Explanation);
    }

    [Fact]
    public void Contract_types_are_the_hosts_in_the_pack()
    {
        using var folder = TempPacksFolder.WithFixtures("GoodPack");

        var pack = Assert.Single(PackCatalog.Load(folder.Path).Packs);

        var packType = pack.Instance.GetType();
        Assert.Same(typeof(IIndicatorPack), packType.GetInterfaces().Single(i => i.Name == nameof(IIndicatorPack)));
        Assert.Same(typeof(IIndicatorPack).Assembly, packType.GetInterfaces().Single().Assembly);
        Assert.Same(typeof(PackManifest), pack.Manifest.GetType());
        Assert.Equal(StandardSections.FiveStars.Bands, pack.Manifest.Categories[0].Grades.Bands);

        Assert.NotSame(AssemblyLoadContext.Default, pack.LoadContext);
        Assert.Same(pack.LoadContext, AssemblyLoadContext.GetLoadContext(packType.Assembly));
        Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(typeof(IIndicatorPack).Assembly));
        Assert.DoesNotContain(pack.LoadContext.Assemblies, a => a.GetName().Name == "Appraisal.PartyBuilding.Contracts");
        var contractAsSeenByPack = pack.LoadContext.LoadFromAssemblyName(typeof(IIndicatorPack).Assembly.GetName());
        Assert.Same(typeof(IIndicatorPack).Assembly, contractAsSeenByPack);
        Assert.True(pack.LoadContext.IsCollectible);
    }

    [Fact]
    public void Private_dependency_loads_at_the_packs_own_version_in_the_packs_context()
    {
        using var folder = TempPacksFolder.WithFixtures("PrivateDependencyPack");

        var catalog = PackCatalog.Load(folder.Path);

        Assert.Empty(catalog.Failures);
        var pack = Assert.Single(catalog.Packs);
        var indicator = pack.Manifest.Categories[0].Dimensions[0].Indicators[0];
        var result = pack.FindScorer("json-version")!.Score(indicator, BuiltPacks.Evidence("private-dependency/basic"));

        Assert.Equal("\"B001\" Newtonsoft.Json 12.0.0.0", result.Explanation);
        var hostJson = typeof(JsonConvert).Assembly;
        Assert.Equal(13, hostJson.GetName().Version!.Major);
        Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(hostJson));
        var packJson = Assert.Single(pack.LoadContext.Assemblies, a => a.GetName().Name == "Newtonsoft.Json");
        Assert.Equal(new Version(12, 0, 0, 0), packJson.GetName().Version);
        Assert.NotSame(hostJson, packJson);
        Assert.Same(pack.LoadContext, AssemblyLoadContext.GetLoadContext(packJson));
        Assert.Equal(Path.Combine(pack.Directory, "Newtonsoft.Json.dll"), packJson.Location);
    }

    [Fact]
    public void Broken_pack_is_reported_and_the_others_in_the_folder_still_load()
    {
        using var folder = TempPacksFolder.WithFixtures("BrokenPack", "GoodPack", "PrivateDependencyPack");

        var catalog = PackCatalog.Load(folder.Path);

        var failure = Assert.Single(catalog.Failures);
        Assert.Equal(Path.Combine(folder.Path, "BrokenPack"), failure.Directory);
        Assert.Contains("BrokenPack", failure.Message);
        Assert.Contains("测试用指标包故意在构造时失败", failure.Message);
        Assert.IsType<InvalidOperationException>(failure.Exception);
        Assert.Equal(["good", "private-dependency"], catalog.Packs.Select(p => p.Manifest.Id));
    }

    [Fact]
    public void Wrong_contract_pack_is_refused_before_any_of_it_is_loaded()
    {
        using var folder = TempPacksFolder.WithFixtures("GoodPack", "WrongContractPack");

        var catalog = PackCatalog.Load(folder.Path);

        var failure = Assert.Single(catalog.Failures);
        Assert.Equal(Path.Combine(folder.Path, "WrongContractPack"), failure.Directory);
        Assert.Equal("指标包“WrongContractPack”按接口契约 2.0 构建，本系统接口契约为 1.0，已拒绝加载。", failure.Message);
        Assert.Null(failure.Exception);
        Assert.Equal("good", Assert.Single(catalog.Packs).Manifest.Id);

        var everyAssembly = AssemblyLoadContext.All.SelectMany(c => c.Assemblies).Select(a => a.GetName()).ToList();
        Assert.DoesNotContain(everyAssembly, a => a.Name == "WrongContractPack");
        Assert.DoesNotContain(everyAssembly, a => a.Name == "Appraisal.PartyBuilding.Contracts" && a.Version!.Major != HostContract.Major);
        Assert.DoesNotContain(AssemblyLoadContext.All, c => c.Name?.Contains("WrongContractPack", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Missing_packs_folder_gives_an_empty_catalog_with_one_failure()
    {
        var missing = Path.Combine(Path.GetTempPath(), "pb-packs-missing-" + Guid.NewGuid().ToString("N"));

        var catalog = PackCatalog.Load(missing);

        Assert.Empty(catalog.Packs);
        Assert.Empty(catalog.Categories);
        var failure = Assert.Single(catalog.Failures);
        Assert.Equal(missing, failure.Directory);
        Assert.Equal($"指标包目录“{missing}”不存在，未加载任何指标包。", failure.Message);
    }

    [Fact]
    public void Empty_packs_folder_gives_an_empty_catalog_without_failures()
    {
        using var folder = new TempPacksFolder();

        var catalog = PackCatalog.Load(folder.Path);

        Assert.Empty(catalog.Packs);
        Assert.Empty(catalog.Failures);
    }

    [Fact]
    public void Another_version_of_a_pack_in_a_build_folder_loads_beside_it_and_becomes_active()
    {
        using var folder = TempPacksFolder.WithFixtures("GoodPack", "SameIdPack");

        var catalog = PackCatalog.Load(folder.Path);

        Assert.Empty(catalog.Failures);
        Assert.Equal(["1.0.0", "2.0.0"], catalog.Versions.Select(p => p.Manifest.Version));
        var active = Assert.Single(catalog.Packs);
        Assert.Equal("SameIdPack", Path.GetFileName(active.Directory));
        Assert.Equal("重复类别", catalog.FindCategory("good/basic")!.Name);
        Assert.Equal("测试类别", catalog.Find("good", "1.0.0")!.FindCategory("good/basic")!.Name);
    }

    [Fact]
    public void The_same_id_and_version_twice_is_refused()
    {
        using var folder = TempPacksFolder.WithFixtures("GoodPack");
        folder.Install(Path.Combine(BuiltPacks.Fixtures, "GoodPack"), "good", "1.0.0");

        var catalog = PackCatalog.Load(folder.Path);

        var pack = Assert.Single(catalog.Versions);
        Assert.Equal("GoodPack", Path.GetFileName(pack.Directory));
        var failure = Assert.Single(catalog.Failures);
        Assert.Equal("指标包“good/1.0.0”的标识“good”和版本 1.0.0 与已加载的指标包“GoodPack”相同，已拒绝加载。", failure.Message);
        Assert.Equal(("good", "1.0.0"), (failure.PackId, failure.Version));
    }

    [Fact]
    public void Assembly_without_a_contract_reference_is_refused()
    {
        using var folder = new TempPacksFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, "Newtonsoft.Json"));
        File.Copy(
            Path.Combine(BuiltPacks.Fixtures, "PrivateDependencyPack", "Newtonsoft.Json.dll"),
            Path.Combine(folder.Path, "Newtonsoft.Json", "Newtonsoft.Json.dll"));
        PackHashes.Write(Path.Combine(folder.Path, "Newtonsoft.Json"));

        var catalog = PackCatalog.Load(folder.Path);

        Assert.Empty(catalog.Packs);
        var failure = Assert.Single(catalog.Failures);
        Assert.Equal("指标包“Newtonsoft.Json”未引用接口契约程序集 Appraisal.PartyBuilding.Contracts，不是指标包，已拒绝加载。", failure.Message);
    }

    [Fact]
    public void Folder_without_its_main_assembly_is_refused()
    {
        using var folder = new TempPacksFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, "Empty"));
        PackHashes.Write(Path.Combine(folder.Path, "Empty"));

        var failure = Assert.Single(PackCatalog.Load(folder.Path).Failures);

        Assert.Equal("指标包“Empty”缺少主程序集“Empty.dll”：指标包目录名须与其主程序集名一致。", failure.Message);
    }

    [Fact]
    public void Folder_named_other_than_its_assembly_is_refused()
    {
        using var folder = new TempPacksFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, "Renamed"));
        File.Copy(Path.Combine(BuiltPacks.Fixtures, "GoodPack", "GoodPack.dll"), Path.Combine(folder.Path, "Renamed", "Renamed.dll"));
        PackHashes.Write(Path.Combine(folder.Path, "Renamed"));

        var failure = Assert.Single(PackCatalog.Load(folder.Path).Failures);

        Assert.Equal("指标包“Renamed”的主程序集名为“GoodPack”，与目录名不一致，已拒绝加载。", failure.Message);
    }

    [Fact]
    public void File_that_is_not_an_assembly_is_refused()
    {
        using var folder = new TempPacksFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, "Garbage"));
        File.WriteAllText(Path.Combine(folder.Path, "Garbage", "Garbage.dll"), "这不是程序集");
        PackHashes.Write(Path.Combine(folder.Path, "Garbage"));

        var failure = Assert.Single(PackCatalog.Load(folder.Path).Failures);

        Assert.Equal("指标包“Garbage”的主程序集“Garbage.dll”不是有效的 .NET 程序集。", failure.Message);
    }
}
