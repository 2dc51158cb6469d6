namespace Appraisal.PartyBuilding.Plugins.Tests;

/// <summary>An unpacked upload is checked like an installed version: hashes, contract from metadata, then the manifest.</summary>
public sealed class PackInspectionTests
{
    [Fact]
    public void A_good_pack_is_described_by_its_manifest_and_digest()
    {
        using var folder = TempPacksFolder.WithFixtures("GoodPackV2");
        var staged = Path.Combine(folder.Path, "GoodPackV2");

        var result = PackInspection.Inspect(staged);

        Assert.Null(result.Problem);
        var pack = result.Pack!;
        Assert.Equal(("good", "2.0.0", "测试用指标包（第二版）", "1.0"), (pack.PackId, pack.Version, pack.Name, pack.ContractVersion));
        Assert.Equal([("good/basic", "测试类别")], pack.Categories);
        Assert.Equal(PackHashes.Digest(PackHashes.Compute(staged)), pack.Digest);
    }

    [Fact]
    public void A_pack_built_for_another_contract_major_is_refused_from_its_metadata_alone()
    {
        using var folder = TempPacksFolder.WithFixtures("WrongContractPack");
        var staged = Path.Combine(folder.Path, "WrongContractPack");

        var result = PackInspection.Inspect(staged);

        Assert.Null(result.Pack);
        Assert.Equal("指标包“上传的指标包”按接口契约 2.0 构建，本系统接口契约为 1.0，不能安装。", result.Problem);
        Assert.False(SideBySideTests.LoadedFrom(staged));
    }

    [Fact]
    public void An_invalid_manifest_lists_its_problems()
    {
        using var folder = TempPacksFolder.WithFixtures("InvalidManifestPack");

        var result = PackInspection.Inspect(Path.Combine(folder.Path, "InvalidManifestPack"));

        Assert.Equal("指标包“上传的指标包”的清单无效：版本号“1.0”不是有效的语义化版本（SemVer 2.0，如 1.2.0）；没有定义支部类别。", result.Problem);
    }

    [Fact]
    public void A_pack_that_throws_when_created_is_refused_with_its_message()
    {
        using var folder = TempPacksFolder.WithFixtures("BrokenPack");

        var result = PackInspection.Inspect(Path.Combine(folder.Path, "BrokenPack"));

        Assert.Equal("指标包“上传的指标包”创建 BrokenPack.BrokenPack 时出错：测试用指标包故意在构造时失败", result.Problem);
    }

    [Fact]
    public void A_folder_without_an_assembly_or_with_a_changed_file_is_refused()
    {
        using var folder = new TempPacksFolder();
        var notes = Path.Combine(folder.Path, "notes");
        Directory.CreateDirectory(notes);
        File.WriteAllText(Path.Combine(notes, "readme.txt"), "只有说明");
        PackHashes.Write(notes);
        var changed = folder.CopyFolder(Path.Combine(BuiltPacks.Fixtures, "GoodPackV2"), "changed");
        File.AppendAllText(Path.Combine(changed, "GoodPack.deps.json"), " ");

        Assert.Equal(
            "指标包“上传的指标包”中找不到主程序集：应有且只有一个“*.deps.json”及同名的“.dll”（即指标包构建的输出），现有 0 个 .deps.json，不能安装。",
            PackInspection.Inspect(notes).Problem);
        Assert.Equal(
            "指标包“上传的指标包”的文件与其哈希清单 pack.sha256 不一致（被改动：GoodPack.deps.json），文件在生成后被改动过，不能安装。",
            PackInspection.Inspect(changed).Problem);
    }
}
