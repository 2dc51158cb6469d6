using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Plugins.Tests;

public sealed class ContractCompatibilityTests
{
    [Theory]
    [InlineData(1, 0, true)]
    [InlineData(1, 1, false)]
    [InlineData(2, 0, false)]
    [InlineData(0, 9, false)]
    public void Pack_runs_on_the_same_major_and_a_minor_the_host_has(int major, int minor, bool compatible)
    {
        Assert.Equal(1, HostContract.Major);
        Assert.Equal(0, HostContract.Minor);
        Assert.Equal(compatible, ContractAssembly.IsCompatible(new Version(major, minor, 0, 0)));
    }

    [Fact]
    public void Host_contract_constants_match_the_contract_assembly_version()
    {
        var version = typeof(IIndicatorPack).Assembly.GetName().Version!;

        Assert.Equal(HostContract.Major, version.Major);
        Assert.Equal(HostContract.Minor, version.Minor);
        Assert.Equal(HostContract.Version, $"{HostContract.Major}.{HostContract.Minor}");
    }
}
