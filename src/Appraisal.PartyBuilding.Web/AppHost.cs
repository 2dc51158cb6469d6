using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Features.Account;
using Appraisal.PartyBuilding.Web.Features.Audit;
using Appraisal.PartyBuilding.Web.Features.Capture;
using Appraisal.PartyBuilding.Web.Features.Cycle;
using Appraisal.PartyBuilding.Web.Features.Demo;
using Appraisal.PartyBuilding.Web.Features.Evidence;
using Appraisal.PartyBuilding.Web.Features.Jobs;
using Appraisal.PartyBuilding.Web.Features.Loop;
using Appraisal.PartyBuilding.Web.Features.Organizations;
using Appraisal.PartyBuilding.Web.Features.Packs;
using Appraisal.PartyBuilding.Web.Features.Periods;
using Appraisal.PartyBuilding.Web.Features.Records;
using Appraisal.PartyBuilding.Web.Features.Reports;
using Appraisal.PartyBuilding.Web.Features.Schedule;
using Appraisal.PartyBuilding.Web.Features.Scoring;
using Appraisal.PartyBuilding.Web.Features.Surveys;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.Options;

namespace Appraisal.PartyBuilding.Web;

/// <summary>Composition of the web app: services, middleware and endpoints.</summary>
public static class AppHost
{
    /// <summary><c>--demo</c> is short for <c>--Demo:Load=true</c>.</summary>
    public static string[] ExpandFlags(string[] args) =>
        args.Select(a => a == "--demo" ? $"--{DemoOptions.Section}:{nameof(DemoOptions.Load)}=true" : a).ToArray();

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var services = builder.Services;

        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart()
            .PostConfigure(o => o.ConnectionString = DefaultConnectionString(o, builder.Environment.ContentRootPath));
        services.AddOptions<PacksOptions>().BindConfiguration(PacksOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.TrustedKeysAreValid(), "Packs:TrustedKeys 中有无效的公钥：每一项须为 PEM 格式的 ECDSA P-256 公钥（-----BEGIN PUBLIC KEY-----）。")
            .ValidateOnStart();
        services.AddOptions<SignInLockoutOptions>().BindConfiguration(SignInLockoutOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PasswordPolicyOptions>().BindConfiguration(PasswordPolicyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SignInSessionOptions>().BindConfiguration(SignInSessionOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.AbsoluteTimeout >= o.IdleTimeout, "Session:AbsoluteTimeout must be at least Session:IdleTimeout.").ValidateOnStart();
        services.AddOptions<ApiTokenOptions>().BindConfiguration(ApiTokenOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.MaxLifetime >= o.DefaultLifetime, "Tokens:MaxLifetime must be at least Tokens:DefaultLifetime.").ValidateOnStart();

        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.Section).ValidateDataAnnotations().ValidateOnStart()
            .PostConfigure(o => o.TempPath = UploadOptions.ResolveTempPath(o.TempPath, builder.Environment.ContentRootPath));
        // The form reader buffers large uploads in ASPNETCORE_TEMP: point it at this app's own folder, whose leftovers start-up removes.
        var uploadTemp = UploadOptions.ResolveTempPath(builder.Configuration[$"{UploadOptions.Section}:{nameof(UploadOptions.TempPath)}"], builder.Environment.ContentRootPath);
        Directory.CreateDirectory(uploadTemp);
        Environment.SetEnvironmentVariable("ASPNETCORE_TEMP", uploadTemp);
        services.AddScoped<UploadLeftovers>();
        services.AddExceptionHandler<RequestTooLargeHandler>();
        services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.Section);
        services.AddOptions<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((o, proxies) => ProxyOptions.Configure(o, proxies.Value));
        services.AddHostedService<Startup>();
        services.AddSingleton(TimeProvider.System);
        services.AddAppraisalDatabase();
        // One live catalog swapped whole on install/enable/disable; each scope (request, job) keeps the one it started with.
        services.AddSingleton(PackInstallations.CreateLiveCatalog);
        services.AddScoped(sp => sp.GetRequiredService<LivePackCatalog>().Current);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PacksOptions>>().Value.ParseTrustedKeys());

        services.AddHttpContextAccessor();
        services.AddDataProtection().SetApplicationName("Appraisal.PartyBuilding");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DatabaseKeyRing(sp.GetRequiredService<IServiceScopeFactory>())));
        services.AddScoped<CurrentUser>();
        services.AddScoped<AuditLog>();
        services.AddAuditChain(builder.Environment);
        services.AddScoped<Features.Audit.AuditTrail>();
        services.AddScoped<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, RootOrganizationHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, RootOrganizationResultHandler>();
        services.AddScoped<AccountService>();
        services.AddScoped<PasswordPolicy>();
        services.AddScoped<SecondFactor>();
        services.AddScoped<OrganizationImport>();
        services.AddOptions<BranchListOptions>().BindConfiguration(BranchListOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<BranchSubtrees>();
        services.AddScoped<DemoData>();
        services.AddOptions<ScoringOptions>().BindConfiguration(ScoringOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<PeriodScoring>();
        services.AddScoped<PeriodOpening>();
        services.AddScoped<PackInstallations>();
        services.AddScoped<PackDryRun>();
        services.AddCycle();
        services.AddLoop();
        services.AddReports();
        services.AddScheduler(builder.Configuration, o => DefaultConnectionString(o, builder.Environment.ContentRootPath));
        services.AddScoped<Features.Home.MeetingBoard>();
        services.AddScoped<Features.Dashboards.OrganizationDashboard>();
        services.AddScoped<Features.Dashboards.BranchDashboard>();
        services.AddMemoryCache();
        services.AddScoped<Features.Results.CategorySizes>();
        services.AddScoped<Features.Results.RankingPages>();
        services.AddScoped<Features.Results.ResultsPeriod>();
        services.AddEvidence();
        services.AddRecords();
        services.AddSurveys();
        services.AddCapture();
        services.AddSingleton<IPasswordHasher<UserAccount>, PasswordHasher<UserAccount>>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = "Smart";
                options.DefaultChallengeScheme = "Smart";
            })
            .AddPolicyScheme("Smart", "Cookie or bearer token", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? ApiTokenAuthenticationHandler.SchemeName
                        : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = "/account/signin";
                options.LogoutPath = "/account/signout";
                options.AccessDeniedPath = "/account/denied";
                options.Cookie.Name = "appraisal.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.SlidingExpiration = true;
                options.Events.OnValidatePrincipal = SessionValidation.ValidateAsync;
                options.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
            })
            .AddCookie(SessionValidation.SecondFactorScheme, options =>
            {
                options.LoginPath = "/account/signin";
                options.AccessDeniedPath = "/account/denied";
                options.Cookie.Name = "appraisal.2fa";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.Cookie.Path = "/account";
                options.ExpireTimeSpan = TimeSpan.FromMinutes(5);
                options.SlidingExpiration = false;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        // The idle timeout is the sign-in cookie's sliding lifetime (Session:IdleTimeout).
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<SignInSessionOptions>>((o, session) => o.ExpireTimeSpan = session.Value.IdleTimeout);
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddAuthorization(Policies.Add);

        services.AddControllersWithViews(options => options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()))
            .AddRazorOptions(options =>
            {
                // Feature folders: a slice keeps its controller, views and view models together.
                options.ViewLocationFormats.Clear();
                options.ViewLocationFormats.Add("/Features/{1}/{0}" + RazorViewEngine.ViewExtension);
                options.ViewLocationFormats.Add("/Features/Shared/{0}" + RazorViewEngine.ViewExtension);
            });
        services.AddProblemDetails(o => o.CustomizeProblemDetails = RequestTooLargeHandler.Customize);
        services.AddOpenApi();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<PacksHealthCheck>("packs");
        services.Configure<RouteOptions>(o => o.LowercaseUrls = true);
        // Chinese text is written as is, not as &#x...; entities.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));

        var app = builder.Build();
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler();
            app.UseHsts();
        }

        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseSameOriginApiWrites();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapOpenApi().RequireAuthorization(Policies.SignedIn);
        app.MapControllers();
        app.MapPackApi();
        app.MapPackWorkbookApi();
        app.MapOrganizationApi();
        app.MapPeriodApi();
        app.MapScoringApi();
        app.MapEvidenceApi();
        app.MapRecordApi();
        app.MapCycleApi();
        app.MapLoopApi();
        app.MapReportApi();
        app.MapJobDashboard();
        app.MapJobsApi();
        app.MapSurveyApi();
        app.MapCaptureApi();
        return app;
    }

    private static string DefaultConnectionString(DatabaseOptions options, string contentRoot)
    {
        if (options.Provider != DatabaseProvider.Sqlite)
        {
            return options.ConnectionString;
        }

        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(options.ConnectionString);
        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            builder.DataSource = Path.Combine("App_Data", "appraisal.db");
        }

        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.Combine(contentRoot, builder.DataSource);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        return builder.ConnectionString;
    }

    private static Task ApiAwareRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        // Machine clients (the API and its OpenAPI document) get a status code, browsers the sign-in page.
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/openapi") || context.Request.Path.StartsWithSegments(JobDashboard.Path))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
