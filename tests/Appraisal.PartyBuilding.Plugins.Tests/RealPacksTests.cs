using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Plugins.Tests;

public sealed class RealPacksTests
{
    private const string OnePlusN = "Appraisal.PartyBuilding.Packs.OnePlusN";
    private const string Community = "Appraisal.PartyBuilding.Packs.Community";

    private static readonly string[] FoundationModules =
        ["political", "ideology", "shyk", "members", "conduct", "discipline", "institutions", "integration"];

    [Fact]
    public void One_plus_n_has_four_categories_of_420_points()
    {
        using var folder = TempPacksFolder.With(BuiltPacks.Real, OnePlusN);

        var catalog = PackCatalog.Load(folder.Path);

        Assert.Empty(catalog.Failures);
        var pack = Assert.Single(catalog.Packs);
        Assert.Equal(("one-plus-n", "1.0.0", "“1+N”党支部考核体系"), (pack.Manifest.Id, pack.Manifest.Version, pack.Manifest.Name));
        Assert.Equal(
            [("one-plus-n/management", "机关管理型"), ("one-plus-n/operations", "生产运行型"), ("one-plus-n/marketing", "营销服务型"), ("one-plus-n/support", "业务辅助型")],
            catalog.Categories.Select(c => (c.Code, c.Name)));

        foreach (var category in catalog.Categories)
        {
            Assert.Equal(420, category.MaxPoints);
            Assert.Equal(StandardSections.FiveStars.Bands, category.Grades.Bands);
            Assert.Equal([.. FoundationModules, "performance"], category.Dimensions.Select(d => d.Code));
            Assert.All(category.Dimensions.Take(8), d => Assert.Equal(40, d.MaxPoints));
            Assert.Equal(("业绩亮旗分", 100m), (category.Dimensions[8].Name, category.Dimensions[8].MaxPoints));
            Assert.All(category.Dimensions[8].Indicators, i => Assert.True(i.Rule is KpiTargetRule or RatingRule or BonusRule, i.Code));
        }
    }

    [Fact]
    public void One_plus_n_base_is_shared_and_its_n_differs_per_category()
    {
        using var folder = TempPacksFolder.With(BuiltPacks.Real, OnePlusN);

        var categories = PackCatalog.Load(folder.Path).Categories.ToList();

        var first = categories[0];
        // The host holds its own copy of each category's tree, so the shared base is compared by content.
        static string Shape(Dimension d) => $"{d.Code}:{d.Name}:" + string.Join(";", d.Indicators.Select(i => $"{i.Code}|{i.Name}|{i.MaxPoints}|{i.Rule.GetType().Name}"));
        Assert.All(categories, c => Assert.Equal(first.Dimensions.Take(8).Select(Shape), c.Dimensions.Take(8).Select(Shape)));
        var performanceIndicators = categories.Select(c => string.Join(",", c.Dimensions[8].Indicators.Select(i => i.Code))).ToList();
        Assert.Equal(4, performanceIndicators.Distinct().Count());
        Assert.Contains(categories.Single(c => c.Code == "one-plus-n/operations").Dimensions[8].Indicators, i => i.Name == "安全生产天数");
        Assert.Contains(categories.Single(c => c.Code == "one-plus-n/marketing").Dimensions[8].Indicators, i => i.Name == "电费回收率");

        var shyk = first.Dimensions.Single(d => d.Code == "shyk");
        Assert.Equal(StandardSections.ThreeMeetingsOneLesson().Indicators, shyk.Indicators);
        var members = first.Dimensions.Single(d => d.Code == "members");
        Assert.Contains(members.Indicators, i => i.Rule is DeductionRule { EventType: "late-dues" });
        var discipline = first.Dimensions.Single(d => d.Code == "discipline");
        var veto = Assert.Single(discipline.Indicators, i => i.Rule is VetoRule);
        Assert.Equal(0, veto.MaxPoints);
        Assert.Equal(new VetoRule("serious-discipline-case", VetoEffect.CapGrade, "一星"), veto.Rule);
        Assert.Contains(discipline.Indicators, i => i.MaxPoints > 0);
        var codes = first.Dimensions.SelectMany(d => d.Indicators).Select(i => i.Code).ToList();
        Assert.All(first.Dimensions, d => Assert.All(d.Indicators, i => Assert.StartsWith(d.Code + ".", i.Code)));
        Assert.Equal(codes.Count, codes.Distinct().Count());
        var ruleKinds = first.Dimensions.Take(8).SelectMany(d => d.Indicators).Select(i => i.Rule.GetType()).ToHashSet();
        Assert.Superset(
            new HashSet<Type> { typeof(ManualRule), typeof(DeductionRule), typeof(KpiTargetRule), typeof(RatingRule), typeof(BonusRule), typeof(VetoRule) },
            ruleKinds);
    }

    [Fact]
    public void Community_has_rural_and_urban_with_the_standard_section()
    {
        using var folder = TempPacksFolder.With(BuiltPacks.Real, Community);

        var catalog = PackCatalog.Load(folder.Path);

        Assert.Empty(catalog.Failures);
        var pack = Assert.Single(catalog.Packs);
        Assert.Equal(("community", "1.0.0", "城乡社区党支部考核"), (pack.Manifest.Id, pack.Manifest.Version, pack.Manifest.Name));
        Assert.Equal([("community/rural", "农村党支部"), ("community/urban", "城市社区党支部")], catalog.Categories.Select(c => (c.Code, c.Name)));
        Assert.All(catalog.Categories, c =>
        {
            var shyk = c.Dimensions[0];
            Assert.Equal(StandardSections.ThreeMeetingsOneLesson().Indicators, shyk.Indicators);
            Assert.Equal(100, c.MaxPoints);
        });
    }

    [Fact]
    public void Every_pack_the_build_produced_loads_side_by_side()
    {
        var catalog = PackCatalog.Load(BuiltPacks.Real);

        Assert.Empty(catalog.Failures);
        Assert.Contains(catalog.Packs, p => p.Manifest.Id == "one-plus-n");
        Assert.Contains(catalog.Packs, p => p.Manifest.Id == "community");
        Assert.Contains(catalog.Packs, p => p.Manifest.Id == "five-good");
        Assert.NotNull(catalog.FindPackOfCategory("community/urban"));
        Assert.Equal("生产运行型", catalog.FindCategory("one-plus-n/operations")?.Name);
    }

    [Fact]
    public void Pack_folders_hold_the_pack_and_its_deps_but_not_the_contract()
    {
        foreach (var folder in new[] { Path.Combine(BuiltPacks.Real, OnePlusN), Path.Combine(BuiltPacks.Fixtures, "PrivateDependencyPack") })
        {
            var name = Path.GetFileName(folder);
            Assert.True(File.Exists(Path.Combine(folder, name + ".dll")), name);
            Assert.True(File.Exists(Path.Combine(folder, name + ".deps.json")), name);
            Assert.False(File.Exists(Path.Combine(folder, "Appraisal.PartyBuilding.Contracts.dll")), name);
        }

        Assert.True(File.Exists(Path.Combine(BuiltPacks.Fixtures, "PrivateDependencyPack", "Newtonsoft.Json.dll")));
    }
}
