using System.Net;
using System.Net.Http.Json;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>The app on Kestrel (a real port and the real body-size limits, which the in-memory test server lacks).</summary>
public sealed class KestrelApp : AppFactory
{
    public KestrelApp()
        : base(Data.DatabaseProvider.Sqlite) => UseKestrel(0);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        StartServer();
    }

    public HttpClient RealClient(bool cookies = false) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = cookies }) { BaseAddress = ServerAddress };
}

/// <summary>
/// Issue 10.8 (cookie-authenticated API writes from another site are refused; bearer calls are not) and 10.11
/// (security headers on every answer, Secure cookies behind an HTTPS proxy, 413 for a body over the limit, upload
/// leftovers removed at start).
/// </summary>
public sealed class HardeningTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string Foreign = "https://evil.example";

    [Theory]
    [InlineData("/account/signin")]
    [InlineData("/")]
    [InlineData("/api/v1/organizations")]
    [InlineData("/no-such-page")]
    [InlineData("/css/site.css")]
    [InlineData("/health")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        var response = await app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync(path);

        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("script-src 'self';", SecurityHeaders.ContentSecurityPolicy);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public void No_page_holds_an_inline_script_or_event_handler()
    {
        var views = Directory.EnumerateFiles(Path.Combine(TestPaths.Repository, "src", "Appraisal.PartyBuilding.Web", "Features"), "*.cshtml", SearchOption.AllDirectories);
        var offending = views
            .SelectMany(v => File.ReadLines(v).Select((line, i) => (View: v, Line: i + 1, Text: line)))
            .Where(l => System.Text.RegularExpressions.Regex.IsMatch(l.Text, @"<script(?![^>]*\ssrc=)|\son(click|change|submit|load|input)=|javascript:"))
            .Select(l => $"{Path.GetFileName(l.View)}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(offending.Count == 0, "Inline script (blocked by the CSP):\n" + string.Join("\n", offending));
    }

    [Fact]
    public async Task A_cookie_api_write_from_another_site_is_refused_and_changes_nothing()
    {
        await app.AddUserAsync("hd-admin", Role.OrgAdmin, Organization.RootCode);
        var cookie = await app.SignedInClientAsync("hd-admin");
        var before = await app.CountOrganizationsAsync();
        var file = TestSupport.OrganizationFile(["HD-DW", "跨站党委", "ROOT", "党委"]);
        var tried = 0;

        foreach (var (method, path, content) in new (string, string, Func<HttpContent?>)[]
                 {
                     ("POST", "/api/v1/organizations/import", () => TestSupport.Upload(file)),
                     ("POST", "/api/v1/periods", () => JsonContent.Create(new { year = 2033, quarter = 1 })),
                     ("POST", "/api/v1/periods/1/scoring?wait=true", () => null),
                     ("POST", "/api/v1/packs/one-plus-n/versions/1.0.0/enable", () => null),
                     ("PUT", "/api/v1/incentives/coefficients", () => JsonContent.Create(new { coefficients = new[] { new { grade = "好", coefficient = 1.5m } } })),
                 })
        {
            foreach (var headers in new Dictionary<string, string>[] { new() { ["Origin"] = Foreign }, new() { ["Referer"] = Foreign + "/page" }, new(), new() { ["Origin"] = "null" } })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = content() };
                foreach (var (name, value) in headers)
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }

                var response = await cookie.SendAsync(request);
                tried++;
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path} with {string.Join(",", headers)} → {response.StatusCode}");
                Assert.Contains("跨站请求被拒绝", await response.Content.ReadAsStringAsync());
            }
        }

        Assert.Equal(20, tried);
        Assert.Equal(before, await app.CountOrganizationsAsync());
        await app.WithDbAsync(async db => Assert.False(await db.Periods.AnyAsync(p => p.Year == 2033)));
    }

    [Fact]
    public async Task A_cookie_api_write_from_the_own_site_and_a_bearer_call_from_anywhere_pass()
    {
        await app.AddUserAsync("hd-admin2", Role.OrgAdmin, Organization.RootCode);
        var cookie = await app.SignedInClientAsync("hd-admin2");
        var bearer = await app.BearerClientAsync("hd-admin2");

        using var own = new HttpRequestMessage(HttpMethod.Post, "/api/v1/organizations/import") { Content = TestSupport.Upload(TestSupport.OrganizationFile(["HD-OWN", "同站党委", "ROOT", "党委"])) };
        own.Headers.Add("Origin", "http://localhost");
        var ownResponse = await cookie.SendAsync(own);
        Assert.Equal(HttpStatusCode.OK, ownResponse.StatusCode);

        using var referred = new HttpRequestMessage(HttpMethod.Post, "/api/v1/organizations/import") { Content = TestSupport.Upload(TestSupport.OrganizationFile(["HD-REF", "同站党委二", "ROOT", "党委"])) };
        referred.Headers.Referrer = new Uri("http://localhost/organizations");
        Assert.Equal(HttpStatusCode.OK, (await cookie.SendAsync(referred)).StatusCode);

        using var foreign = new HttpRequestMessage(HttpMethod.Post, "/api/v1/organizations/import") { Content = TestSupport.Upload(TestSupport.OrganizationFile(["HD-BEARER", "令牌党委", "ROOT", "党委"])) };
        foreign.Headers.Add("Origin", Foreign);
        Assert.Equal(HttpStatusCode.OK, (await bearer.SendAsync(foreign)).StatusCode);

        // Reads with the cookie are not affected.
        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/v1/organizations");
        read.Headers.Add("Origin", Foreign);
        Assert.Equal(HttpStatusCode.OK, (await cookie.SendAsync(read)).StatusCode);
    }

    [Fact]
    public async Task Start_up_removes_what_interrupted_uploads_left_and_keeps_every_stored_attachment()
    {
        await app.AddOrganizationAsync("HD-ZB", "上传党支部", Organization.RootCode, OrganizationKind.Branch, "one-plus-n/support", 12, 3, "一组");
        await app.AddUserAsync("hd-secretary", Role.Secretary, "HD-ZB");
        var secretary = await app.BearerClientAsync("hd-secretary");
        var record = await secretary.PostAsJsonAsync("/api/v1/records", new { type = "theme-day", date = "2026-11-03", expected = 12, present = 11, topic = "重温入党誓词" });
        Assert.Equal(HttpStatusCode.Created, record.StatusCode);
        var id = (await record.JsonAsync()).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await secretary.PostAsync($"/api/v1/records/{id}/attachments", RecordTestSupport.Files((RecordTestSupport.Png, "a.png", "image/png")))).StatusCode);

        var old = DateTime.UtcNow.AddYears(-2);
        var stored = Directory.GetFiles(app.AttachmentsPath, "*", SearchOption.AllDirectories);
        Assert.NotEmpty(stored);
        foreach (var file in stored)
        {
            File.SetLastWriteTimeUtc(file, old);
        }

        string Leftover(string folder, string name, DateTime at)
        {
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, name);
            File.WriteAllBytes(path, [1, 2, 3]);
            File.SetLastWriteTimeUtc(path, at);
            return path;
        }

        var orphan = Leftover(Path.Combine(app.AttachmentsPath, "ab"), $"ab{Guid.NewGuid():N}.jpg", old);
        var inFlight = Leftover(Path.Combine(app.AttachmentsPath, "cd"), $"cd{Guid.NewGuid():N}.jpg", DateTime.UtcNow.AddYears(1));
        var tempFolder = app.Services.GetRequiredService<IOptions<UploadOptions>>().Value.TempPath;
        var buffer = Leftover(tempFolder, $"ASPNETCORE_{Guid.NewGuid()}.tmp", old);
        var staging = Path.Combine(app.Services.GetRequiredService<PackCatalog>().Root, PackLayout.StagingFolder, Guid.NewGuid().ToString("N"));
        Leftover(staging, "manifest.json", old);
        Directory.SetLastWriteTimeUtc(staging, old);

        var removed = await app.WithScopeAsync(services => services.GetRequiredService<UploadLeftovers>().CleanAsync(CancellationToken.None));

        Assert.True(removed >= 3, $"removed {removed}");
        Assert.False(File.Exists(orphan));
        Assert.False(File.Exists(buffer));
        Assert.False(Directory.Exists(staging));
        Assert.True(File.Exists(inFlight), "a file newer than the leftover age may belong to an upload in progress");
        Assert.All(stored, f => Assert.True(File.Exists(f), $"{f} is a stored attachment"));
        File.Delete(inFlight);
    }
}

/// <summary>Body limits and forwarded headers need the real server.</summary>
public sealed class KestrelHardeningTests(KestrelApp app) : IClassFixture<KestrelApp>
{
    [Fact]
    public async Task A_body_over_the_limit_is_413_with_a_Chinese_problem_and_nothing_imported()
    {
        await app.AddUserAsync("kh-admin", Role.OrgAdmin, Organization.RootCode);
        var client = app.RealClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync("kh-admin"));
        var before = await app.CountOrganizationsAsync();

        // As browsers and curl do for big bodies: wait for the server's go-ahead, so the refusal is read, not a broken pipe.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/organizations/import") { Content = TestSupport.Upload(new byte[7 * 1024 * 1024]) };
        request.Headers.ExpectContinue = true;
        var response = await client.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(TestSupport.ProblemJson, response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(413, problem.GetProperty("status").GetInt32());
        Assert.Equal(RequestTooLargeHandler.Title, problem.GetProperty("title").GetString());
        Assert.Equal(before, await app.CountOrganizationsAsync());
    }

    [Fact]
    public async Task Behind_an_https_proxy_the_sign_in_cookie_is_secure_and_over_plain_http_it_says_so()
    {
        await app.AddUserAsync("kh-leader", Role.Leader, Organization.RootCode);

        // Cookies are carried by hand: the client speaks plain HTTP to the server, as a TLS-terminating proxy does.
        async Task<(string Antiforgery, string Session)> SignInCookiesAsync(string? forwardedProto)
        {
            var client = app.RealClient();
            if (forwardedProto is not null)
            {
                client.DefaultRequestHeaders.Add("X-Forwarded-Proto", forwardedProto);
            }

            var form = await client.GetAsync("/account/signin");
            var antiforgery = form.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
            using var post = new HttpRequestMessage(HttpMethod.Post, "/account/signin")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["Login"] = "kh-leader",
                    ["Password"] = AppFactory.Password,
                    ["__RequestVerificationToken"] = AppFactory.AntiforgeryToken(await form.Content.ReadAsStringAsync()),
                }),
            };
            post.Headers.Add("Cookie", antiforgery.Split(';')[0]);
            var response = await client.SendAsync(post);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return (antiforgery, response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("appraisal.auth=", StringComparison.Ordinal)));
        }

        var https = await SignInCookiesAsync("https");
        Assert.Contains("secure", https.Antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", https.Session, StringComparison.OrdinalIgnoreCase);
        var http = await SignInCookiesAsync(null);
        Assert.DoesNotContain("secure", http.Antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", http.Session, StringComparison.OrdinalIgnoreCase);
    }
}
