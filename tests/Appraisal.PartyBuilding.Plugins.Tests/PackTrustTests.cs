using System.Diagnostics;
using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Plugins.Tests;

/// <summary>Pack code runs within the time limit, and the manifest it returns must be the one its file declares.</summary>
public sealed class PackTrustTests
{
    private static readonly PackLoadSettings OneSecond = new(TimeSpan.FromSeconds(1));

    [Fact]
    public void A_constructor_that_never_returns_is_abandoned_after_the_time_limit_and_the_other_packs_load()
    {
        using var folder = TempPacksFolder.WithFixtures("GoodPack", "HangingPack");
        var started = Stopwatch.StartNew();

        var catalog = PackCatalog.Load(folder.Path, settings: OneSecond);

        // The constructor never returns, so finishing at all shows it was abandoned; the bound is loose for a loaded machine.
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), started.Elapsed.ToString());
        var failure = Assert.Single(catalog.Failures);
        Assert.Equal("指标包“HangingPack”创建超过 1 秒仍未完成（Packs:CallTimeout），已拒绝加载。", failure.Message);
        Assert.IsType<PackCallTimeoutException>(failure.Exception);
        Assert.Equal("good", Assert.Single(catalog.Packs).Manifest.Id);
    }

    [Fact]
    public void A_scorer_past_the_time_limit_fails_the_call_with_the_pack_and_indicator_named()
    {
        var indicator = new Indicator("slow.one", "慢指标", 10, new CodeRule("slow"));
        var scorer = new TimedScorer(new SleepingScorer(TimeSpan.FromSeconds(30)), "slow", "slow-pack", TimeSpan.FromMilliseconds(200));
        var quick = new TimedScorer(new SleepingScorer(TimeSpan.Zero), "slow", "slow-pack", TimeSpan.FromSeconds(5));

        var error = Assert.Throws<PackCallTimeoutException>(() => scorer.Score(indicator, BuiltPacks.Evidence("slow/basic")));

        Assert.Equal("指标包“slow-pack”的计分器“slow”为指标“slow.one”计分超过 0.2 秒仍未完成（Packs:CallTimeout），本次计分已中止。", error.Message);
        Assert.Equal(new IndicatorResult(3, "按时完成"), quick.Score(indicator, BuiltPacks.Evidence("slow/basic")));
    }

    [Fact]
    public void A_pack_whose_code_returns_another_manifest_than_its_file_is_refused()
    {
        using var folder = TempPacksFolder.WithFixtures("GoodPack");
        var pack = Path.Combine(folder.Path, "GoodPack");
        var file = Path.Combine(pack, PackManifestFile.FileName);
        File.WriteAllText(file, File.ReadAllText(file).Replace("\"MaxPoints\": 10,", "\"MaxPoints\": 100,", StringComparison.Ordinal));
        PackHashes.Write(pack);

        var failure = Assert.Single(PackCatalog.Load(folder.Path).Failures);

        Assert.Equal(
            "指标包“GoodPack”运行时给出的清单与其清单文件 pack.manifest.json 不一致（清单文件由指标包构建生成，随包签名），已拒绝加载。",
            failure.Message);
    }

    [Fact]
    public void The_manifest_file_the_build_wrote_is_what_the_loaded_pack_serializes_to()
    {
        using var folder = TempPacksFolder.WithFixtures("GoodPack");

        var pack = Assert.Single(PackCatalog.Load(folder.Path).Packs);

        Assert.Equal(File.ReadAllText(Path.Combine(pack.Directory, PackManifestFile.FileName)), PackManifestFile.ToJson(pack.Manifest));
        Assert.Contains("\"$type\": \"RecordFrequencyRule\"", PackManifestFile.ToJson(pack.Manifest), StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_of_a_kind_the_contract_does_not_define_is_refused()
    {
        var manifest = new PackManifest("odd", "1.0.0", "奇怪的包", [
            new BranchCategory("odd/basic", "类别", [new Dimension("d", "维度", [new Indicator("d.1", "指标", 1, new OddRule())])], StandardSections.FiveStars),
        ]);

        var error = Assert.ThrowsAny<Exception>(() => PackManifestFile.HostCopy(manifest));

        Assert.Contains("不是接口契约定义的规则", error.Message, StringComparison.Ordinal);
    }

    private sealed record OddRule : IndicatorRule;

    private sealed class SleepingScorer(TimeSpan sleep) : IIndicatorScorer
    {
        public string Id => "slow";

        public IndicatorResult Score(Indicator indicator, BranchEvidence evidence)
        {
            Thread.Sleep(sleep);
            return new IndicatorResult(3, "按时完成");
        }
    }
}
