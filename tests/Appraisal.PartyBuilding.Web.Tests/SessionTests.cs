using System.Diagnostics;
using System.Net;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Features.Account;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// Issue 10.7 (a cookie ends with sign-out, a role change, a lock and the idle and absolute timeouts; tokens expire
/// and are revoked from the system administrator's page) and 10.9 (password policy, TOTP second factor for
/// org-admin, auditor and sys-admin, no account enumeration, bounded logins in the audit). On both databases.
/// </summary>
public abstract class SessionTests(AppFactory app)
{
    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    private HttpClient NewClient() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private Task<int> AuditAsync(string action, string target) =>
        app.WithScopeAsync(s => s.GetRequiredService<AppraisalDbContext>().AuditEntries.CountAsync(a => a.Action == action && a.Target == target));

    /// <summary>The OpenAPI document is open to every signed-in role (the organizations API is not to the auditor).</summary>
    private static async Task<bool> SignedInAsync(HttpClient client) => (await client.GetAsync("/openapi/v1.json")).StatusCode == HttpStatusCode.OK;

    private async Task<string> SignOutAsync(HttpClient client)
    {
        var home = await (await client.GetAsync("/")).Content.ReadAsStringAsync();
        var response = await client.PostAsync("/account/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = AppFactory.AntiforgeryToken(home) }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return home;
    }

    [Fact]
    public async Task Signing_out_ends_every_session_of_the_account_on_the_server()
    {
        var login = Unique("ss-out-");
        await app.AddUserAsync(login, Role.Leader, Organization.RootCode);
        var phone = await app.SignedInClientAsync(login);
        var desk = await app.SignedInClientAsync(login);
        Assert.True(await SignedInAsync(desk));

        await SignOutAsync(phone);

        // The desk never saw the sign-out; its cookie is still sent, and refused.
        Assert.False(await SignedInAsync(desk));
        Assert.Equal("/account/signin", (await desk.GetAsync("/")).Headers.Location!.AbsolutePath);
        Assert.Equal(1, await AuditAsync("signout", login));
    }

    [Fact]
    public async Task A_role_change_a_move_or_a_lock_ends_the_session_at_the_next_request()
    {
        var (role, move, locked) = (Unique("ss-role-"), Unique("ss-move-"), Unique("ss-lock-"));
        var branch = Unique("SS");
        await app.AddOrganizationAsync(branch, "会话党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        foreach (var login in new[] { role, move, locked })
        {
            await app.AddUserAsync(login, Role.Leader, Organization.RootCode);
        }

        var clients = new Dictionary<string, HttpClient>();
        foreach (var login in new[] { role, move, locked })
        {
            clients[login] = await app.SignedInClientAsync(login);
            Assert.True(await SignedInAsync(clients[login]));
        }

        await app.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Login == role)).Role = Role.Secretary;
            (await db.Users.SingleAsync(u => u.Login == move)).OrganizationId = (await db.Organizations.SingleAsync(o => o.Code == branch)).Id;
            (await db.Users.SingleAsync(u => u.Login == locked)).LockedUntil = app.Clock.GetUtcNow().AddMinutes(15);
            await db.SaveChangesAsync();
        });

        foreach (var (login, client) in clients)
        {
            Assert.True(!await SignedInAsync(client), $"{login} still signed in");
        }
    }

    [Fact]
    public async Task A_session_ends_after_the_idle_timeout_and_after_the_absolute_timeout_however_busy()
    {
        var login = Unique("ss-time-");
        await app.AddUserAsync(login, Role.Leader, Organization.RootCode);

        var idle = await app.SignedInClientAsync(login);
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.False(await SignedInAsync(idle));

        var busy = await app.SignedInClientAsync(login);
        var elapsed = TimeSpan.Zero;
        while (elapsed < TimeSpan.FromHours(8) - TimeSpan.FromMinutes(20))
        {
            app.Clock.Advance(TimeSpan.FromMinutes(20));
            elapsed += TimeSpan.FromMinutes(20);
            Assert.True(await SignedInAsync(busy), $"still in use after {elapsed}");
        }

        app.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.False(await SignedInAsync(busy));
    }

    [Fact]
    public async Task An_api_token_expires_after_its_lifetime()
    {
        var login = Unique("ss-exp-");
        await app.AddUserAsync(login, Role.Leader, Organization.RootCode);
        var standard = await app.BearerClientAsync(login);
        var (day, error) = await app.WithScopeAsync(s => s.GetRequiredService<AccountService>().CreateTokenAsync("test", login, TimeSpan.FromDays(1)));
        Assert.Null(error);
        var shortLived = app.CreateClient();
        shortLived.DefaultRequestHeaders.Authorization = new("Bearer", day);
        var (_, tooLong) = await app.WithScopeAsync(s => s.GetRequiredService<AccountService>().CreateTokenAsync("test", login, TimeSpan.FromDays(4000)));
        Assert.Contains("有效期", tooLong);

        Assert.Equal(HttpStatusCode.OK, (await shortLived.GetAsync("/api/v1/organizations")).StatusCode);
        app.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(HttpStatusCode.Unauthorized, (await shortLived.GetAsync("/api/v1/organizations")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await standard.GetAsync("/api/v1/organizations")).StatusCode);
        app.Clock.Advance(TimeSpan.FromDays(89));
        Assert.Equal(HttpStatusCode.Unauthorized, (await standard.GetAsync("/api/v1/organizations")).StatusCode);
    }

    [Fact]
    public async Task The_system_administrator_lists_and_revokes_tokens_within_scope_only()
    {
        var (admin, subAdmin, inside, outside) = (Unique("ss-sys-"), Unique("ss-subsys-"), Unique("ss-in-"), Unique("ss-out-"));
        var unit = Unique("ST");
        await app.AddOrganizationAsync(unit, "令牌党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddUserAsync(admin, Role.SysAdmin, Organization.RootCode);
        await app.AddUserAsync(subAdmin, Role.SysAdmin, unit);
        await app.AddUserAsync(inside, Role.Leader, unit);
        await app.AddUserAsync(outside, Role.Leader, Organization.RootCode);
        var insideToken = await app.CreateTokenAsync(inside);
        await app.CreateTokenAsync(outside);
        var ids = await app.WithScopeAsync(s => s.GetRequiredService<AppraisalDbContext>().ApiTokens.Where(t => t.UserAccount!.Login == inside || t.UserAccount!.Login == outside)
            .Select(t => new { t.UserAccount!.Login, t.Id }).ToDictionaryAsync(t => t.Login, t => t.Id));

        var sub = await app.SignedInClientAsync(subAdmin);
        var list = await (await sub.GetAsync("/admin/tokens")).Content.ReadAsStringAsync();
        Assert.Contains(inside, list);
        Assert.DoesNotContain(outside, list);
        var token = AppFactory.AntiforgeryToken(list);
        var refused = await sub.PostAsync($"/admin/tokens/{ids[outside]}/revoke", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);

        var revoked = await sub.PostAsync($"/admin/tokens/{ids[inside]}/revoke", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        var bearer = app.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new("Bearer", insideToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/v1/organizations")).StatusCode);
        Assert.Equal(1, await AuditAsync("tokens.revoke", inside));
        Assert.Equal(0, await AuditAsync("tokens.revoke", outside));
        Assert.Contains("已吊销", await (await sub.GetAsync("/admin/tokens")).Content.ReadAsStringAsync());

        // Only the system administrator reaches the page.
        var leader = await app.SignedInClientAsync(outside);
        Assert.Equal("/account/denied", (await leader.GetAsync("/admin/tokens")).Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task The_password_policy_applies_to_new_accounts_and_to_every_password_change()
    {
        var login = Unique("ss-pw-");
        await app.WithScopeAsync(async s =>
        {
            var accounts = s.GetRequiredService<AccountService>();
            foreach (var (password, reason) in new[] { ("Ab1!", "至少10位"), ("abcdefghijkl", "至少3类"), ("ABCDEFGH1234", "至少3类"), ("X" + login + "1!", "登录名"), ("Password123!", "过于常见"), ("1qaz@WSX3edc", "过于常见") })
            {
                var (user, error) = await accounts.AddUserAsync("test", login, password, Role.Leader, Organization.RootCode);
                Assert.Null(user);
                Assert.True(error?.Contains(reason) == true, $"{password}: {error}");
            }

            var (created, none) = await accounts.AddUserAsync("test", login, AppFactory.Password, Role.Leader, Organization.RootCode);
            Assert.Null(none);
            Assert.Contains("过于常见", await accounts.SetPasswordAsync("test", created!, "Password123!"));
            Assert.Null(await accounts.SetPasswordAsync("test", created!, "Another-Str0ng-one"));
            return 0;
        });
        Assert.Equal(1, await AuditAsync("users.password", login));
    }

    [Theory]
    [InlineData(Role.OrgAdmin)]
    [InlineData(Role.Auditor)]
    [InlineData(Role.SysAdmin)]
    public async Task A_privileged_account_enrols_a_second_factor_on_first_sign_in_and_needs_it_every_time(string role)
    {
        var login = Unique("ss-2fa-");
        await app.AddUserAsync(login, role, Organization.RootCode);
        var client = NewClient();

        var password = await AppFactory.PasswordStepAsync(client, login, AppFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.StartsWith("/account/two-factor", password.Headers.Location!.OriginalString);
        Assert.False(await SignedInAsync(client));
        var enrol = await client.GetStringAsync("/account/two-factor");
        var secret = await app.WithScopeAsync(s => s.GetRequiredService<AppraisalDbContext>().Users.Where(u => u.Login == login).Select(u => u.TotpSecret).SingleAsync());
        Assert.Matches("^[A-Z2-7]{32}$", secret);
        Assert.Contains($"data-testid=\"totp-secret\">{secret}<", enrol);
        Assert.Contains($"otpauth://totp/{Uri.EscapeDataString(SecondFactor.Issuer)}:{login}?secret={secret}", System.Net.WebUtility.HtmlDecode(enrol));

        var wrong = await app.SecondFactorStepAsync(client, login, code: "000000" == await app.TotpCodeAsync(login) ? "111111" : "000000");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("动态验证码错误", await wrong.Content.ReadAsStringAsync());
        Assert.False(await SignedInAsync(client));
        Assert.Equal(1, await AuditAsync("signin.failed", login));

        var right = await app.SecondFactorStepAsync(client, login);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(1, await AuditAsync("signin.totp-enrol", login));
        Assert.Equal(1, await AuditAsync("signin", login));

        // The second time: no secret shown, the code still needed.
        var again = NewClient();
        Assert.StartsWith("/account/two-factor", (await AppFactory.PasswordStepAsync(again, login, AppFactory.Password)).Headers.Location!.OriginalString);
        Assert.DoesNotContain("totp-secret", await again.GetStringAsync("/account/two-factor"));
        Assert.False(await SignedInAsync(again));
        Assert.Equal(HttpStatusCode.Redirect, (await app.SecondFactorStepAsync(again, login)).StatusCode);
        Assert.True(await SignedInAsync(again));
    }

    [Fact]
    public async Task Guessing_the_code_locks_the_account_and_the_code_page_needs_the_password_first()
    {
        var login = Unique("ss-guess-");
        await app.AddUserAsync(login, Role.OrgAdmin, Organization.RootCode);
        var anonymous = NewClient();
        Assert.Equal("/account/signin", (await anonymous.GetAsync("/account/two-factor")).Headers.Location!.AbsolutePath);

        var client = NewClient();
        await AppFactory.PasswordStepAsync(client, login, AppFactory.Password);
        await client.GetStringAsync("/account/two-factor"); // enrols: the secret is made when the page is first shown
        var right = await app.TotpCodeAsync(login);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await app.SecondFactorStepAsync(client, login, code: right == "123456" ? "654321" : "123456")).StatusCode);
        }

        // The fifth wrong code locks the account and ends the pending sign-in; the password alone never resets the count.
        var fifth = await app.SecondFactorStepAsync(client, login, code: right == "123456" ? "654321" : "123456");
        Assert.Equal("/account/signin", fifth.Headers.Location!.OriginalString);
        Assert.Equal(1, await AuditAsync("signin.lockout", login));
        var later = NewClient();
        var locked = await AppFactory.PasswordStepAsync(later, login, AppFactory.Password);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("锁定", await locked.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_wrong_and_locked_accounts_get_the_same_answer_in_similar_time()
    {
        var (known, locked) = (Unique("ss-known-"), Unique("ss-locked-"));
        await app.AddUserAsync(known, Role.Leader, Organization.RootCode);
        await app.AddUserAsync(locked, Role.Leader, Organization.RootCode);
        await app.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Login == locked)).LockedUntil = app.Clock.GetUtcNow().AddMinutes(15);
            await db.SaveChangesAsync();
        });

        async Task<(string Message, TimeSpan Fastest)> TryAsync(string login, string password)
        {
            var times = new List<TimeSpan>();
            string message = "";
            for (var i = 0; i < 5; i++)
            {
                var client = NewClient();
                var form = await client.GetStringAsync("/account/signin");
                var watch = Stopwatch.StartNew();
                var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["Login"] = login, ["Password"] = password, ["__RequestVerificationToken"] = AppFactory.AntiforgeryToken(form),
                }));
                times.Add(watch.Elapsed);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                message = System.Text.RegularExpressions.Regex.Match(await response.Content.ReadAsStringAsync(), "<li>([^<]*)</li>").Groups[1].Value;
            }

            return (message, times.Min());
        }

        var unknown = await TryAsync(Unique("ss-nobody-"), "Wrong-passw0rd!");
        var wrong = await TryAsync(known, "Wrong-passw0rd!");
        var lockedRight = await TryAsync(locked, AppFactory.Password);

        Assert.Contains("账号或密码错误", unknown.Message);
        Assert.Equal(unknown.Message, wrong.Message);
        Assert.Equal(unknown.Message, lockedRight.Message);
        // Without the dummy hash an unknown login answers in a small fraction (about 1/20) of a password check. The bound
        // is loose on purpose, and each path is judged by its fastest of five tries: noise (other tests' writes on the
        // same SQLite file, a shared CI machine) only ever adds time, so it must not fail this, only a missing hash. A
        // median once failed it on CI: locked 60.6 ms against a wrong password's 304.6 ms.
        Assert.True(unknown.Fastest >= wrong.Fastest * 0.2, $"unknown {unknown.Fastest.TotalMilliseconds} ms, wrong {wrong.Fastest.TotalMilliseconds} ms");
        Assert.True(lockedRight.Fastest >= wrong.Fastest * 0.2, $"locked {lockedRight.Fastest.TotalMilliseconds} ms, wrong {wrong.Fastest.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task A_very_long_login_is_cut_before_it_reaches_the_audit_log()
    {
        var login = new string('x', 5000);
        var client = NewClient();

        var response = await AppFactory.PasswordStepAsync(client, login, "Wrong-passw0rd!");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = await app.WithScopeAsync(s => s.GetRequiredService<AppraisalDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.Action == "signin.failed" && a.Actor.StartsWith("xxxxxxxxxx")).OrderByDescending(a => a.Id).FirstAsync());
        Assert.Equal(AccountService.MaxLoginLength, entry.Actor.Length);
        Assert.Equal(AccountService.MaxLoginLength, entry.Target.Length);
        Assert.EndsWith("…", entry.Target);
    }
}

public sealed class SqliteSessionTests(SqliteApp app) : SessionTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresSessionTests(PostgresApp app) : SessionTests(app), IClassFixture<PostgresApp>;
