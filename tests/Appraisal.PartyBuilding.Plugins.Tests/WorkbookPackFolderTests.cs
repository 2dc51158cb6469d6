using System.Runtime.Loader;
using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Scoring;
using Appraisal.PartyBuilding.Excel.Packs;

namespace Appraisal.PartyBuilding.Plugins.Tests;

/// <summary>A pack folder holding <c>pack.xlsx</c> instead of an assembly loads in <see cref="PackCatalog"/> like a code pack.</summary>
public sealed class WorkbookPackFolderTests
{
    [Fact]
    public void Folder_with_pack_xlsx_loads_next_to_code_packs_and_scores()
    {
        using var folder = TempPacksFolder.WithFixtures("GoodPack");
        var directory = WriteWorkbook(folder, "town-offices", Manifest("town-offices", "1.2.0"));

        var catalog = PackCatalog.Load(folder.Path);

        Assert.Empty(catalog.Failures);
        Assert.Equal(["good", "town-offices"], catalog.Packs.Select(p => p.Manifest.Id));
        var pack = catalog.Packs[1];
        Assert.Equal(("1.2.0", "镇属科室考核", HostContract.Version), (pack.Manifest.Version, pack.Manifest.Name, pack.Manifest.ContractVersion));
        Assert.Equal(directory, pack.Directory);
        Assert.IsType<WorkbookPack>(pack.Instance);
        Assert.Same(AssemblyLoadContext.Default, pack.LoadContext);
        Assert.Same(pack, catalog.FindPackOfCategory("town-offices/department"));

        var category = catalog.FindCategory("town-offices/department")!;
        var evidence = new BranchEvidence(new AssessmentQuarter(2026, 3), new BranchProfile("KS01", "党政办党支部", category.Code, 12, 3, []), [])
        {
            Kpis = [new KpiValue("on-time-rate", 95)],
        };
        var score = ScoringEngine.Score(category, evidence, pack.FindScorer);
        Assert.Equal(("shyk.group", 6m), (score.Indicators[2].Code, score.Indicators[2].Score)); // no groups: not applicable, full marks
        Assert.Equal(5m, score.Indicators.Single(i => i.Code == "service.on-time").Score); // 95 is half-way from 90 to 100
    }

    [Fact]
    public void Workbook_pack_with_the_id_and_version_of_a_loaded_pack_is_refused()
    {
        using var folder = TempPacksFolder.WithFixtures("GoodPack");
        WriteWorkbook(folder, "ZZ-good-workbook", Manifest("good", "1.0.0"));

        var catalog = PackCatalog.Load(folder.Path);

        Assert.Equal("GoodPack", Path.GetFileName(Assert.Single(catalog.Packs).Directory));
        Assert.Equal("指标包“ZZ-good-workbook”的标识“good”和版本 1.0.0 与已加载的指标包“GoodPack”相同，已拒绝加载。", Assert.Single(catalog.Failures).Message);
    }

    [Fact]
    public void Workbook_with_errors_is_refused_quoting_row_and_column()
    {
        using var folder = new TempPacksFolder();
        WriteWorkbook(folder, "bad", Manifest("bad", "1.0"));

        var catalog = PackCatalog.Load(folder.Path);

        Assert.Empty(catalog.Packs);
        var failure = Assert.Single(catalog.Failures);
        Assert.Equal(
            "指标包“bad”的 pack.xlsx 有1处错误，已拒绝加载：第2行B列：工作表“指标包”：“版本”“1.0”不是有效的语义化版本号（SemVer，如 1.0.0、1.2.0-beta.1）。",
            failure.Message);
        Assert.Null(failure.Exception);
    }

    [Fact]
    public void File_named_pack_xlsx_that_is_not_a_workbook_is_refused()
    {
        using var folder = new TempPacksFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, "garbage"));
        File.WriteAllText(Path.Combine(folder.Path, "garbage", PackWorkbook.FileName), "不是Excel");
        PackHashes.Write(Path.Combine(folder.Path, "garbage"));

        var failure = Assert.Single(PackCatalog.Load(folder.Path).Failures);

        Assert.Equal("指标包“garbage”的 pack.xlsx 有1处错误，已拒绝加载：文件不是Excel（.xlsx）文件，请上传用模板填写的.xlsx文件。", failure.Message);
    }

    [Fact]
    public void Folder_with_both_an_assembly_and_pack_xlsx_is_refused()
    {
        using var folder = TempPacksFolder.WithFixtures("GoodPack");
        File.WriteAllBytes(Path.Combine(folder.Path, "GoodPack", PackWorkbook.FileName), PackWorkbook.Write(Manifest("town-offices", "1.0.0")));
        PackHashes.Write(Path.Combine(folder.Path, "GoodPack"));

        var catalog = PackCatalog.Load(folder.Path);

        Assert.Empty(catalog.Packs);
        Assert.Equal(
            "指标包“GoodPack”同时包含程序集“GoodPack.dll”和 pack.xlsx，无法确定按哪一个加载，已拒绝加载：请只保留其中一个。",
            Assert.Single(catalog.Failures).Message);
    }

    private static string WriteWorkbook(TempPacksFolder folder, string name, PackManifest manifest)
    {
        var directory = Path.Combine(folder.Path, name);
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, PackWorkbook.FileName), PackWorkbook.Write(manifest));
        PackHashes.Write(directory);
        return directory;
    }

    private static PackManifest Manifest(string id, string version) => new(
        id,
        version,
        "镇属科室考核",
        [
            new BranchCategory($"{id}/department", "镇属科室",
            [
                StandardSections.ThreeMeetingsOneLesson(),
                new Dimension("service", "服务群众",
                [
                    new Indicator("service.on-time", "办件按时办结率（%）", 10, new KpiTargetRule("on-time-rate", 90, 100, KpiDirection.HigherIsBetter)),
                    new Indicator("service.study", "业务学习", 10, new ManualRule("查看学习记录。")),
                ]),
            ], StandardSections.FiveStars),
        ]);
}
