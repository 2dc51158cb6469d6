using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>SPEC "Integration contract": <c>POST /api/v1/periods { year, quarter }</c> → 201 <c>{ id, ... }</c>; a period pins the pack versions.</summary>
public abstract class PeriodApiTests(AppFactory app)
{
    private async Task<HttpClient> AdminAsync()
    {
        var login = $"period-admin-{Guid.NewGuid():N}"[..24];
        await app.AddUserAsync(login, Role.OrgAdmin, Organization.RootCode);
        return await app.BearerClientAsync(login);
    }

    [Fact]
    public async Task Opening_a_quarter_returns_201_with_the_pinned_pack_versions_and_is_audited()
    {
        var client = await AdminAsync();

        var response = await client.PostAsJsonAsync("/api/v1/periods", new { year = 2026, quarter = 3 });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var period = await response.JsonAsync();
        var id = period.GetProperty("id").GetInt32();
        Assert.Equal($"/api/v1/periods/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal(2026, period.GetProperty("year").GetInt32());
        Assert.Equal(3, period.GetProperty("quarter").GetInt32());
        Assert.Equal("open", period.GetProperty("state").GetString());
        var packs = period.GetProperty("packs").EnumerateArray().Select(p => $"{p.GetProperty("id").GetString()} {p.GetProperty("version").GetString()}").ToList();
        Assert.Equal(["community 1.0.0", "five-good 1.0.0", "one-plus-n 1.0.0"], packs);

        var fetched = await (await client.GetAsync($"/api/v1/periods/{id}")).JsonAsync();
        Assert.Equal(id, fetched.GetProperty("id").GetInt32());
        await app.WithDbAsync(async db =>
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "periods.open" && a.Target == "2026Q3")));
    }

    [Fact]
    public async Task The_same_quarter_twice_is_a_409_in_Chinese_and_changes_nothing()
    {
        var client = await AdminAsync();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/periods", new { year = 2025, quarter = 4 })).StatusCode);

        var again = await client.PostAsJsonAsync("/api/v1/periods", new { year = 2025, quarter = 4 });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType!.MediaType);
        Assert.Contains("2025年第4季度的考核期已经开启", (await again.JsonAsync()).GetProperty("detail").GetString());
        await app.WithDbAsync(async db => Assert.Equal(1, await db.Periods.CountAsync(p => p.Year == 2025 && p.Quarter == 4)));
    }

    [Theory]
    [InlineData("{\"year\":2026,\"quarter\":5}", "quarter", "季度应为1至4")]
    [InlineData("{\"year\":2026,\"quarter\":0}", "quarter", "季度应为1至4")]
    [InlineData("{\"quarter\":2}", "year", "年度应为2000至2100之间的整数")]
    [InlineData("{\"year\":1999,\"quarter\":2}", "year", "年度应为2000至2100之间的整数")]
    public async Task A_bad_year_or_quarter_is_a_400_naming_the_field(string body, string field, string message)
    {
        var client = await AdminAsync();
        var before = await CountPeriodsAsync();

        var response = await client.PostAsync("/api/v1/periods", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.Equal(message, errors.GetProperty(field)[0].GetString());
        Assert.Equal(before, await CountPeriodsAsync());
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_400()
    {
        var client = await AdminAsync();

        var response = await client.PostAsync("/api/v1/periods", new StringContent("2026Q3", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData(Role.Secretary)]
    [InlineData(Role.Leader)]
    [InlineData(Role.Auditor)]
    [InlineData(Role.SysAdmin)]
    public async Task Only_the_org_admin_opens_a_period(string role)
    {
        var login = $"period-{role}-{Guid.NewGuid():N}"[..24];
        await app.AddUserAsync(login, role, Organization.RootCode);
        var client = await app.BearerClientAsync(login);

        var response = await client.PostAsJsonAsync("/api/v1/periods", new { year = 2024, quarter = 1 });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_period_is_404()
    {
        var client = await AdminAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/periods/999999")).StatusCode);
    }

    private async Task<int> CountPeriodsAsync()
    {
        var count = 0;
        await app.WithDbAsync(async db => count = await db.Periods.CountAsync());
        return count;
    }
}

public sealed class SqlitePeriodApiTests(SqliteApp app) : PeriodApiTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresPeriodApiTests(PostgresApp app) : PeriodApiTests(app), IClassFixture<PostgresApp>;
