namespace Appraisal.PartyBuilding.Plugins.Tests;

public sealed class SemanticVersionTests
{
    [Fact]
    public void Versions_order_by_semver_precedence()
    {
        string[] ordered = ["0.9.0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.2.0", "1.10.0", "2.0.0", "123456789012345678901234567890.0.0"];

        var shuffled = ordered.Reverse().Select(SemanticVersion.Parse).Order().Select(v => v.Text);

        Assert.Equal(ordered, shuffled);
    }

    [Fact]
    public void Build_metadata_does_not_change_precedence_but_the_order_stays_total()
    {
        var plain = SemanticVersion.Parse("1.0.0");
        var built = SemanticVersion.Parse("1.0.0+build.7");

        Assert.True(built.CompareTo(SemanticVersion.Parse("1.0.1")) < 0);
        Assert.True(built.CompareTo(SemanticVersion.Parse("1.0.0-rc.1")) > 0);
        Assert.NotEqual(0, plain.CompareTo(built));
        Assert.Equal(-Math.Sign(plain.CompareTo(built)), Math.Sign(built.CompareTo(plain)));
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("v1.0.0")]
    [InlineData("01.0.0")]
    [InlineData("1.0.0\n")]
    [InlineData("1.0.0-")]
    [InlineData("１.0.0")]
    [InlineData("")]
    public void Invalid_versions_are_refused(string text)
    {
        Assert.False(SemanticVersion.TryParse(text, out _));
        Assert.Throws<FormatException>(() => SemanticVersion.Parse(text));
    }
}
