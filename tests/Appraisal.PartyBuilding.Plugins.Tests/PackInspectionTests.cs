namespace Appraisal.PartyBuilding.Plugins.Tests;

/// <summary>
/// An unpacked upload is checked without running any of its code: hashes, signature, contract from metadata, then the
/// manifest from its data file.
/// </summary>
public sealed class PackInspectionTests
{
    [Fact]
    public void A_good_signed_pack_is_described_by_its_manifest_file_and_none_of_its_code_is_loaded()
    {
        using var key = new TestSigningKey();
        using var folder = TempPacksFolder.WithFixtures("GoodPackV2");
        var staged = key.Sign(Path.Combine(folder.Path, "GoodPackV2"));

        var result = PackInspection.Inspect(staged, key.Trusted);

        Assert.Null(result.Problem);
        var pack = result.Pack!;
        Assert.Equal(("good", "2.0.0", "测试用指标包（第二版）", "1.0"), (pack.PackId, pack.Version, pack.Name, pack.ContractVersion));
        Assert.Equal([("good/basic", "测试类别")], pack.Categories);
        Assert.Equal(PackHashes.Digest(PackHashes.Compute(staged)), pack.Digest);
        Assert.Equal(key.Fingerprint, pack.SignedBy);
        Assert.False(SideBySideTests.LoadedFrom(staged));
    }

    [Fact]
    public void A_pack_whose_constructor_throws_or_never_returns_passes_inspection_because_its_code_does_not_run()
    {
        using var key = new TestSigningKey();
        using var folder = TempPacksFolder.WithFixtures("BrokenPack", "HangingPack");

        foreach (var name in new[] { "BrokenPack", "HangingPack" })
        {
            var staged = key.Sign(Path.Combine(folder.Path, name));
            var started = System.Diagnostics.Stopwatch.StartNew();

            var result = PackInspection.Inspect(staged, key.Trusted);

            Assert.Null(result.Problem);
            // The hanging constructor never returns: any bound shows it did not run; a loose one keeps a loaded machine from failing it.
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), $"{name}: {started.Elapsed}");
            Assert.False(SideBySideTests.LoadedFrom(staged));
        }
    }

    [Fact]
    public void Unsigned_wrong_key_and_changed_after_signing_are_each_refused_with_the_reason()
    {
        using var key = new TestSigningKey();
        using var other = new TestSigningKey();
        using var folder = new TempPacksFolder();
        var unsigned = folder.CopyFolder(Path.Combine(BuiltPacks.Fixtures, "GoodPackV2"), "unsigned");
        var wrongKey = other.Sign(folder.CopyFolder(Path.Combine(BuiltPacks.Fixtures, "GoodPackV2"), "wrong-key"));
        var relisted = key.Sign(folder.CopyFolder(Path.Combine(BuiltPacks.Fixtures, "GoodPackV2"), "relisted"));
        File.AppendAllText(Path.Combine(relisted, "GoodPack.deps.json"), " ");
        PackHashes.Write(relisted);
        var changed = key.Sign(folder.CopyFolder(Path.Combine(BuiltPacks.Fixtures, "GoodPackV2"), "changed"));
        File.AppendAllText(Path.Combine(changed, PackManifestFile.FileName), " ");

        Assert.Equal(
            "指标包“上传的指标包”没有签名（缺少 pack.sig）：只能安装经组织部密钥签名的指标包，不能安装。",
            PackInspection.Inspect(unsigned, key.Trusted).Problem);
        Assert.Equal(
            "指标包“上传的指标包”的签名无效：不是由受信任的组织部密钥签名，或签名后哈希清单被改动过，不能安装。",
            PackInspection.Inspect(wrongKey, key.Trusted).Problem);
        Assert.Equal(
            "指标包“上传的指标包”的签名无效：不是由受信任的组织部密钥签名，或签名后哈希清单被改动过，不能安装。",
            PackInspection.Inspect(relisted, key.Trusted).Problem);
        Assert.Equal(
            "指标包“上传的指标包”的文件与其哈希清单 pack.sha256 不一致（被改动：pack.manifest.json），文件在生成后被改动过，不能安装。",
            PackInspection.Inspect(changed, key.Trusted).Problem);
        Assert.Equal(
            "本系统未配置受信任的指标包签名公钥（Packs:TrustedKeys），无法验证指标包“上传的指标包”的签名，不能安装。",
            PackInspection.Inspect(wrongKey, PackTrustedKeys.None).Problem);
    }

    [Fact]
    public void A_pack_built_for_another_contract_major_is_refused_from_its_metadata_alone()
    {
        using var key = new TestSigningKey();
        using var folder = TempPacksFolder.WithFixtures("WrongContractPack");
        var staged = key.Sign(Path.Combine(folder.Path, "WrongContractPack"));

        var result = PackInspection.Inspect(staged, key.Trusted);

        Assert.Null(result.Pack);
        Assert.Equal("指标包“上传的指标包”按接口契约 2.0 构建，本系统接口契约为 1.0，不能安装。", result.Problem);
        Assert.False(SideBySideTests.LoadedFrom(staged));
    }

    [Fact]
    public void An_invalid_manifest_file_lists_its_problems_and_a_missing_one_is_named()
    {
        using var key = new TestSigningKey();
        using var folder = TempPacksFolder.WithFixtures("InvalidManifestPack");
        var invalid = key.Sign(Path.Combine(folder.Path, "InvalidManifestPack"));
        var missing = folder.CopyFolder(Path.Combine(BuiltPacks.Fixtures, "GoodPackV2"), "no-manifest");
        File.Delete(Path.Combine(missing, PackManifestFile.FileName));
        PackHashes.Write(missing);
        key.Sign(missing);

        Assert.Equal(
            "指标包“上传的指标包”的清单无效：版本号“1.0”不是有效的语义化版本（SemVer 2.0，如 1.2.0）；没有定义支部类别。",
            PackInspection.Inspect(invalid, key.Trusted).Problem);
        Assert.Equal(
            "指标包“上传的指标包”缺少清单文件 pack.manifest.json（由指标包构建生成），不能安装。",
            PackInspection.Inspect(missing, key.Trusted).Problem);
    }

    [Fact]
    public void A_folder_without_an_assembly_or_with_a_changed_file_is_refused()
    {
        using var key = new TestSigningKey();
        using var folder = new TempPacksFolder();
        var notes = Path.Combine(folder.Path, "notes");
        Directory.CreateDirectory(notes);
        File.WriteAllText(Path.Combine(notes, "readme.txt"), "只有说明");
        PackHashes.Write(notes);
        key.Sign(notes);
        var changed = key.Sign(folder.CopyFolder(Path.Combine(BuiltPacks.Fixtures, "GoodPackV2"), "changed"));
        File.AppendAllText(Path.Combine(changed, "GoodPack.deps.json"), " ");

        Assert.Equal(
            "指标包“上传的指标包”中找不到主程序集：应有且只有一个“*.deps.json”及同名的“.dll”（即指标包构建的输出），现有 0 个 .deps.json，不能安装。",
            PackInspection.Inspect(notes, key.Trusted).Problem);
        Assert.Equal(
            "指标包“上传的指标包”的文件与其哈希清单 pack.sha256 不一致（被改动：GoodPack.deps.json），文件在生成后被改动过，不能安装。",
            PackInspection.Inspect(changed, key.Trusted).Problem);
    }
}
