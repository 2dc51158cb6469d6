using System.Net.Http.Headers;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Testing;
using Appraisal.PartyBuilding.Web.Features.Account;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// The real app on a fresh real database (SQLite file or PostgreSQL database), with the packs the build produced
/// and a clock the test controls. Only the database and the clock are swapped, never the code under test.
/// </summary>
public class AppFactory(DatabaseProvider provider) : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "Passw0rd!2026";

    /// <summary>The audit chain key of the test apps (outside Development the app refuses to start without one).</summary>
    public const string ChainKey = "test audit chain key, thirty-two characters or more";

    private TestDatabase? database;

    private bool ownsDatabase = true;

    /// <summary>
    /// An app over an existing database, which stays when this app is disposed: with the same packs folder, a second
    /// app after the first is disposed is the same system restarted.
    /// </summary>
    protected AppFactory(TestDatabase existing)
        : this(existing.Provider)
    {
        database = existing;
        ownsDatabase = false;
    }

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 21, 2, 0, 0, TimeSpan.Zero));

    public DatabaseProvider Provider => provider;

    /// <summary>Where this app keeps meeting attachments: a fresh temporary folder, removed when disposed.</summary>
    public string AttachmentsPath { get; } = Path.Combine(Path.GetTempPath(), $"appraisal-attachments-{Guid.NewGuid():N}");

    /// <summary>Whether the app runs its Hangfire server and recurring jobs (off unless a test asks for it).</summary>
    public bool SchedulerEnabled { get; init; }

    /// <summary>
    /// Whether the app runs Hangfire workers for queued work (pages and endpoints that answer 202) without the
    /// recurring jobs, so that no cron fires during a test.
    /// </summary>
    public bool JobWorkers { get; init; }

    public TestDatabase Database => database ?? throw new InvalidOperationException("InitializeAsync has not run.");

    /// <summary><c>Packs:CallTimeout</c> when a test needs a short one (a pack that hangs); the default otherwise.</summary>
    public TimeSpan? PackCallTimeout { get; init; }

    /// <summary>The packs folder (<c>Packs:Path</c>): the packs the build produced unless a test needs its own.</summary>
    protected virtual string PacksPath => TestPaths.Packs;

    public virtual async Task InitializeAsync() => database ??= await TestDatabase.CreateAsync(provider);

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (database is not null && ownsDatabase)
        {
            await database.DisposeAsync();
        }

        if (Directory.Exists(AttachmentsPath))
        {
            Directory.Delete(AttachmentsPath, recursive: true);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Options.Provider.ToString());
        builder.UseSetting("Database:ConnectionString", Database.Options.ConnectionString);
        builder.UseSetting("Packs:Path", PacksPath);
        // The 组织部's public key is made at test time; uploads in tests are signed with its private half.
        builder.UseSetting("Packs:TrustedKeys:0", TestPackKey.PublicPem);
        if (PackCallTimeout is { } timeout)
        {
            builder.UseSetting("Packs:CallTimeout", timeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture));
        }

        builder.UseSetting("Attachments:Path", AttachmentsPath);
        builder.UseSetting("Audit:ChainKey", ChainKey);
        builder.UseSetting("Logging:Console:FormatterName", "simple");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Tests drive the jobs' logic directly with the manual clock; SchedulerTests turn the scheduler on.
        builder.UseSetting("Scheduler:Enabled", SchedulerEnabled || JobWorkers ? "true" : "false");
        builder.UseSetting("Scheduler:RecurringJobs", SchedulerEnabled ? "true" : "false");
        builder.UseSetting("Scheduler:PollInterval", "00:00:00.200");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>Runs <paramref name="work"/> with a scoped service provider of the app.</summary>
    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async Task WithDbAsync(Func<AppraisalDbContext, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<AppraisalDbContext>());
    }

    /// <summary>Adds organizations under <paramref name="parentCode"/> (a 党委 when kind is PartyCommittee, else a branch of the given category).</summary>
    public Task AddOrganizationAsync(string code, string name, string parentCode, OrganizationKind kind, string? category = null, int members = 0, int committee = 0, params string[] groups) =>
        WithDbAsync(async db =>
        {
            var parent = await db.Organizations.SingleAsync(o => o.Code == parentCode);
            db.Organizations.Add(new Organization
            {
                Code = code,
                Name = name,
                Kind = kind,
                Parent = parent,
                Path = Organization.PathOf(parent.Path, code),
                CategoryCode = category,
                MemberCount = members,
                CommitteeSize = committee,
                Groups = groups.Select(g => new PartyGroup { Name = g }).ToList(),
            });
            await db.SaveChangesAsync();
        });

    public Task AddUserAsync(string login, string role, string organizationCode) =>
        WithScopeAsync(async services =>
        {
            var (user, error) = await services.GetRequiredService<AccountService>().AddUserAsync("test", login, Password, role, organizationCode);
            Assert.True(user is not null, error);
            return user;
        });

    public Task<string> CreateTokenAsync(string login) =>
        WithScopeAsync(async services =>
        {
            var (token, error) = await services.GetRequiredService<AccountService>().CreateTokenAsync("test", login, null);
            Assert.True(token is not null, error);
            return token!;
        });

    public async Task<HttpClient> BearerClientAsync(string login)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await CreateTokenAsync(login));
        return client;
    }

    /// <summary>A client signed in through the real sign-in form (cookie + antiforgery token, and the second factor where the role needs one).</summary>
    public async Task<HttpClient> SignedInClientAsync(string login, string password = Password)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await SignInAsync(client, login, password);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>
    /// Signs in as a person would: the password form, then, for org-admin, auditor and sys-admin, the code of the
    /// authenticator app computed from the account's stored secret at the app's clock. Returns the last answer.
    /// </summary>
    public async Task<HttpResponseMessage> SignInAsync(HttpClient client, string login, string password)
    {
        var response = await PasswordStepAsync(client, login, password);
        var location = response.Headers.Location?.OriginalString ?? "";
        return response.StatusCode == System.Net.HttpStatusCode.Redirect && location.StartsWith("/account/two-factor", StringComparison.Ordinal)
            ? await SecondFactorStepAsync(client, login, location)
            : response;
    }

    /// <summary>Only the password form (the first step).</summary>
    public static async Task<HttpResponseMessage> PasswordStepAsync(HttpClient client, string login, string password)
    {
        var form = await client.GetStringAsync("/account/signin");
        return await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Login"] = login,
            ["Password"] = password,
            ["__RequestVerificationToken"] = AntiforgeryToken(form),
        }));
    }

    /// <summary>The second step: opens the code page (which enrols on first use) and posts <paramref name="code"/>, by default the right one.</summary>
    public async Task<HttpResponseMessage> SecondFactorStepAsync(HttpClient client, string login, string location = "/account/two-factor", string? code = null)
    {
        var page = await client.GetStringAsync(location);
        var returnUrl = System.Text.RegularExpressions.Regex.Match(page, "name=\"ReturnUrl\" value=\"([^\"]*)\"").Groups[1].Value;
        return await client.PostAsync("/account/two-factor", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = code ?? await TotpCodeAsync(login),
            ["ReturnUrl"] = System.Net.WebUtility.HtmlDecode(returnUrl),
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
        }));
    }

    /// <summary>The current code of the account's authenticator, from its stored secret and the app's clock.</summary>
    public Task<string> TotpCodeAsync(string login) =>
        WithScopeAsync(async services =>
        {
            var secret = await services.GetRequiredService<AppraisalDbContext>().Users.Where(u => u.Login == login).Select(u => u.TotpSecret).SingleAsync();
            Assert.NotNull(secret);
            return new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(secret)).ComputeTotp(Clock.GetUtcNow().UtcDateTime);
        });

    public static string AntiforgeryToken(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

    /// <summary>The base address when the factory runs on Kestrel (browser tests).</summary>
    public Uri ServerAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}

public sealed class SqliteApp() : AppFactory(DatabaseProvider.Sqlite);

public sealed class PostgresApp() : AppFactory(DatabaseProvider.PostgreSql);
