using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Plugins.Tests;

public sealed class ManifestValidatorTests
{
    private static readonly GradeScale Grades = StandardSections.FiveStars;

    [Fact]
    public void Valid_manifest_has_no_problems()
    {
        Assert.Empty(ManifestValidator.Validate(Manifest(), [new FixedScorer("fixed")]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("One-Plus-N")]
    [InlineData("one plus n")]
    [InlineData("one_plus_n")]
    [InlineData("pack\n")]
    public void Id_must_be_lower_case_letters_digits_and_hyphens(string id)
    {
        var problems = ManifestValidator.Validate(Manifest() with { Id = id, Categories = [] }, []);

        Assert.Contains(problems, p => p.StartsWith($"标识“{id}”无效", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1.0.0", true)]
    [InlineData("0.1.0-beta.2+build.7", true)]
    [InlineData("1.0", false)]
    [InlineData("01.0.0", false)]
    [InlineData("1.0.0\n", false)]
    [InlineData("v1.0.0", false)]
    [InlineData("１.0.0", false)]
    public void Version_must_be_semver(string version, bool valid)
    {
        var problems = ManifestValidator.Validate(Manifest() with { Version = version }, [new FixedScorer("fixed")]);

        Assert.Equal(valid, !problems.Any(p => p.Contains("语义化版本", StringComparison.Ordinal)));
    }

    [Fact]
    public void Manifest_contract_major_must_be_the_hosts()
    {
        var problems = ManifestValidator.Validate(Manifest() with { ContractVersion = "2.0" }, [new FixedScorer("fixed")]);

        Assert.Equal("清单中的接口契约版本为 2.0，本系统接口契约为 1.0", Assert.Single(problems));
    }

    [Fact]
    public void Category_codes_start_with_the_pack_id_and_are_unique()
    {
        var category = Manifest().Categories[0];
        var manifest = Manifest() with { Categories = [category, category, category with { Code = "other/basic" }, category with { Code = "demo/" }] };

        var problems = ManifestValidator.Validate(manifest, [new FixedScorer("fixed")]);

        Assert.Contains("支部类别编码“demo/basic”重复", problems);
        Assert.Contains("支部类别编码“other/basic”须以“demo/”开头", problems);
        Assert.Contains("支部类别编码“demo/”须以“demo/”开头", problems);
    }

    [Fact]
    public void Indicators_need_unique_codes_non_negative_points_and_known_scorers()
    {
        var manifest = Manifest() with
        {
            Categories =
            [
                new BranchCategory("demo/basic", "类别",
                [
                    new Dimension("a", "甲", [new Indicator("a.one", "一", 5, new ManualRule("看材料")), new Indicator("a.code", "代码", 5, new CodeRule("missing"))]),
                    new Dimension("b", "乙", [new Indicator("a.one", "一", -1, new ManualRule("看材料"))]),
                ], Grades),
            ],
        };

        var problems = ManifestValidator.Validate(manifest, []);

        Assert.Equal(
            [
                "支部类别“demo/basic”的指标“a.code”引用的评分器“missing”不存在",
                "支部类别“demo/basic”的指标编码“a.one”重复",
                "支部类别“demo/basic”的指标“a.one”满分为负数（-1）",
            ],
            problems);
    }

    [Fact]
    public void Same_indicator_code_in_two_categories_is_fine()
    {
        var category = Manifest().Categories[0];
        var manifest = Manifest() with { Categories = [category, category with { Code = "demo/other" }] };

        Assert.Empty(ManifestValidator.Validate(manifest, [new FixedScorer("fixed")]));
    }

    [Theory]
    [InlineData("12345热线", "branchCode", "value", true)]
    [InlineData(" ", "branchCode", "value", false)]
    [InlineData("12345热线", "", "value", false)]
    [InlineData("12345热线", "code", "code", false)]
    [InlineData("12345热线", "code ", "value", false)]
    public void A_declared_kpi_data_source_needs_a_name_and_two_distinct_fields(string name, string branchField, string valueField, bool valid)
    {
        var rule = new KpiTargetRule("hotline-response-hours", 24, 4, KpiDirection.LowerIsBetter) { DataSource = new KpiDataSource(name, branchField, valueField) };
        var manifest = Manifest() with
        {
            Categories = [Manifest().Categories[0] with { Dimensions = [.. Manifest().Categories[0].Dimensions, new Dimension("kpi", "指标", [new Indicator("kpi.hotline", "热线", 5, rule)])] }],
        };

        var problems = ManifestValidator.Validate(manifest, [new FixedScorer("fixed")]);

        Assert.Equal(valid, !problems.Any(p => p.Contains("数据源", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_manifest_of_a_newer_contract_minor_is_refused()
    {
        var problems = ManifestValidator.Validate(Manifest() with { ContractVersion = $"{HostContract.Major}.{HostContract.Minor + 1}" }, [new FixedScorer("fixed")]);

        Assert.Contains(problems, p => p.Contains("请升级本系统", StringComparison.Ordinal));
    }

    private static PackManifest Manifest() => new(
        "demo",
        "1.0.0",
        "示例",
        [
            new BranchCategory("demo/basic", "类别",
            [
                StandardSections.ThreeMeetingsOneLesson(),
                new Dimension("code", "代码评分", [new Indicator("code.fixed", "固定", 5, new CodeRule("fixed"))]),
            ], Grades),
        ]);

    private sealed class FixedScorer(string id) : IIndicatorScorer
    {
        public string Id => id;

        public IndicatorResult Score(Indicator indicator, BranchEvidence evidence) => new(indicator.MaxPoints, "固定满分");
    }
}
