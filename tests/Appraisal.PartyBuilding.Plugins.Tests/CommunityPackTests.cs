using Appraisal.PartyBuilding.Contracts;
using static Appraisal.PartyBuilding.Plugins.Tests.RealPackScoring;

namespace Appraisal.PartyBuilding.Plugins.Tests;

/// <summary>The built <c>community</c> pack, loaded through <see cref="PackCatalog"/> and scored through the engine.</summary>
public sealed class CommunityPackTests : IDisposable
{
    private const string Rural = "community/rural";
    private const string Urban = "community/urban";

    private readonly RealPackScoring packs = new("Appraisal.PartyBuilding.Packs.Community");

    public void Dispose() => packs.Dispose();

    [Fact]
    public void Both_categories_are_100_points_with_the_standard_section_first_and_four_grades()
    {
        Assert.Equal(("community", "1.0.0"), (packs.Pack.Manifest.Id, packs.Pack.Manifest.Version));
        foreach (var code in new[] { Rural, Urban })
        {
            var category = packs.Category(code);
            Assert.Equal(100, category.MaxPoints);
            Assert.Equal("shyk", category.Dimensions[0].Code);
            Assert.Equal(StandardSections.ThreeMeetingsOneLesson().Indicators, category.Dimensions[0].Indicators);
            Assert.Equal(60, category.Dimensions.Skip(1).Sum(d => d.MaxPoints));
            Assert.Equal([("优秀", 90m), ("良好", 75m), ("一般", 60m), ("较差", 0m)], category.Grades.Bands.Select(b => (b.Name, b.MinPercent)));
            Assert.Contains(category.Dimensions.SelectMany(d => d.Indicators), i => i.Rule is VetoRule { Effect: VetoEffect.CapGrade, GradeCap: "较差" });
            Assert.All(category.Dimensions, d => Assert.All(d.Indicators, i => Assert.StartsWith(d.Code + ".", i.Code)));
        }

        var rural = packs.Category(Rural).Dimensions.ToDictionary(d => d.Code);
        Assert.Equal(["shyk", "collective-economy", "revitalization", "governance"], rural.Keys);
        Assert.Contains(rural["collective-economy"].Indicators, i => i.Rule is KpiTargetRule { KpiCode: "collective-income-growth-rate" });
        Assert.Contains(rural["revitalization"].Indicators, i => i.Rule is BonusRule { CaseType: "urgent-need-solved" });
        var urban = packs.Category(Urban).Dimensions.ToDictionary(d => d.Code);
        Assert.Equal(["shyk", "grid", "service", "conduct"], urban.Keys);
        Assert.Equal(
            ["grid-event-handling-rate", "dispute-resolution-rate", "hotline-response-hours"],
            urban["grid"].Indicators.Select(i => ((KpiTargetRule)i.Rule).KpiCode));
        Assert.Equal(new CodeRule("resident-service-dual"), urban["service"].Indicators[0].Rule);
        Assert.NotNull(packs.Pack.FindScorer("resident-service-dual"));
    }

    [Fact]
    public void Urban_declares_data_sources_for_the_grid_and_hotline_kpis_and_its_manifest_file_lists_them()
    {
        var grid = packs.Category(Urban).Dimensions.Single(d => d.Code == "grid").Indicators.ToDictionary(i => ((KpiTargetRule)i.Rule).KpiCode, i => ((KpiTargetRule)i.Rule).DataSource);

        Assert.Equal(new KpiDataSource("网格化社会治理平台", "branchCode", "handlingRate"), grid["grid-event-handling-rate"]);
        Assert.Equal(new KpiDataSource("12345政务服务便民热线", "branchCode", "responseHours"), grid["hotline-response-hours"]);
        Assert.Null(grid["dispute-resolution-rate"]);
        var file = File.ReadAllText(Path.Combine(packs.Pack.Directory, PackManifestFile.FileName));
        Assert.Equal(PackManifestFile.ToJson(packs.Pack.Manifest), file);
        Assert.Contains("\"ValueField\": \"responseHours\"", file);
        // A rule without a source is written as before the contract had sources, so manifests (and signatures) of packs that use none do not change.
        Assert.Equal(2, file.Split("\"DataSource\"").Length - 1);
    }

    [Fact]
    public void Rural_branch_with_every_record_gets_full_marks_and_优秀()
    {
        var category = packs.Category(Rural);
        var evidence = new BranchEvidence(Q3, Branch(Rural), CompleteQuarter())
        {
            Kpis = [new KpiValue("collective-income-growth-rate", 12.5m)],
            Events = [.. Events("urgent-need-solved", 3, "帮助困难户解决饮水问题")],
            Ratings = [.. Answers("villager-satisfaction", RaterGroup.ServiceRecipient, 30, 100), .. Answers("villager-satisfaction", RaterGroup.Leader, 3, 100)],
            ManualScores = FullManualScores(category),
        };

        var score = packs.Score(evidence);

        Assert.Equal(100m, score.Total);
        Assert.Equal("优秀", score.Grade);
        Assert.Empty(score.Vetoes);
        Assert.All(score.Indicators, i => Assert.Equal(i.MaxPoints, i.Score));
        Assert.Contains("达到目标值，得满分", Indicator(score, "collective-economy.income-growth").Explanation);
        Assert.Equal("本季度无扣分事项，得满分", Indicator(score, "collective-economy.assets").Explanation);
        Assert.Equal("加6分：7月2日、7月9日、7月16日帮助困难户解决饮水问题", Indicator(score, "revitalization.urgent-needs").Explanation);
    }

    [Fact]
    public void Rural_branch_without_evidence_keeps_only_the_deduction_points_and_is_told_what_is_missing()
    {
        var score = packs.Score(new BranchEvidence(Q3, Branch(Rural), []));

        // Nothing went wrong, so the three deduction indicators keep their 8 + 6 + 3 points; nothing else scores.
        Assert.Equal(17m, score.Total);
        Assert.Equal("较差", score.Grade);
        Assert.Equal("党员大会：本季度未开", Indicator(score, "shyk.assembly").Explanation);
        Assert.Equal("支委会：7月、8月、9月均未开", Indicator(score, "shyk.committee").Explanation);
        Assert.Equal("未报送指标值（村集体经济收入同比增长率（%）），得0分", Indicator(score, "collective-economy.income-growth").Explanation);
        Assert.Equal("待考核员评分", Indicator(score, "revitalization.industry").Explanation);
        Assert.Equal("本季度无加分事项", Indicator(score, "revitalization.urgent-needs").Explanation);
        Assert.Equal("暂无评价，得0分", Indicator(score, "governance.villager-satisfaction").Explanation);
        Assert.Equal(0m, score.Indicators.Where(i => i.Code.StartsWith("shyk.", StringComparison.Ordinal)).Sum(i => i.Score));
    }

    [Fact]
    public void Rural_growth_in_between_scores_in_proportion_and_deductions_and_vetoes_apply()
    {
        var category = packs.Category(Rural);
        var evidence = new BranchEvidence(Q3, Branch(Rural), CompleteQuarter())
        {
            Kpis = [new KpiValue("collective-income-growth-rate", 5m)],
            Events =
            [
                new EvidenceEvent("collective-assets-irregularity", D(8, 3), "集体资产出租未公开"),
                new EvidenceEvent("escalated-petition", D(9, 12), "土地流转纠纷越级上访"),
                new EvidenceEvent("collective-funds-misappropriation", D(9, 20), "挪用集体资金"),
                new EvidenceEvent("serious-discipline-case", D(9, 25), "村干部严重违纪被立案"),
            ],
            ManualScores = FullManualScores(category),
        };

        var score = packs.Score(evidence);

        var growth = Indicator(score, "collective-economy.income-growth");
        // 5 % growth is half-way from 0 % to 10 %: 6 of 12, then zeroed with its dimension by the misappropriation.
        Assert.Equal((6m, 0m), (growth.RawScore, growth.Score));
        Assert.Contains("介于门槛值与目标值之间，按比例得6分；因一票否决（侵占挪用集体资金（本维度清零））本维度清零，本项原得6分", growth.Explanation);
        var economy = score.Dimensions.Single(d => d.Code == "collective-economy");
        Assert.True(economy.Zeroed);
        Assert.Equal(0m, economy.Score);
        Assert.Contains("因一票否决（侵占挪用集体资金（本维度清零））本维度清零", Indicator(score, "collective-economy.assets").Explanation);
        Assert.Equal(3m, Indicator(score, "governance.petitions").Score);
        Assert.Contains("9月12日土地流转纠纷越级上访", Indicator(score, "governance.petitions").Explanation);
        Assert.Equal("较差", score.Grade);
        Assert.Contains("村干部严重违纪被立案", score.GradeExplanation);
    }

    [Fact]
    public void Urban_branch_with_every_record_gets_full_marks()
    {
        var category = packs.Category(Urban);
        var evidence = new BranchEvidence(Q3, Branch(Urban), CompleteQuarter())
        {
            Kpis = [new KpiValue("grid-event-handling-rate", 99.2m), new KpiValue("dispute-resolution-rate", 98m), new KpiValue("hotline-response-hours", 3.5m)],
            Events = [.. Events("resident-service-activity", 7, "党群服务中心便民活动"), .. Events("urgent-need-solved", 5, "加装电梯协调")],
            Ratings = [.. Answers("resident-satisfaction", RaterGroup.ServiceRecipient, 40, 93)],
            ManualScores = FullManualScores(category),
        };

        var score = packs.Score(evidence);

        Assert.Equal(100m, score.Total);
        Assert.Equal("优秀", score.Grade);
        Assert.All(score.Indicators, i => Assert.Equal(i.MaxPoints, i.Score));
        Assert.Equal(
            "双指标（活动场次、居民满意度各占7.5分）：开展党群服务活动7场，达到目标6场（超出部分不加分），活动得7.5分；"
            + "居民满意度平均93分（40份评价），达到90分，满意度得7.5分；合计15分",
            Indicator(score, "service.dual-metric").Explanation);
        Assert.Contains("越低越好", Indicator(score, "grid.hotline-response").Explanation);
    }

    [Fact]
    public void Urban_branch_without_evidence_is_told_what_is_missing()
    {
        var score = packs.Score(new BranchEvidence(Q3, Branch(Urban), []));

        Assert.Equal(10m, score.Total); // the two deduction indicators, 6 + 4
        Assert.Equal("较差", score.Grade);
        Assert.Equal("未报送指标值（网格事件办结率（%）），得0分", Indicator(score, "grid.event-handling-rate").Explanation);
        Assert.Equal("未报送指标值（矛盾纠纷化解率（%）），得0分", Indicator(score, "grid.dispute-resolution-rate").Explanation);
        Assert.Equal(
            "双指标（活动场次、居民满意度各占7.5分）：本季度未开展党群服务活动（目标6场），活动得0分；暂无居民满意度评价，满意度得0分；合计0分",
            Indicator(score, "service.dual-metric").Explanation);
        Assert.Equal("待考核员评分", Indicator(score, "service.members-report").Explanation);
    }

    [Theory]
    [InlineData(12, 55, 20, 7.5, "开展党群服务活动12场，达到目标6场（超出部分不加分），活动得7.5分", "居民满意度平均55分（20份评价），未超过60分，满意度得0分")]
    [InlineData(2, 95, 15, 10, "开展党群服务活动2场，目标6场，少4场，活动得2.5分", "居民满意度平均95分（15份评价），达到90分，满意度得7.5分")]
    [InlineData(6, 92, 12, 15, "开展党群服务活动6场，达到目标6场，活动得7.5分", "居民满意度平均92分（12份评价），达到90分，满意度得7.5分")]
    [InlineData(3, 75, 10, 7.5, "开展党群服务活动3场，目标6场，少3场，活动得3.75分", "居民满意度平均75分（10份评价），介于60分与90分之间，满意度得3.75分")]
    [InlineData(0, 0, 0, 0, "本季度未开展党群服务活动（目标6场），活动得0分", "暂无居民满意度评价，满意度得0分")]
    [InlineData(6, 100, 9, 7.5, "开展党群服务活动6场，达到目标6场，活动得7.5分", "居民满意度评价仅9份（平均100分），不足10份，满意度得0分")]
    public void Dual_metric_needs_both_activities_and_satisfaction(
        int activities, int satisfaction, int answers, double expected, string activityText, string satisfactionText)
    {
        var evidence = new BranchEvidence(Q3, Branch(Urban), CompleteQuarter())
        {
            Events = [.. Events("resident-service-activity", activities, "党群服务活动")],
            Ratings = [.. Answers("resident-satisfaction", RaterGroup.ServiceRecipient, answers, satisfaction)],
        };

        var dual = Indicator(packs.Score(evidence), "service.dual-metric");

        Assert.Equal((decimal)expected, dual.Score);
        Assert.Equal(15m, dual.MaxPoints);
        Assert.Contains(activityText, dual.Explanation);
        Assert.Contains(satisfactionText, dual.Explanation);
        Assert.EndsWith(FormattableString.Invariant($"合计{expected}分"), dual.Explanation);
    }

    [Fact]
    public void Dual_metric_counts_only_the_quarters_activities_and_the_residents_answers()
    {
        var evidence = new BranchEvidence(Q3, Branch(Urban), [])
        {
            Events =
            [
                new EvidenceEvent("resident-service-activity", D(6, 30), "上季度活动"),
                new EvidenceEvent("resident-service-activity", D(10, 1), "下季度活动"),
                new EvidenceEvent("resident-service-activity", D(7, 1), "本季度活动"),
                new EvidenceEvent("urgent-need-solved", D(7, 2), "不是活动"),
            ],
            Ratings =
            [
                .. Answers("resident-satisfaction", RaterGroup.ServiceRecipient, 10, 90),
                .. Answers("resident-satisfaction", RaterGroup.Leader, 10, 0),
                .. Answers("other-question", RaterGroup.ServiceRecipient, 10, 0),
            ],
        };

        var dual = Indicator(packs.Score(evidence), "service.dual-metric");

        Assert.Equal(1.25m + 7.5m, dual.Score);
        Assert.Contains("开展党群服务活动1场", dual.Explanation);
        Assert.Contains("居民满意度平均90分（10份评价）", dual.Explanation);
    }
}
