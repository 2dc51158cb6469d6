using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// The command-line verbs (SPEC, integration contract), run as the real executable in its own process against the
/// SQLite file of the fixture; the fixture's app then serves requests from the same file.
/// </summary>
public sealed partial class CommandLineTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private sealed record Run(int ExitCode, string Out, string Error)
    {
        public string[] Lines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();

    private Task<Run> RunAsync(params string[] args) => RunWithKeyAsync(AppFactory.ChainKey, args);

    private async Task<Run> RunWithKeyAsync(string? chainKey, string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Appraisal.PartyBuilding.Web.dll");
        Assert.True(File.Exists(dll), dll);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["Database__ConnectionString"] = app.Database.Options.ConnectionString;
        start.Environment["Packs__Path"] = TestPaths.Packs;
        if (chainKey is null)
        {
            start.Environment.Remove("Audit__ChainKey");
        }
        else
        {
            start.Environment["Audit__ChainKey"] = chainKey;
        }
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new Run(process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task Users_add_then_tokens_create_gives_a_token_the_server_accepts()
    {
        var add = await RunAsync("users", "add", "--login", "cli-admin", "--password", "Cli-Passw0rd!", "--role", "org-admin", "--org", "ROOT");

        Assert.True(add.ExitCode == 0, add.ToString());
        var user = await app.WithScopeAsync(services => services.GetRequiredService<AppraisalDbContext>().Users.AsNoTracking().Include(u => u.Organization).SingleAsync(u => u.Login == "cli-admin"));
        Assert.Equal(Role.OrgAdmin, user.Role);
        Assert.Equal("ROOT", user.Organization!.Code);
        Assert.NotEqual("Cli-Passw0rd!", user.PasswordHash);

        var create = await RunAsync("tokens", "create", "--login", "cli-admin");

        Assert.True(create.ExitCode == 0, create.ToString());
        var token = create.Lines[^1];
        Assert.DoesNotContain(' ', token);
        Assert.True(token.Length >= 32, create.ToString());

        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await client.GetAsync("/api/v1/organizations/ROOT");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ROOT", (await response.JsonAsync()).GetProperty("code").GetString());

        // The password given on the command line signs in through the form.
        var signIn = await app.SignInAsync(app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true }), "cli-admin", "Cli-Passw0rd!");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Theory]
    [InlineData("serve")]
    [InlineData("audit")]
    [InlineData("audit", "check")]
    [InlineData("users", "remove", "--login", "x")]
    public async Task An_unknown_command_prints_the_usage_and_exits_2_without_starting_the_server(params string[] args)
    {
        var started = Stopwatch.StartNew();
        var run = await RunAsync(args);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("用法", run.Error);
        Assert.Contains("audit verify", run.Error);
        Assert.DoesNotContain("Now listening", run.Out);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(60), $"took {started.Elapsed}");
    }

    [Fact]
    public async Task Without_an_audit_chain_key_outside_Development_nothing_runs()
    {
        var run = await RunWithKeyAsync(null, ["users", "add", "--login", "cli-nokey", "--password", "Cli-Passw0rd!", "--role", "leader", "--org", "ROOT"]);

        Assert.True(run.ExitCode != 0, run.ToString());
        Assert.Contains("Audit:ChainKey", run.Error);
        Assert.False(await app.WithScopeAsync(services => services.GetRequiredService<AppraisalDbContext>().Users.AnyAsync(u => u.Login == "cli-nokey")));
    }

    [Fact]
    public async Task Audit_verify_exits_0_for_an_intact_chain_and_1_naming_the_first_broken_entry()
    {
        await app.AddUserAsync("cli-audit-user", Role.Leader, "ROOT");
        var intact = await RunAsync("audit", "verify");
        Assert.True(intact.ExitCode == 0, intact.ToString());
        Assert.Contains("完整", intact.Out);
        var head = await app.WithScopeAsync(services => services.GetRequiredService<AppraisalDbContext>().AuditChainHeads.AsNoTracking().SingleAsync());
        Assert.Contains($"链头：第{head.Sequence}条 {head.Hash}", intact.Out);

        var (sequence, target) = await app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AppraisalDbContext>();
            var entry = await db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).FirstAsync();
            await db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEntries" SET "Target" = 'forged' WHERE "Id" = {0}""", entry.Id);
            return (entry.Sequence!.Value, entry.Target);
        });
        try
        {
            var broken = await RunAsync("audit", "verify");
            Assert.True(broken.ExitCode == 1, broken.ToString());
            Assert.Contains($"第{sequence}条", broken.Error);
            Assert.Matches(Chinese(), broken.Error);
        }
        finally
        {
            await app.WithScopeAsync(services => services.GetRequiredService<AppraisalDbContext>().Database
                .ExecuteSqlRawAsync("""UPDATE "AuditEntries" SET "Target" = {0} WHERE "Sequence" = {1}""", target, sequence));
        }
    }

    [Fact]
    public async Task An_unknown_role_is_refused_with_exit_code_1_and_a_Chinese_message()
    {
        var run = await RunAsync("users", "add", "--login", "cli-badrole", "--password", "Cli-Passw0rd!", "--role", "superuser", "--org", "ROOT");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Matches(Chinese(), run.Error);
        Assert.Contains("superuser", run.Error);
        Assert.False(await app.WithScopeAsync(services => services.GetRequiredService<AppraisalDbContext>().Users.AnyAsync(u => u.Login == "cli-badrole")));
    }

    [Fact]
    public async Task A_missing_org_is_a_usage_error_with_exit_code_2()
    {
        var run = await RunAsync("users", "add", "--login", "cli-noorg", "--password", "Cli-Passw0rd!", "--role", "leader");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--org", run.Error);
        Assert.False(await app.WithScopeAsync(services => services.GetRequiredService<AppraisalDbContext>().Users.AnyAsync(u => u.Login == "cli-noorg")));
    }

    [Fact]
    public async Task A_duplicate_login_is_refused_with_exit_code_1()
    {
        var first = await RunAsync("users", "add", "--login", "cli-dup", "--password", "Cli-Passw0rd!", "--role", "assessor", "--org", "ROOT");
        Assert.True(first.ExitCode == 0, first.ToString());

        var second = await RunAsync("users", "add", "--login", "cli-dup", "--password", "Other-Passw0rd!", "--role", "leader", "--org", "ROOT");

        Assert.True(second.ExitCode == 1, second.ToString());
        Assert.Matches(Chinese(), second.Error);
        var user = await app.WithScopeAsync(services => services.GetRequiredService<AppraisalDbContext>().Users.AsNoTracking().SingleAsync(u => u.Login == "cli-dup"));
        Assert.Equal(Role.Assessor, user.Role);
    }

    [Fact]
    public async Task A_token_for_an_unknown_login_is_refused_with_exit_code_1()
    {
        var run = await RunAsync("tokens", "create", "--login", "cli-nobody");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Matches(Chinese(), run.Error);
    }

    [Fact]
    public async Task A_weak_password_is_refused_by_users_add_with_the_reason()
    {
        foreach (var (password, reason) in new[] { ("Sh0rt!", "至少"), ("alllowercaseletters", "至少"), ("cli-weak-Passw0rd!", "登录名"), ("Password123!", "常见") })
        {
            var run = await RunAsync("users", "add", "--login", "cli-weak", "--password", password, "--role", "leader", "--org", "ROOT");

            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.Contains(reason, run.Error);
        }

        Assert.False(await app.WithScopeAsync(s => s.GetRequiredService<AppraisalDbContext>().Users.AnyAsync(u => u.Login == "cli-weak")));
    }

    [Fact]
    public async Task Tokens_revoke_by_login_or_id_ends_the_tokens_and_is_audited()
    {
        await app.AddUserAsync("cli-revoke", Role.Leader, "ROOT");
        var first = await app.CreateTokenAsync("cli-revoke");
        var second = await app.CreateTokenAsync("cli-revoke");
        var days = await RunAsync("tokens", "create", "--login", "cli-revoke", "--days", "7");
        Assert.True(days.ExitCode == 0, days.ToString());
        var third = days.Lines[^1];

        async Task<HttpStatusCode> CallAsync(string token)
        {
            var client = app.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return (await client.GetAsync("/api/v1/organizations")).StatusCode;
        }

        var firstId = await app.WithScopeAsync(s => s.GetRequiredService<AppraisalDbContext>().ApiTokens
            .Where(t => t.Prefix == first.Substring(0, 12)).Select(t => t.Id).SingleAsync());
        var byId = await RunAsync("tokens", "revoke", "--id", firstId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(byId.ExitCode == 0, byId.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(first));
        Assert.Equal(HttpStatusCode.OK, await CallAsync(second));

        var byLogin = await RunAsync("tokens", "revoke", "--login", "cli-revoke");
        Assert.True(byLogin.ExitCode == 0, byLogin.ToString());
        Assert.Contains("已吊销 2 个", byLogin.Out);
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(second));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(third));
        Assert.Equal(3, await app.WithScopeAsync(s => s.GetRequiredService<AppraisalDbContext>().AuditEntries.CountAsync(a => a.Action == "tokens.revoke" && a.Target == "cli-revoke")));

        var unknown = await RunAsync("tokens", "revoke", "--login", "cli-nobody");
        Assert.True(unknown.ExitCode == 1, unknown.ToString());
        Assert.Matches(Chinese(), unknown.Error);
        var neither = await RunAsync("tokens", "revoke");
        Assert.True(neither.ExitCode == 2, neither.ToString());
        var both = await RunAsync("tokens", "revoke", "--login", "cli-revoke", "--id", "1");
        Assert.True(both.ExitCode == 2, both.ToString());
    }
}
