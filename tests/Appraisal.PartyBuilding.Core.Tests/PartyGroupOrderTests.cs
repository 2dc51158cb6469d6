using Appraisal.PartyBuilding.Core.Organizations;

namespace Appraisal.PartyBuilding.Core.Tests;

/// <summary>Issue 12: party groups are listed by their number (第一、第二、第三), not as text (第一、第三、第二).</summary>
public sealed class PartyGroupOrderTests
{
    [Fact]
    public void Groups_sort_by_their_Chinese_or_digit_number()
    {
        string[] names = ["第三党小组", "第十二党小组", "第一党小组", "第二十党小组", "第十党小组", "第二党小组", "离退休党小组", "第九党小组"];

        Assert.Equal(
            ["第一党小组", "第二党小组", "第三党小组", "第九党小组", "第十党小组", "第十二党小组", "第二十党小组", "离退休党小组"],
            PartyGroupOrder.Sort(names).ToList());
    }

    [Theory]
    [InlineData("一", 1L)]
    [InlineData("十", 10L)]
    [InlineData("十二", 12L)]
    [InlineData("二十", 20L)]
    [InlineData("二十三", 23L)]
    [InlineData("一百零五", 105L)]
    [InlineData("两百", 200L)]
    [InlineData("12", 12L)]
    [InlineData("１２", 12L)]
    public void Numerals_read_as_numbers(string text, long expected) => Assert.Equal(expected, PartyGroupOrder.Value(text));

    [Fact]
    public void Digits_and_Chinese_numbers_mix_by_value()
    {
        Assert.Equal(["第1组", "第二组", "第3组", "第十组"], PartyGroupOrder.Sort(["第十组", "第3组", "第二组", "第1组"]).ToList());
    }
}
