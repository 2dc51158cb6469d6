using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Scoring;
using static Appraisal.PartyBuilding.Plugins.Tests.RealPackScoring;

namespace Appraisal.PartyBuilding.Plugins.Tests;

/// <summary>The built <c>five-good</c> pack, loaded through <see cref="PackCatalog"/> and scored through the engine.</summary>
public sealed class FiveGoodPackTests : IDisposable
{
    private const string Department = "five-good/department";

    private static readonly string[] Questions =
        ["five-good-unity", "five-good-conduct", "five-good-effect", "five-good-discipline", "five-good-performance"];

    private readonly RealPackScoring packs = new("Appraisal.PartyBuilding.Packs.FiveGood");

    public void Dispose() => packs.Dispose();

    [Fact]
    public void One_category_of_five_dimensions_of_20_from_360_ratings_weighted_in_the_pack()
    {
        Assert.Equal(("five-good", "1.0.0", "五好科室考核（乡镇科室、站所）"), (packs.Pack.Manifest.Id, packs.Pack.Manifest.Version, packs.Pack.Manifest.Name));
        var category = Assert.Single(packs.Catalog.Categories);
        Assert.Equal((Department, "乡镇科室（站所）"), (category.Code, category.Name));
        Assert.Equal(["团结好", "作风好", "效果好", "自律好", "业绩好"], category.Dimensions.Select(d => d.Name));
        Assert.All(category.Dimensions, d => Assert.Equal(20, d.MaxPoints));
        Assert.Equal(100, category.MaxPoints);
        Assert.Equal([("优秀", 90m), ("良好", 80m), ("合格", 60m), ("不合格", 0m)], category.Grades.Bands.Select(b => (b.Name, b.MinPercent)));

        var ratings = category.Dimensions.SelectMany(d => d.Indicators).Select(i => i.Rule).OfType<RatingRule>().ToList();
        Assert.Equal(Questions, ratings.Select(r => r.Question));
        Assert.All(ratings, r =>
        {
            Assert.Equal([RaterGroup.Leader, RaterGroup.Peer, RaterGroup.ServiceRecipient], r.Weights.Keys.Order());
            Assert.Equal(1m, r.Weights.Values.Sum());
        });
        Assert.Equal(new CodeRule("workload-normalised-output"), category.Dimensions[4].Indicators.Single(i => i.MaxPoints == 10 && i.Rule is CodeRule).Rule);
    }

    [Fact]
    public void Office_rated_100_by_everyone_that_completed_its_workload_gets_full_marks_and_优秀()
    {
        var score = packs.Score(Office("KS01", "流动人口管理办公室", output: 6200, workload: 6000, rating: 100));

        Assert.Equal(100m, score.Total);
        Assert.Equal("优秀", score.Grade);
        Assert.All(score.Indicators, i => Assert.Equal(i.MaxPoints, i.Score));
        Assert.Equal(
            "完成工作量6200，本科室核定工作量6000，完成率103.33%，已完成核定工作量（超出部分不加分），得满分（按本科室核定工作量折算，不与其他科室比原始件数）",
            Indicator(score, "performance.workload").Explanation);
        Assert.Equal(
            "领导平均100分（3人，权重40%）、同级平均100分（5人，权重40%）、服务对象平均100分（12人，权重20%）；加权平均100分，得20分",
            Indicator(score, "unity.rating").Explanation);
    }

    [Fact]
    public void Office_without_ratings_or_workload_scores_0_and_is_told_what_is_missing()
    {
        var score = packs.Score(new BranchEvidence(Q3, Branch(Department, "KS09", "老年协会"), []));

        Assert.Equal(0m, score.Total);
        Assert.Equal("不合格", score.Grade);
        foreach (var code in new[] { "unity.rating", "conduct.rating", "effect.rating", "discipline.rating", "performance.rating" })
        {
            Assert.Equal("暂无评价，得0分", Indicator(score, code).Explanation);
        }

        Assert.Equal("未报送核定工作量；未报送完成工作量，无法按工作量折算，得0分", Indicator(score, "performance.workload").Explanation);
    }

    [Fact]
    public void Same_raw_output_against_a_larger_workload_scores_less()
    {
        var light = packs.Score(Office("KS02", "社会事务办", output: 380, workload: 400, rating: 90));
        var heavy = packs.Score(Office("KS03", "综合执法队", output: 380, workload: 760, rating: 90));

        Assert.Equal(9.5m, Indicator(light, "performance.workload").Score);
        Assert.Equal(5m, Indicator(heavy, "performance.workload").Score);
        Assert.Contains("完成工作量380，本科室核定工作量760，完成率50%，按完成率得5分", Indicator(heavy, "performance.workload").Explanation);
        Assert.Equal(light.Total - 4.5m, heavy.Total);
        var ranked = ScoringEngine.Rank([heavy, light]);
        Assert.Equal(["KS02", "KS03"], ranked.Select(r => r.Score.BranchCode));
    }

    [Fact]
    public void A_busy_office_and_an_idle_one_that_both_finish_their_own_workload_rank_equal_not_on_raw_counts()
    {
        var busy = packs.Score(Office("KS01", "流动人口管理办公室", output: 6000, workload: 6000, rating: 85));
        var idle = packs.Score(Office("KS09", "老年协会", output: 30, workload: 30, rating: 85));
        var idleUnfinished = packs.Score(Office("KS10", "文化站", output: 24, workload: 30, rating: 85));

        Assert.Equal(busy.Total, idle.Total);
        Assert.Equal(10m, Indicator(idle, "performance.workload").Score);
        Assert.Equal(8m, Indicator(idleUnfinished, "performance.workload").Score);
        var ranked = ScoringEngine.Rank([idleUnfinished, busy, idle]);
        Assert.Equal([1, 1, 3], ranked.Select(r => r.Rank));
        Assert.Equal("KS10", ranked[2].Score.BranchCode);
    }

    [Fact]
    public void Missing_rater_group_drops_out_and_its_weight_is_shared_by_the_groups_that_answered()
    {
        var evidence = new BranchEvidence(Q3, Branch(Department), [])
        {
            Ratings = [.. Answers("five-good-conduct", RaterGroup.Leader, 3, 90), .. Answers("five-good-conduct", RaterGroup.Peer, 4, 80)],
        };

        var conduct = Indicator(packs.Score(evidence), "conduct.rating");

        // 作风好 weighs leaders 0.3, peers 0.2, service recipients 0.5: without recipients, 0.3 : 0.2 becomes 60 % : 40 %.
        Assert.Equal(17.2m, conduct.Score);
        Assert.Equal(
            "领导平均90分（3人，权重60%）、同级平均80分（4人，权重40%）；服务对象暂无评价，其权重按已评价的评价组重新分配；加权平均86分，得17.2分",
            conduct.Explanation);
    }

    [Fact]
    public void Group_weights_decide_between_offices_liked_by_different_groups()
    {
        // Service recipients weigh 0.5 in 作风好 and leaders 0.3: the office the public rates well scores higher there.
        static BranchEvidence Rated(string code, decimal leaders, decimal recipients) => new(Q3, Branch(Department, code), [])
        {
            Ratings = [.. Answers("five-good-conduct", RaterGroup.Leader, 3, leaders), .. Answers("five-good-conduct", RaterGroup.Peer, 3, 80), .. Answers("five-good-conduct", RaterGroup.ServiceRecipient, 20, recipients)],
        };

        var liked = Indicator(packs.Score(Rated("KS04", leaders: 70, recipients: 95)), "conduct.rating");
        var favoured = Indicator(packs.Score(Rated("KS05", leaders: 95, recipients: 70)), "conduct.rating");

        Assert.Equal(20m * (0.3m * 70 + 0.2m * 80 + 0.5m * 95) / 100, liked.Score);
        Assert.Equal(20m * (0.3m * 95 + 0.2m * 80 + 0.5m * 70) / 100, favoured.Score);
        Assert.True(liked.Score > favoured.Score);
    }

    [Fact]
    public void Workload_problems_are_explained()
    {
        static BranchEvidence With(params KpiValue[] kpis) => new(Q3, Branch(Department), []) { Kpis = kpis };

        Assert.Equal("核定工作量为0，须大于0，无法按工作量折算，得0分",
            Indicator(packs.Score(With(new KpiValue("work-output", 10), new KpiValue("declared-workload", 0))), "performance.workload").Explanation);
        Assert.Equal("未报送完成工作量，无法按工作量折算，得0分",
            Indicator(packs.Score(With(new KpiValue("declared-workload", 100))), "performance.workload").Explanation);
        Assert.Equal("完成工作量为-5，不能为负数，得0分",
            Indicator(packs.Score(With(new KpiValue("work-output", -5), new KpiValue("declared-workload", 100))), "performance.workload").Explanation);
    }

    [Fact]
    public void Integrity_violation_zeroes_自律好_and_a_serious_case_caps_the_grade()
    {
        var evidence = Office("KS06", "财政所", output: 100, workload: 100, rating: 100) with
        {
            Events = [new EvidenceEvent("integrity-violation", D(8, 8), "违规收受礼品"), new EvidenceEvent("serious-discipline-case", D(9, 9), "挪用专项资金被立案")],
        };

        var score = packs.Score(evidence);

        var discipline = score.Dimensions.Single(d => d.Code == "discipline");
        Assert.True(discipline.Zeroed);
        Assert.Equal(80m, score.Total);
        Assert.Equal("良好", score.GradeBeforeVeto);
        Assert.Equal("不合格", score.Grade);
        Assert.Contains("违规收受礼品", Indicator(score, "discipline.integrity-violation").Explanation);
        Assert.Contains("挪用专项资金被立案", score.GradeExplanation);
    }

    /// <summary>An office rated <paramref name="rating"/> by every group on every question, with its output and workload.</summary>
    private static BranchEvidence Office(string code, string name, decimal output, decimal workload, decimal rating) =>
        new(Q3, Branch(Department, code, name), [])
        {
            Kpis = [new KpiValue("work-output", output), new KpiValue("declared-workload", workload)],
            Ratings = Questions
                .SelectMany(q => Answers(q, RaterGroup.Leader, 3, rating).Concat(Answers(q, RaterGroup.Peer, 5, rating)).Concat(Answers(q, RaterGroup.ServiceRecipient, 12, rating)))
                .ToList(),
        };
}
