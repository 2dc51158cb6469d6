namespace Appraisal.PartyBuilding.Plugins.Tests;

/// <summary>A pack folder whose files no longer match its hash list, or an installed version whose content changed, is refused before its code runs.</summary>
public sealed class PackIntegrityTests
{
    [Fact]
    public void Every_built_pack_folder_carries_a_hash_list_that_matches_its_files()
    {
        foreach (var folder in new[] { Path.Combine(BuiltPacks.Real, "Appraisal.PartyBuilding.Packs.OnePlusN"), Path.Combine(BuiltPacks.Fixtures, "PrivateDependencyPack") })
        {
            var lines = File.ReadAllLines(Path.Combine(folder, PackHashes.FileName));
            var computed = PackHashes.Compute(folder);

            Assert.Equal(computed.Count, lines.Length);
            Assert.All(lines, line => Assert.Equal(computed[line[66..]], line[..64]));
            Assert.Contains(Path.GetFileName(folder) + ".dll", computed.Keys);
        }
    }

    [Fact]
    public void A_changed_file_is_refused_before_any_code_loads_and_the_others_still_load()
    {
        using var folder = TempPacksFolder.WithFixtures("PrivateDependencyPack");
        var installed = folder.Install(Path.Combine(BuiltPacks.Fixtures, "GoodPackV2"), "good", "2.0.0");
        using (var dll = File.OpenWrite(Path.Combine(installed, "GoodPack.dll")))
        {
            dll.Seek(0, SeekOrigin.End);
            dll.WriteByte(0);
        }

        var catalog = PackCatalog.Load(folder.Path);

        var failure = Assert.Single(catalog.Failures);
        Assert.Equal(
            "指标包“good/2.0.0”的文件与其哈希清单 pack.sha256 不一致（被改动：GoodPack.dll），文件在生成后被改动过，已拒绝加载。",
            failure.Message);
        Assert.Equal(("good", "2.0.0"), (failure.PackId, failure.Version));
        Assert.Equal("private-dependency", Assert.Single(catalog.Packs).Manifest.Id);
        Assert.False(SideBySideTests.LoadedFrom(installed));
        Assert.Equal(failure.Message, catalog.NotLoadedReason("good", "2.0.0"));
    }

    [Fact]
    public void An_added_or_a_removed_file_is_refused()
    {
        using var folder = new TempPacksFolder();
        var added = folder.Install(Path.Combine(BuiltPacks.Fixtures, "GoodPack"), "good", "1.0.0");
        File.WriteAllText(Path.Combine(added, "evil.dll"), "x");
        var removed = folder.Install(Path.Combine(BuiltPacks.Fixtures, "GoodPackV2"), "good", "2.0.0");
        File.Delete(Path.Combine(removed, "GoodPack.pdb"));

        var messages = PackCatalog.Load(folder.Path).Failures.Select(f => f.Message).ToList();

        Assert.Equal(
            [
                "指标包“good/1.0.0”的文件与其哈希清单 pack.sha256 不一致（多出：evil.dll），文件在生成后被改动过，已拒绝加载。",
                "指标包“good/2.0.0”的文件与其哈希清单 pack.sha256 不一致（缺少：GoodPack.pdb），文件在生成后被改动过，已拒绝加载。",
            ],
            messages);
    }

    [Fact]
    public void A_folder_without_a_hash_list_is_refused()
    {
        using var folder = TempPacksFolder.WithFixtures("GoodPack");
        File.Delete(Path.Combine(folder.Path, "GoodPack", PackHashes.FileName));

        var failure = Assert.Single(PackCatalog.Load(folder.Path).Failures);

        Assert.Equal("指标包“GoodPack”缺少文件哈希清单 pack.sha256（由指标包构建生成），无法确认文件未被改动，已拒绝加载。", failure.Message);
    }

    [Theory]
    [InlineData("../GoodPack.dll")]
    [InlineData("/etc/passwd")]
    [InlineData("not-a-hash")]
    public void A_hash_list_line_that_is_not_a_hash_and_a_relative_path_is_refused(string path)
    {
        using var folder = TempPacksFolder.WithFixtures("GoodPack");
        var list = Path.Combine(folder.Path, "GoodPack", PackHashes.FileName);
        File.AppendAllText(list, path == "not-a-hash" ? "abc  GoodPack.dll\n" : new string('0', 64) + "  " + path + "\n");

        var failure = Assert.Single(PackCatalog.Load(folder.Path).Failures);

        Assert.StartsWith("指标包“GoodPack”的文件哈希清单 pack.sha256 第6行格式不对", failure.Message);
    }

    [Fact]
    public void An_installed_version_changed_together_with_its_hash_list_is_refused_by_the_digest_recorded_at_installation()
    {
        using var folder = new TempPacksFolder();
        var installed = folder.Install(Path.Combine(BuiltPacks.Fixtures, "GoodPack"), "good", "1.0.0");
        var recorded = PackHashes.Digest(PackHashes.Compute(installed));
        File.AppendAllText(Path.Combine(installed, "GoodPack.runtimeconfig.json"), " ");
        var now = PackHashes.Write(installed);

        var catalog = PackCatalog.Load(folder.Path, [new PackInstallRecord("good", "1.0.0", recorded, Enabled: true)]);

        Assert.Empty(catalog.Versions);
        Assert.Equal(
            $"指标包“good/1.0.0”的文件与安装时登记的不一致（登记摘要 {recorded[..12]}…，现为 {now[..12]}…）：已安装的版本不能改动，如需修改请提高版本号后重新上传，已拒绝加载。",
            Assert.Single(catalog.Failures).Message);
        Assert.False(SideBySideTests.LoadedFrom(installed));
    }

    [Fact]
    public void A_build_folder_rebuilt_under_the_same_version_loads_and_reports_its_new_digest()
    {
        // The build shape ships with the application and is replaced by each deployment: the host records the new
        // digest and audits it (Startup) rather than refusing it.
        using var folder = TempPacksFolder.WithFixtures("GoodPack");

        var catalog = PackCatalog.Load(folder.Path, [new PackInstallRecord("good", "1.0.0", new string('0', 64), Enabled: true)]);

        var pack = Assert.Single(catalog.Packs);
        Assert.Equal(PackHashes.Digest(PackHashes.Compute(pack.Directory)), pack.Digest);
        Assert.NotEqual(new string('0', 64), pack.Digest);
    }

    [Fact]
    public void A_catalog_says_whether_the_host_has_anything_to_record_about_it()
    {
        // Start-up records only what is new (issue 11, goal 6): a version without a record, or a build folder whose
        // digest changed; a restart that finds every loaded version recorded as it is writes nothing.
        using var folder = TempPacksFolder.WithFixtures("GoodPack");
        var digest = PackCatalog.Load(folder.Path).Versions.Single().Digest!;

        Assert.False(PackCatalog.Load(folder.Path).AllRecorded);
        Assert.False(PackCatalog.Load(folder.Path, [new PackInstallRecord("good", "1.0.0", new string('0', 64), Enabled: true)]).AllRecorded);
        Assert.False(PackCatalog.Load(folder.Path, [new PackInstallRecord("good", "2.0.0", digest, Enabled: true)]).AllRecorded);
        var recorded = PackCatalog.Load(folder.Path, [new PackInstallRecord("good", "1.0.0", digest, Enabled: true)]);
        Assert.True(recorded.AllRecorded);
        Assert.Equal(digest, Assert.Single(recorded.Installed).Digest);
    }
}
