using System.Net;
using Appraisal.PartyBuilding.Core.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>Errors are RFC 7807 problem details (SPEC, integration contract).</summary>
public sealed class ProblemDetailsTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task An_unknown_api_path_is_404_problem_details()
    {
        await app.AddUserAsync("pd-leader", Role.Leader, "ROOT");
        var client = await app.BearerClientAsync("pd-leader");

        var response = await client.GetAsync("/api/v1/nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(TestSupport.ProblemJson, response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.True(problem.TryGetProperty("title", out _));
    }

    [Fact]
    public async Task An_unknown_api_path_is_401_without_credentials()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/api/v1/nope");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(TestSupport.ProblemJson, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_missing_organization_is_404_problem_details()
    {
        await app.AddUserAsync("pd-admin", Role.OrgAdmin, "ROOT");
        var client = await app.BearerClientAsync("pd-admin");

        var response = await client.GetAsync("/api/v1/organizations/NO-SUCH-CODE");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(TestSupport.ProblemJson, response.Content.Headers.ContentType?.MediaType);
    }
}
