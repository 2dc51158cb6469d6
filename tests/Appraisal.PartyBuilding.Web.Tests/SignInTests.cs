using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Data;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// The sign-in form, lockout (5 failures → 15 minutes), the audit of failures, how passwords and API tokens are
/// stored, and sign-out.
/// </summary>
public sealed partial class SignInTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    private HttpClient NewClient() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private Task<int> AuditCountAsync(string action, string login) =>
        app.WithScopeAsync(services => services.GetRequiredService<AppraisalDbContext>().AuditEntries.CountAsync(a => a.Action == action && a.Target == login));

    [Fact]
    public async Task The_right_password_gives_a_cookie_that_opens_the_home_page()
    {
        await app.AddUserAsync("si-good", Role.OrgAdmin, "ROOT");
        var client = NewClient();

        var signIn = await app.SignInAsync(client, "si-good", AppFactory.Password);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", signIn.Headers.Location!.OriginalString);
        Assert.Contains(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("appraisal.auth=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/organizations")).StatusCode);
        Assert.Equal(1, await AuditCountAsync("signin", "si-good"));
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_login_are_refused_alike_and_audited()
    {
        await app.AddUserAsync("si-wrong", Role.Leader, "ROOT");
        var client = NewClient();

        var wrong = await app.SignInAsync(client, "si-wrong", "not-the-password");
        var unknown = await app.SignInAsync(client, "si-nobody", "not-the-password");

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("账号或密码错误", await wrong.Content.ReadAsStringAsync());
        Assert.Contains("账号或密码错误", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(1, await AuditCountAsync("signin.failed", "si-wrong"));
        Assert.Equal(1, await AuditCountAsync("signin.failed", "si-nobody"));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_for_fifteen_minutes_even_against_the_right_password()
    {
        const string login = "si-locked";
        await app.AddUserAsync(login, Role.Assessor, "ROOT");
        var client = NewClient();

        for (var i = 0; i < 5; i++)
        {
            var failed = await app.SignInAsync(client, login, "wrong-password-" + i);
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        var refused = await app.SignInAsync(client, login, AppFactory.Password);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("锁定", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(4, await AuditCountAsync("signin.failed", login));
        Assert.Equal(1, await AuditCountAsync("signin.lockout", login));
        Assert.Equal(1, await AuditCountAsync("signin.locked", login));
        Assert.Equal(0, await AuditCountAsync("signin", login));

        app.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Contains("锁定", await (await app.SignInAsync(client, login, AppFactory.Password)).Content.ReadAsStringAsync());

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var accepted = await app.SignInAsync(client, login, AppFactory.Password);

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(1, await AuditCountAsync("signin", login));
        var user = await app.WithScopeAsync(services => services.GetRequiredService<AppraisalDbContext>().Users.AsNoTracking().SingleAsync(u => u.Login == login));
        Assert.Equal(0, user.FailedSignInCount);
        Assert.Null(user.LockedUntil);
    }

    [Fact]
    public async Task The_password_is_stored_as_an_Identity_v3_hash()
    {
        await app.AddUserAsync("si-hash", Role.Secretary, "ROOT");

        var hash = await app.WithScopeAsync(services => services.GetRequiredService<AppraisalDbContext>().Users.Where(u => u.Login == "si-hash").Select(u => u.PasswordHash).SingleAsync());

        Assert.NotEqual(AppFactory.Password, hash);
        Assert.DoesNotContain(AppFactory.Password, hash);
        Assert.StartsWith("AQAAAA", hash, StringComparison.Ordinal);
        var bytes = Convert.FromBase64String(hash);
        Assert.Equal(0x01, bytes[0]); // format marker of the Identity v3 (PBKDF2) hash
        Assert.True(bytes.Length >= 1 + 4 + 4 + 4 + 16 + 32, $"hash of {bytes.Length} bytes");
    }

    [Fact]
    public async Task An_api_token_is_stored_only_as_its_sha256_hex_hash()
    {
        await app.AddUserAsync("si-token", Role.Leader, "ROOT");
        var token = await app.CreateTokenAsync("si-token");
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/organizations")).StatusCode);

        var rows = await app.WithScopeAsync(services => services.GetRequiredService<AppraisalDbContext>().ApiTokens.AsNoTracking().Include(t => t.UserAccount).ToListAsync());
        var stored = Assert.Single(rows, t => t.UserAccount!.Login == "si-token");
        Assert.Matches("^[0-9a-f]{64}$", stored.Hash);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token))), stored.Hash);
        Assert.True(stored.Prefix.Length < token.Length / 2, "only a short prefix is kept to tell tokens apart");

        // No row of any table holds the token's text.
        var texts = await app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AppraisalDbContext>();
            var all = new List<string?>();
            all.AddRange(await db.ApiTokens.AsNoTracking().Select(t => t.Hash + "|" + t.Prefix).ToListAsync());
            all.AddRange(await db.AuditEntries.AsNoTracking().Select(a => a.Actor + "|" + a.Action + "|" + a.Target + "|" + a.Detail).ToListAsync());
            all.AddRange(await db.Users.AsNoTracking().Select(u => u.Login + "|" + u.DisplayName + "|" + u.PasswordHash).ToListAsync());
            return all;
        });
        Assert.DoesNotContain(texts, t => t is not null && t.Contains(token, StringComparison.Ordinal));

        // Nor do the database file's bytes (SQLite: the whole database is this file and its write-ahead log).
        var path = new SqliteConnectionStringBuilder(app.Database.Options.ConnectionString).DataSource;
        var needle = Encoding.UTF8.GetBytes(token);
        foreach (var file in new[] { path, path + "-wal" }.Where(File.Exists))
        {
            byte[] content;
            await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                content = new byte[stream.Length];
                await stream.ReadExactlyAsync(content);
            }

            Assert.True(content.AsSpan().IndexOf(needle) < 0, $"the token's text is in {file}");
        }
    }

    [Fact]
    public async Task Signing_out_ends_the_cookie_session()
    {
        await app.AddUserAsync("si-out", Role.Leader, "ROOT");
        var client = await app.SignedInClientAsync("si-out");
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var antiforgery = AntiforgeryField().Match(await home.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.NotEmpty(antiforgery);

        var signOut = await client.PostAsync("/account/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = antiforgery }));

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/account/signin", signOut.Headers.Location!.OriginalString);
        var after = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/account/signin", after.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/organizations")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_without_the_antiforgery_token_is_refused()
    {
        await app.AddUserAsync("si-csrf", Role.Leader, "ROOT");
        var client = await app.SignedInClientAsync("si-csrf");

        var signOut = await client.PostAsync("/account/signout", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }
}
