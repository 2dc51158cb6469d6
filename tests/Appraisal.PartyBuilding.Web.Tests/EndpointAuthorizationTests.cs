using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Appraisal.PartyBuilding.Core.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// Deny by default: every endpoint names a policy or is explicitly anonymous, the anonymous ones are exactly an
/// allow-list, and the roles of SPEC ("Who uses it") get 401/403 where they must.
/// </summary>
public sealed class EndpointAuthorizationTests(SqliteApp app, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<SqliteApp>
{
    /// <summary>The only endpoints anyone may reach without signing in (pattern, method).</summary>
    private static readonly (string Pattern, string Method)[] AnonymousAllowList =
    [
        ("/health", "*"),
        ("account/signin", "GET"),
        ("account/signin", "POST"),
        ("account/denied", "GET"),
        // Survey invitation links: the token is the credential (rate-limited, see SurveyApiTests).
        ("s/{token}", "GET"),
        ("s/{token}", "POST"),
    ];

    private IReadOnlyList<RouteEndpoint> Endpoints()
    {
        using var started = app.CreateClient(); // starts the host
        return app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
    }

    private static string Pattern(RouteEndpoint endpoint) => endpoint.RoutePattern.RawText ?? "";

    private static IEnumerable<string> Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? methods : ["*"];

    private static string Describe(RouteEndpoint endpoint) => $"{string.Join(",", Methods(endpoint))} {Pattern(endpoint)} ({endpoint.DisplayName})";

    [Fact]
    public void Every_endpoint_names_a_policy_or_is_explicitly_anonymous()
    {
        var endpoints = Endpoints();
        Assert.NotEmpty(endpoints);

        var unprotected = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Where(e => !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => !string.IsNullOrWhiteSpace(a.Policy)))
            .Select(Describe)
            .ToList();

        Assert.True(unprotected.Count == 0, "Endpoints with neither a named policy nor [AllowAnonymous]:\n" + string.Join("\n", unprotected));
    }

    [Fact]
    public async Task Every_policy_an_endpoint_names_is_registered()
    {
        var provider = app.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var missing = new List<string>();
        foreach (var endpoint in Endpoints())
        {
            foreach (var policy in endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Where(p => p.Length > 0))
            {
                if (await provider.GetPolicyAsync(policy) is null)
                {
                    missing.Add($"{Describe(endpoint)} → {policy}");
                }
            }
        }

        Assert.True(missing.Count == 0, "Unknown policies:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void The_anonymous_endpoints_are_exactly_the_allow_list()
    {
        var anonymous = Endpoints()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .SelectMany(e => Methods(e).Select(m => (Pattern: Pattern(e).Trim(), Method: m)))
            .Distinct()
            .OrderBy(p => p.Pattern, StringComparer.Ordinal).ThenBy(p => p.Method, StringComparer.Ordinal)
            .ToList();

        var expected = AnonymousAllowList.OrderBy(p => p.Pattern, StringComparer.Ordinal).ThenBy(p => p.Method, StringComparer.Ordinal).ToList();
        Assert.True(expected.SequenceEqual(anonymous),
            "Anonymous endpoints differ from the allow-list. Actual:\n" + string.Join("\n", anonymous.Select(a => $"{a.Method} {a.Pattern}")));
    }

    [Fact]
    public void The_anonymous_survey_answer_endpoints_are_rate_limited()
    {
        var answers = Endpoints().Where(e => Pattern(e) == "s/{token}").ToList();
        Assert.Equal(2, answers.Count);
        Assert.All(answers, e => Assert.Equal(
            Features.Surveys.SurveyRegistration.AnswerRateLimit,
            e.Metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>()?.PolicyName));
    }

    [Fact]
    public async Task Only_org_admin_and_assessor_reach_the_survey_endpoints()
    {
        foreach (var (role, expected) in new[] { (Role.OrgAdmin, HttpStatusCode.OK), (Role.Assessor, HttpStatusCode.OK), (Role.Secretary, HttpStatusCode.Forbidden), (Role.Leader, HttpStatusCode.Forbidden), (Role.Auditor, HttpStatusCode.Forbidden), (Role.SysAdmin, HttpStatusCode.Forbidden) })
        {
            var login = "authz-survey-" + role;
            await app.AddUserAsync(login, role, "ROOT");
            var client = await app.BearerClientAsync(login);
            Assert.Equal(expected, (await client.GetAsync("/api/v1/surveys")).StatusCode);
            var create = await client.PostAsync("/api/v1/surveys", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(expected == HttpStatusCode.OK ? HttpStatusCode.BadRequest : HttpStatusCode.Forbidden, create.StatusCode);
            Assert.Equal(expected == HttpStatusCode.OK ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/surveys/424242")).StatusCode);
            Assert.Equal(expected == HttpStatusCode.OK ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden, (await client.PostAsync("/api/v1/surveys/424242/close", null)).StatusCode);
        }
    }

    [Fact]
    public async Task Only_the_roots_org_admin_reaches_the_capture_endpoints()
    {
        await app.AddOrganizationAsync("AZ-CAP", "采集下级党委", "ROOT", Core.Organizations.OrganizationKind.PartyCommittee);
        foreach (var (role, node, expected) in new[] { (Role.OrgAdmin, "ROOT", HttpStatusCode.OK), (Role.OrgAdmin, "AZ-CAP", HttpStatusCode.Forbidden), (Role.Assessor, "ROOT", HttpStatusCode.Forbidden), (Role.Secretary, "ROOT", HttpStatusCode.Forbidden), (Role.Leader, "ROOT", HttpStatusCode.Forbidden), (Role.Auditor, "ROOT", HttpStatusCode.Forbidden), (Role.SysAdmin, "ROOT", HttpStatusCode.Forbidden) })
        {
            var login = $"authz-capture-{role}-{node}";
            await app.AddUserAsync(login, role, node);
            var client = await app.BearerClientAsync(login);
            Assert.Equal(expected, (await client.GetAsync("/api/v1/capture/sources")).StatusCode);
            var bad = await client.PutAsync("/api/v1/capture/sources/hotline-response-hours", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(expected == HttpStatusCode.OK ? HttpStatusCode.BadRequest : HttpStatusCode.Forbidden, bad.StatusCode);
            Assert.Equal(expected == HttpStatusCode.OK ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/capture/sources/hotline-response-hours")).StatusCode);
            Assert.Equal(expected == HttpStatusCode.OK ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden, (await client.PostAsync("/api/v1/capture/sources/hotline-response-hours/pull", null)).StatusCode);
        }

        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/capture/sources")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/capture/sources/hotline-response-hours/pull", null)).StatusCode);
        Assert.Equal("/account/signin", (await anonymous.GetAsync("/capture")).Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Only_leaders_and_org_admins_open_the_leader_dashboard_and_every_reader_of_results_the_branch_dashboard()
    {
        foreach (var (role, leaderDashboard, branchDashboard) in new[]
                 {
                     (Role.Leader, true, true), (Role.OrgAdmin, true, true), (Role.Assessor, false, true),
                     (Role.Secretary, false, true), (Role.Auditor, false, false), (Role.SysAdmin, false, false),
                 })
        {
            var login = "authz-dashboard-" + role;
            await app.AddUserAsync(login, role, "ROOT");
            var client = await app.SignedInClientAsync(login);
            var leader = await client.GetAsync("/dashboard");
            Assert.True(leaderDashboard ? leader.StatusCode == HttpStatusCode.OK : leader.Headers.Location?.AbsolutePath == "/account/denied", $"{role} /dashboard: {leader.StatusCode}");
            // ROOT is no branch: a role allowed in gets 404, one refused is sent to the denied page first.
            var branch = await client.GetAsync("/dashboard/branches/ROOT");
            Assert.True(branchDashboard ? branch.StatusCode == HttpStatusCode.NotFound : branch.Headers.Location?.AbsolutePath == "/account/denied", $"{role} /dashboard/branches/ROOT: {branch.StatusCode}");
        }

        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal("/account/signin", (await anonymous.GetAsync("/dashboard")).Headers.Location!.AbsolutePath);
        Assert.Equal("/account/signin", (await anonymous.GetAsync("/dashboard/branches/ROOT")).Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task The_favicon_is_served_to_anyone()
    {
        var response = await app.CreateClient().GetAsync("/favicon.ico");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, bytes[..4]); // the .ico header
    }

    [Fact]
    public async Task Anonymous_api_call_is_401_problem_details_not_a_redirect()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/api/v1/organizations");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal(TestSupport.ProblemJson, response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Anonymous_page_redirects_to_the_sign_in_form()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/signin", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Anonymous_sign_in_form_and_health_are_reachable()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/signin")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/denied")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Auditor_reads_neither_organizations_nor_packs()
    {
        await app.AddUserAsync("authz-auditor", Role.Auditor, "ROOT");
        var client = await app.BearerClientAsync("authz-auditor");

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/organizations")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/organizations/ROOT")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/packs")).StatusCode);
    }

    [Fact]
    public async Task Only_auditors_open_the_audit_log_and_its_chain_check()
    {
        await app.AddUserAsync("authz-audit-reader", Role.Auditor, "ROOT");
        foreach (var (login, role) in new[] { ("authz-audit-admin", Role.OrgAdmin), ("authz-audit-assessor", Role.Assessor), ("authz-audit-leader", Role.Leader), ("authz-audit-sysadmin", Role.SysAdmin) })
        {
            await app.AddUserAsync(login, role, "ROOT");
        }

        foreach (var login in new[] { "authz-audit-admin", "authz-audit-assessor", "authz-audit-leader", "authz-audit-sysadmin" })
        {
            var client = await app.SignedInClientAsync(login);
            foreach (var path in new[] { "/audit", "/audit/verify" })
            {
                var response = await client.GetAsync(path);
                Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.AbsolutePath == "/account/denied", $"{login} {path}: {response.StatusCode}");
            }
        }

        var auditor = await app.SignedInClientAsync("authz-audit-reader");
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/audit/verify")).StatusCode);
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal("/account/signin", (await anonymous.GetAsync("/audit/verify")).Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Auditor_and_sys_admin_neither_move_periods_nor_read_the_quarterly_report()
    {
        await app.AddUserAsync("authz-cycle-auditor", Role.Auditor, "ROOT");
        await app.AddUserAsync("authz-cycle-sysadmin", Role.SysAdmin, "ROOT");

        foreach (var login in new[] { "authz-cycle-auditor", "authz-cycle-sysadmin" })
        {
            var client = await app.BearerClientAsync(login);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/api/v1/periods/1/transitions", new StringContent("{\"to\":\"scoring\"}", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/periods/1/report")).StatusCode);
        }
    }

    [Fact]
    public async Task Sys_admin_reads_no_packs_and_imports_nothing()
    {
        await app.AddUserAsync("authz-sysadmin", Role.SysAdmin, "ROOT");
        var client = await app.BearerClientAsync("authz-sysadmin");

        var packs = await client.GetAsync("/api/v1/packs");
        Assert.Equal(HttpStatusCode.Forbidden, packs.StatusCode);
        Assert.Equal(TestSupport.ProblemJson, packs.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/api/v1/organizations/import", TestSupport.Upload(TestSupport.OrganizationFile()))).StatusCode);
    }

    [Fact]
    public async Task Secretary_cannot_import_organizations_but_reads_packs()
    {
        await app.AddUserAsync("authz-secretary", Role.Secretary, "ROOT");
        var client = await app.BearerClientAsync("authz-secretary");
        var before = await app.CountOrganizationsAsync();
        var file = TestSupport.OrganizationFile(["AZ-DW", "党委甲", "ROOT", "党委"]);

        var import = await client.PostAsync("/api/v1/organizations/import", TestSupport.Upload(file));

        Assert.Equal(HttpStatusCode.Forbidden, import.StatusCode);
        Assert.Equal(before, await app.CountOrganizationsAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/organizations/import")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/packs")).StatusCode);
    }

    [Fact]
    public async Task Org_admin_reads_packs_with_their_categories()
    {
        await app.AddUserAsync("authz-orgadmin", Role.OrgAdmin, "ROOT");
        var client = await app.BearerClientAsync("authz-orgadmin");

        var response = await client.GetAsync("/api/v1/packs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var packs = await response.JsonAsync();
        var categories = packs.EnumerateArray().SelectMany(p => p.GetProperty("categories").EnumerateArray()).Select(c => c.GetProperty("code").GetString()).ToList();
        Assert.Contains("one-plus-n/operations", categories);
        Assert.Contains("community/rural", categories);
    }

    [Fact]
    public async Task Only_org_admin_reaches_the_pack_workbook_endpoints()
    {
        await app.AddUserAsync("authz-pw-admin", Role.OrgAdmin, "ROOT");
        await app.AddUserAsync("authz-pw-leader", Role.Leader, "ROOT");
        var admin = await app.BearerClientAsync("authz-pw-admin");
        var leader = await app.BearerClientAsync("authz-pw-leader");

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/packs/workbook-template")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync("/api/v1/packs/workbook-template")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsync("/api/v1/packs/workbook/validate", TestSupport.Upload([1, 2, 3], "pack.xlsx"))).StatusCode);
    }

    [Theory]
    [InlineData(Role.Secretary)]
    [InlineData(Role.Leader)]
    [InlineData(Role.Assessor)]
    [InlineData(Role.Auditor)]
    [InlineData(Role.SysAdmin)]
    public async Task Only_the_org_admin_manages_packs(string role)
    {
        var login = $"authz-packs-{role}";
        await app.AddUserAsync(login, role, "ROOT");
        var client = await app.BearerClientAsync(login);
        // Not a zip: even a broken policy could not install anything into the build's packs folder.
        var upload = new MultipartFormDataContent { { new ByteArrayContent("x"u8.ToArray()), "file", "pack.zip" } };

        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/api/v1/packs", upload)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/packs/versions")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/api/v1/packs/one-plus-n/versions/1.0.0/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/packs/one-plus-n/versions/1.0.0/dry-run?periodId=1")).StatusCode);
    }

    [Theory]
    [InlineData(Role.Secretary)]
    [InlineData(Role.Leader)]
    [InlineData(Role.Auditor)]
    [InlineData(Role.SysAdmin)]
    public async Task Only_the_organization_department_and_assessors_enter_evidence(string role)
    {
        var login = $"authz-evidence-{role}";
        await app.AddUserAsync(login, role, "ROOT");
        var client = await app.BearerClientAsync(login);
        var json = new StringContent("{\"items\":[]}", System.Text.Encoding.UTF8, "application/json");

        foreach (var kind in new[] { "kpis", "events", "ratings" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"/api/v1/evidence/{kind}", json)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/evidence/{kind}/import")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"/api/v1/evidence/{kind}/import", TestSupport.Upload([1]))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsync("/api/v1/periods/1/manual-scores", json)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/periods/1/manual-scores")).StatusCode);
        var page = await app.SignedInClientAsync(login);
        Assert.Equal(HttpStatusCode.Redirect, (await page.GetAsync("/evidence/manual-scores")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await page.GetAsync("/evidence/import")).StatusCode);
    }

    [Fact]
    public async Task The_loop_endpoints_refuse_the_roles_that_have_no_part_in_them()
    {
        foreach (var (login, role) in new[] { ("authz-loop-auditor", Role.Auditor), ("authz-loop-sysadmin", Role.SysAdmin), ("authz-loop-leader", Role.Leader), ("authz-loop-assessor", Role.Assessor), ("authz-loop-secretary", Role.Secretary) })
        {
            await app.AddUserAsync(login, role, "ROOT");
        }

        foreach (var outsider in new[] { await app.BearerClientAsync("authz-loop-auditor"), await app.BearerClientAsync("authz-loop-sysadmin") })
        {
            foreach (var path in new[] { "/api/v1/periods/1/appeals", "/api/v1/appeals/1", "/api/v1/rectification", "/api/v1/rectification/reminders", "/api/v1/health-warnings", "/api/v1/incentives/coefficients", "/api/v1/periods/1/incentives" })
            {
                Assert.True(HttpStatusCode.Forbidden == (await outsider.GetAsync(path)).StatusCode, path);
            }
        }

        var leader = await app.BearerClientAsync("authz-loop-leader");
        var assessor = await app.BearerClientAsync("authz-loop-assessor");
        var secretary = await app.BearerClientAsync("authz-loop-secretary");
        Assert.Equal(HttpStatusCode.Forbidden, (await assessor.PostAsync("/api/v1/periods/1/appeals", JsonContent.Create(new { }))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.PostAsync("/api/v1/appeals/1/decision", JsonContent.Create(new { }))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsync("/api/v1/appeals/1/decision", JsonContent.Create(new { }))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PutAsync("/api/v1/incentives/coefficients", JsonContent.Create(new { }))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync("/api/v1/periods/1/incentives.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.GetAsync("/api/v1/incentives/coefficients")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.PostAsync("/api/v1/rectification/1/review", JsonContent.Create(new { }))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsync("/api/v1/rectification/1/progress", JsonContent.Create(new { }))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await assessor.PostAsync("/api/v1/rectification/1/review", JsonContent.Create(new { }))).StatusCode);
    }

    [Fact]
    public async Task The_job_dashboard_is_401_anonymous()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/hangfire/jobs/failed")).StatusCode);
    }

    [Fact]
    public async Task Job_status_and_queued_report_are_401_anonymous()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/jobs/1")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/jobs/1/file")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/v1/periods/1/report", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/jobs/1")).StatusCode);
    }

    [Theory]
    [InlineData(Role.OrgAdmin)]
    [InlineData(Role.Assessor)]
    [InlineData(Role.Secretary)]
    [InlineData(Role.Leader)]
    [InlineData(Role.Auditor)]
    public async Task The_job_dashboard_is_403_for_every_role_but_the_system_administrator(string role)
    {
        var login = $"authz-hangfire-{role}";
        await app.AddUserAsync(login, role, "ROOT");

        foreach (var client in new[] { await app.BearerClientAsync(login), await app.SignedInClientAsync(login) })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/hangfire")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/hangfire/recurring")).StatusCode);
        }
    }

    [Fact]
    public async Task The_system_administrator_sees_the_job_dashboard()
    {
        await app.AddUserAsync("authz-hangfire-sysadmin", Role.SysAdmin, "ROOT");
        var client = await app.SignedInClientAsync("authz-hangfire-sysadmin");

        var response = await client.GetAsync("/hangfire/recurring");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("后台作业", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("apb_not-a-real-token")]
    [InlineData("apb_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task An_invalid_bearer_token_is_401(string token)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer " + token);

        var api = await client.GetAsync("/api/v1/organizations");
        var page = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(TestSupport.ProblemJson, api.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
    }

    [Fact]
    public async Task A_basic_authorization_header_is_not_accepted()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("admin:admin"u8.ToArray()));

        var response = await client.GetAsync("/api/v1/organizations");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(Role.Auditor)]
    [InlineData(Role.SysAdmin)]
    public async Task Auditor_and_sys_admin_neither_read_nor_keep_meeting_records(string role)
    {
        var login = "authz-records-" + role;
        await app.AddUserAsync(login, role, "ROOT");
        var client = await app.BearerClientAsync(login);

        foreach (var path in new[] { "/api/v1/records", "/api/v1/records/1", "/api/v1/records/completeness", "/api/v1/records/import", "/api/v1/records/1/attachments/1" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(path)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/api/v1/records", JsonContent.Create(new { type = "committee" }))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/api/v1/records/1/review", JsonContent.Create(new { decision = "approve" }))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/api/v1/records/import", TestSupport.Upload(TestSupport.OrganizationFile()))).StatusCode);
        var cookie = await app.SignedInClientAsync(login);
        Assert.Equal(HttpStatusCode.Redirect, (await cookie.GetAsync("/records")).StatusCode);
        Assert.Equal("/account/denied", (await cookie.GetAsync("/records/completeness")).Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Only_assessors_and_the_organization_department_review_records()
    {
        await app.AddUserAsync("authz-records-secretary", Role.Secretary, "ROOT");
        await app.AddUserAsync("authz-records-leader", Role.Leader, "ROOT");

        foreach (var login in new[] { "authz-records-secretary", "authz-records-leader" })
        {
            var client = await app.SignedInClientAsync(login);
            Assert.Equal("/account/denied", (await client.GetAsync("/records/review")).Headers.Location!.AbsolutePath);
            var bearer = await app.BearerClientAsync(login);
            Assert.Equal(HttpStatusCode.Forbidden, (await bearer.PostAsync("/api/v1/records/1/review", JsonContent.Create(new { decision = "approve" }))).StatusCode);
        }

        var leader = await app.SignedInClientAsync("authz-records-leader");
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync("/records")).StatusCode);
        Assert.Equal("/account/denied", (await leader.GetAsync("/records/new")).Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task OpenApi_document_is_401_anonymous()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_document_is_served_to_a_signed_in_user_and_documents_the_contract()
    {
        await app.AddUserAsync("authz-openapi", Role.Leader, "ROOT");
        var bearer = await app.BearerClientAsync("authz-openapi");
        var cookie = await app.SignedInClientAsync("authz-openapi");

        foreach (var client in new[] { bearer, cookie })
        {
            var response = await client.GetAsync("/openapi/v1.json");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var document = await response.JsonAsync();
            var paths = document.GetProperty("paths");
            Assert.True(paths.TryGetProperty("/api/v1/organizations/import", out var import), "import path missing");
            Assert.True(import.TryGetProperty("post", out _));
            Assert.True(import.TryGetProperty("get", out _));
            Assert.True(paths.TryGetProperty("/api/v1/packs", out _), "packs path missing");
            Assert.True(paths.TryGetProperty("/api/v1/organizations", out _), "organizations path missing");
            Assert.True(paths.TryGetProperty("/api/v1/records/import", out var records), "records import path missing");
            Assert.True(records.TryGetProperty("post", out _));
            Assert.True(records.TryGetProperty("get", out _));
        }
    }

    /// <summary>The whole-organization writes (issue 10.2): each must carry the root-only policy.</summary>
    private static readonly (string Pattern, string Method)[] OrgWideWrites =
    [
        ("/api/v1/periods/", "POST"),
        ("/api/v1/periods/{id:int}/scoring", "POST"),
        ("/api/v1/periods/{id:int}/transitions", "POST"),
        ("/api/v1/incentives/coefficients", "PUT"),
        ("/periods", "POST"),
        ("/periods/{id:int}/next", "POST"),
        ("incentives/coefficients", "POST"),
    ];

    private static bool IsRootOnly(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == Platform.Policies.RootOrgAdmin);

    [Fact]
    public void Every_whole_organization_write_is_root_only()
    {
        var rootOnly = Endpoints().Where(IsRootOnly).SelectMany(e => Methods(e).Select(m => (Pattern(e).Trim('/'), m))).ToHashSet();

        var missing = OrgWideWrites.Where(w => !rootOnly.Contains((w.Pattern.Trim('/'), w.Method))).Select(w => $"{w.Method} {w.Pattern}").ToList();

        Assert.True(missing.Count == 0, "Whole-organization writes without the RootOrgAdmin policy:\n" + string.Join("\n", missing));
    }

    /// <summary>
    /// Every endpoint, called by each role at the root and by an org-admin and an assessor of a sub-tree (bearer token
    /// for the API, the sign-in cookie for pages), with ids that do not exist: a root-only endpoint refuses everyone
    /// but the root's 组织部, and no endpoint answers 5xx.
    /// </summary>
    [Fact]
    public async Task Every_endpoint_as_every_role_and_a_sub_tree_admin_refuses_root_only_actions()
    {
        await app.AddOrganizationAsync("AZ-MX", "矩阵党委", "ROOT", Core.Organizations.OrganizationKind.PartyCommittee);
        var principals = Role.All.Select(r => (Login: "mx-" + r, Role: r, Org: "ROOT")).ToList();
        principals.Add(("mx-sub-admin", Role.OrgAdmin, "AZ-MX"));
        principals.Add(("mx-sub-assessor", Role.Assessor, "AZ-MX"));
        var endpoints = Endpoints()
            .SelectMany(e => Methods(e).Select(m => (Endpoint: e, Method: m == "*" ? "GET" : m)))
            .Where(x => Pattern(x.Endpoint) != "account/signout") // would end the session the loop runs in
            .ToList();
        var failures = new List<string>();
        var tried = 0;
        foreach (var principal in principals)
        {
            await app.AddUserAsync(principal.Login, principal.Role, principal.Org);
            var bearer = await app.BearerClientAsync(principal.Login);
            var cookie = await app.SignedInClientAsync(principal.Login);
            var isRootAdmin = principal is { Role: Role.OrgAdmin, Org: "ROOT" };
            foreach (var (endpoint, method) in endpoints)
            {
                var url = "/" + System.Text.RegularExpressions.Regex.Replace(Pattern(endpoint).TrimStart('/'), @"\{\*{0,2}(\w+)(:(\w+))?\??\}", m => m.Groups[3].Value is "int" or "long" ? "987654" : "no-such-" + m.Groups[1].Value);
                var api = url.StartsWith("/api/", StringComparison.Ordinal) || url.StartsWith("/openapi/", StringComparison.Ordinal);
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method is not ("GET" or "HEAD"))
                {
                    request.Content = api ? new StringContent("{}", System.Text.Encoding.UTF8, "application/json") : new FormUrlEncodedContent([]);
                }

                var response = await (api ? bearer : cookie).SendAsync(request);
                tried++;
                var status = (int)response.StatusCode;
                var refused = status == 403 || (status == 302 && new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath == "/account/denied");
                if (status >= 500)
                {
                    failures.Add($"{principal.Login}: {method} {url} → {status}");
                }
                else if (IsRootOnly(endpoint) && refused == isRootAdmin)
                {
                    failures.Add($"{principal.Login}: {method} {url} → {status} ({(isRootAdmin ? "root admin refused" : "allowed")})");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {tried} calls wrong:\n" + string.Join("\n", failures));
        Assert.Equal(endpoints.Count * principals.Count, tried);
        output.WriteLine($"endpoint authorization matrix: {endpoints.Count} endpoint-methods × {principals.Count} principals = {tried} calls");
    }
}
