using Appraisal.PartyBuilding.Core.Capture;
using Appraisal.PartyBuilding.Web.Features.Jobs;
using Appraisal.PartyBuilding.Web.Features.Schedule;
using Appraisal.PartyBuilding.Web.Platform;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Appraisal.PartyBuilding.Web.Features.Capture;

/// <summary>
/// <c>/api/v1/capture/sources</c>: the KPI data sources (无感考核) for the root's 组织部 — the configured ones (paged) with
/// their last success and failure, the declared ones not configured yet, saving a configuration, and pulling now.
/// </summary>
public static class CaptureApi
{
    public static IEndpointRouteBuilder MapCaptureApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/capture/sources").WithTags("Capture").RequireAuthorization(Policies.RootOrgAdmin);

        group.MapGet("", async (int? page, int? pageSize, CaptureSources sources, CancellationToken cancellationToken) =>
            {
                var (number, size) = ListPaging.Clamp(page, pageSize);
                var list = await sources.ListAsync(number, size, cancellationToken);
                return TypedResults.Ok(new CaptureSourceList(
                    list.Items.Select(CaptureSourceDto.Of).ToList(), list.Page, list.PageSize, list.Total, await sources.UnconfiguredAsync(cancellationToken)));
            })
            .WithName("ListCaptureSources")
            .WithSummary("The configured KPI data sources (paged, 50 by default) with their status, and the sources packs declare that are not configured yet");

        group.MapGet("/{kpiCode}", async Task<Results<Ok<CaptureSourceDto>, ProblemHttpResult>> (string kpiCode, CaptureSources sources, CancellationToken cancellationToken) =>
                await sources.FindAsync(kpiCode, cancellationToken) is { } source
                    ? TypedResults.Ok(CaptureSourceDto.Of(source))
                    : TypedResults.Problem(title: "数据源不存在", detail: $"没有为指标值“{kpiCode}”配置数据源。", statusCode: StatusCodes.Status404NotFound))
            .WithName("GetCaptureSource")
            .WithSummary("One configured source: address, format, fields, schedule, whether a credential is stored (never the credential), last success and failure");

        group.MapPut("/{kpiCode}", async Task<Results<Ok<CaptureSourceDto>, ValidationProblem, ProblemHttpResult>> (
                string kpiCode, CaptureSourceInput input, CaptureSources sources, CurrentUser user, CancellationToken cancellationToken) =>
                (await sources.SaveAsync(kpiCode, input, user.Login, cancellationToken)).ToOk(CaptureSourceDto.Of))
            .WithName("SaveCaptureSource")
            .WithSummary("Configures the source a pack declared for the KPI: url (http/https), format (json|csv), branchField, valueField, cron (5 fields), enabled, tokenHeader, token (write-only), clearToken; audited, the recurring pull registered");

        group.MapPost("/{kpiCode}/pull", async Task<Results<Ok<PullOutcome>, Accepted<JobAccepted>, ProblemHttpResult>> (
                string kpiCode, bool? wait, CaptureSources sources, CapturePull pull, BackgroundWork work, CurrentUser user, CancellationToken cancellationToken) =>
            {
                if (await sources.FindAsync(kpiCode, cancellationToken) is null)
                {
                    return TypedResults.Problem(title: "数据源不存在", detail: $"没有为指标值“{kpiCode}”配置数据源。", statusCode: StatusCodes.Status404NotFound);
                }

                if (wait != true)
                {
                    var login = user.Login;
                    return JobsApi.Accepted(work.Start<CapturePullJob>(j => j.RunAsync(kpiCode, login, null!, CancellationToken.None), CapturePullJob.Kind, $"立即拉取：{kpiCode}", login));
                }

                var outcome = (await pull.PullAsync(kpiCode, cancellationToken))!;
                return outcome.Succeeded
                    ? TypedResults.Ok(outcome)
                    : TypedResults.Problem(title: "数据源拉取失败，未保存任何数据", detail: outcome.Error, statusCode: StatusCodes.Status502BadGateway);
            })
            .WithName("PullCaptureSource")
            .WithSummary("Pulls the source now: 202 with the job (retried on failure like the scheduled pull), or with wait=true once, 200 with the counts or 502 with the reason (nothing saved)");
        return routes;
    }

    public static IServiceCollection AddCapture(this IServiceCollection services)
    {
        services.AddOptions<CaptureOptions>().BindConfiguration(CaptureOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(CaptureFetch.ClientName)
            // The time limit is Capture:Timeout, applied per pull; redirects are refused (see CaptureFetch).
            .ConfigureHttpClient(c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false });
        services.AddScoped<CaptureSources>();
        services.AddScoped<CaptureFetch>();
        services.AddScoped<CapturePull>();
        services.AddHostedService<CaptureSchedule>();
        return services;
    }
}

/// <summary>Registers every configured source's recurring pull at start-up (Hangfire's in-memory storage forgets them at a restart).</summary>
public sealed class CaptureSchedule(IServiceScopeFactory scopes, IOptions<SchedulerOptions> scheduler) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!scheduler.Value.Enabled || !scheduler.Value.RecurringJobs)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.AppraisalDbContext>();
        var recurring = scope.ServiceProvider.GetRequiredService<IRecurringJobManager>();
        foreach (var source in await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.CaptureSources, cancellationToken))
        {
            CaptureSources.Schedule(recurring, scheduler.Value, source);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public sealed record CaptureSourceList(IReadOnlyList<CaptureSourceDto> Items, int Page, int PageSize, int Total, IReadOnlyList<DeclaredSource> Unconfigured);

/// <summary>A source as the API shows it: whether a credential is stored, never the credential.</summary>
public sealed record CaptureSourceDto(
    int Id,
    string KpiCode,
    string Name,
    string Url,
    string Format,
    string BranchField,
    string ValueField,
    string Cron,
    bool Enabled,
    string? TokenHeader,
    bool HasToken,
    DateTimeOffset? LastSuccessAt,
    int? LastSuccessCount,
    DateTimeOffset? LastFailureAt,
    string? LastFailure,
    bool Failing,
    string Status,
    string UpdatedBy,
    DateTimeOffset UpdatedAt)
{
    public static CaptureSourceDto Of(CaptureSource s) => new(
        s.Id, s.KpiCode, s.Name, s.Url, s.Format.ToString().ToLowerInvariant(), s.BranchField, s.ValueField, s.Cron, s.Enabled,
        s.TokenHeader, s.ProtectedToken is not null, s.LastSuccessAt, s.LastSuccessCount, s.LastFailureAt, s.LastFailure, s.Failing,
        StatusOf(s), s.UpdatedBy, s.UpdatedAt);

    public static string StatusOf(CaptureSource s) =>
        s.Failing ? "失败" : s.LastSuccessAt is not null ? (s.Enabled ? "正常" : "已停用") : s.Enabled ? "尚未拉取" : "已停用";
}
