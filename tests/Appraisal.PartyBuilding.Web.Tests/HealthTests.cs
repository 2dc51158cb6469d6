using System.Net;

namespace Appraisal.PartyBuilding.Web.Tests;

public sealed class HealthTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Health_is_anonymous_and_healthy_with_the_database_reachable_and_packs_loaded()
    {
        var response = await app.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
