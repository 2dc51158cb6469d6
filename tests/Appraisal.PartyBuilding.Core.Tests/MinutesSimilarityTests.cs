using Appraisal.PartyBuilding.Core.Meetings;

namespace Appraisal.PartyBuilding.Core.Tests;

public sealed class MinutesSimilarityTests
{
    private const string Minutes =
        "会议由支部书记王强主持，应到党员十八人，实到十六人。会议传达学习了党的二十届四中全会精神，" +
        "围绕安全生产和优质服务两项重点工作进行了讨论，每名党员结合岗位实际作了发言，" +
        "会议决定成立党员突击队，负责迎峰度冬保供电任务，并明确了责任分工和完成时限。";

    [Fact]
    public void Identical_minutes_are_a_copy_with_similarity_one()
    {
        Assert.Equal(1.0, MinutesSimilarity.Similarity(Minutes, Minutes));
        Assert.True(MinutesSimilarity.IsCopy(Minutes, Minutes));
    }

    [Fact]
    public void Whitespace_punctuation_and_latin_case_do_not_change_the_measure()
    {
        var respaced = string.Join(" ", Minutes.Replace("，", ",").Replace("。", ".\n").ToCharArray()) + "  ！！";

        Assert.Equal(MinutesSimilarity.Normalize(Minutes), MinutesSimilarity.Normalize(respaced));
        Assert.Equal(1.0, MinutesSimilarity.Similarity(Minutes, respaced));
        Assert.Equal("abc123党支部", MinutesSimilarity.Normalize(" A-b.C，1 2 3：党支部！\t"));
    }

    [Fact]
    public void Empty_and_missing_texts_are_never_similar()
    {
        Assert.Equal(0.0, MinutesSimilarity.Similarity(null, null));
        Assert.Equal(0.0, MinutesSimilarity.Similarity("", "   ，。"));
        Assert.Equal(0.0, MinutesSimilarity.Similarity(Minutes, null));
        Assert.False(MinutesSimilarity.IsCopy(null, null));
        Assert.Empty(MinutesSimilarity.BandHashes((string?)null));
    }

    [Fact]
    public void Texts_with_no_shared_shingle_score_zero()
    {
        Assert.Equal(0.0, MinutesSimilarity.Similarity("甲乙丙丁戊己庚辛", "子丑寅卯辰巳午未"));
    }

    [Fact]
    public void Jaccard_is_shared_over_union_and_symmetric()
    {
        // 3-char shingles: abcd → {abc, bcd}; bcde → {bcd, cde}: 1 shared of 3.
        Assert.Equal(1.0 / 3, MinutesSimilarity.Similarity("abcd", "bcde"), 10);
        Assert.Equal(MinutesSimilarity.Similarity(Minutes, Minutes[..120]), MinutesSimilarity.Similarity(Minutes[..120], Minutes));
    }

    [Fact]
    public void A_text_shorter_than_a_shingle_is_one_shingle()
    {
        Assert.Single(MinutesSimilarity.Shingles("ab"));
        Assert.Equal(1.0, MinutesSimilarity.Similarity("ab", "a b"));
        Assert.Equal(0.0, MinutesSimilarity.Similarity("ab", "abc"));
    }

    [Fact]
    public void Short_boilerplate_is_never_flagged_however_alike()
    {
        var boilerplate = "会议由支部书记主持，学习《中国共产党支部工作条例（试行）》，与会党员逐一发言并形成会议决定。";
        Assert.True(MinutesSimilarity.Normalize(boilerplate).Length < MinutesSimilarity.MinimumLength);

        Assert.Equal(1.0, MinutesSimilarity.Similarity(boilerplate, boilerplate));
        Assert.False(MinutesSimilarity.IsCopy(boilerplate, boilerplate));
        Assert.Empty(MinutesSimilarity.BandHashes(boilerplate));
    }

    [Fact]
    public void The_minimum_length_is_inclusive()
    {
        var exactly = new string('党', 10) + string.Concat(Enumerable.Range(0, MinutesSimilarity.MinimumLength - 10).Select(i => (char)('一' + i)));
        Assert.Equal(MinutesSimilarity.MinimumLength, MinutesSimilarity.Normalize(exactly).Length);
        Assert.True(MinutesSimilarity.IsCopy(exactly, exactly));
        Assert.False(MinutesSimilarity.IsCopy(exactly[1..], exactly[1..]));
        Assert.Equal(MinutesSimilarity.Bands, MinutesSimilarity.BandHashes(exactly).Length);
    }

    [Fact]
    public void A_copy_with_the_date_and_a_few_words_changed_is_flagged_and_a_different_meeting_is_not()
    {
        var edited = Minutes.Replace("王强", "李明").Replace("十六人", "十五人").Replace("迎峰度冬", "迎峰度夏");
        var different =
            "本次主题党日活动组织党员到社区开展志愿服务，为独居老人检修家用线路二十余户，" +
            "发放安全用电宣传资料三百余份，活动结束后召开小结会，党员们交流了服务群众的体会，" +
            "支部书记对下一步常态化开展志愿服务提出了要求，并安排专人建立服务台账。";

        var copied = MinutesSimilarity.Similarity(Minutes, edited);
        Assert.InRange(copied, MinutesSimilarity.Threshold, 1.0);
        Assert.True(MinutesSimilarity.IsCopy(Minutes, edited));
        Assert.InRange(MinutesSimilarity.Similarity(Minutes, different), 0.0, 0.2);
        Assert.False(MinutesSimilarity.IsCopy(Minutes, different));
    }

    [Fact]
    public void Identical_texts_share_every_band_and_unrelated_texts_share_none()
    {
        var edited = Minutes.Replace("王强", "李明");
        var unrelated = string.Concat(Enumerable.Range(0, 120).Select(i => (char)('㐀' + i * 7)));

        var a = MinutesSimilarity.BandHashes(Minutes);
        Assert.Equal(a, MinutesSimilarity.BandHashes(Minutes + "。"));
        Assert.Contains(MinutesSimilarity.BandHashes(edited).Select((h, i) => (h, i)), p => a[p.i] == p.h);
        Assert.DoesNotContain(MinutesSimilarity.BandHashes(unrelated).Select((h, i) => (h, i)), p => a[p.i] == p.h);
    }

    [Fact]
    public void The_minhash_estimate_follows_the_exact_measure()
    {
        var edited = Minutes.Replace("安全生产和优质服务两项重点工作", "党建引领重点项目推进");
        var x = MinutesSimilarity.Shingles(MinutesSimilarity.Normalize(Minutes));
        var y = MinutesSimilarity.Shingles(MinutesSimilarity.Normalize(edited));
        var exact = MinutesSimilarity.Jaccard(x, y);
        var sx = MinutesSimilarity.Signature(x);
        var sy = MinutesSimilarity.Signature(y);
        var estimate = (double)sx.Zip(sy).Count(p => p.First == p.Second) / sx.Length;

        Assert.InRange(estimate, exact - 0.2, exact + 0.2);
    }
}
