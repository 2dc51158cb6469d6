using Appraisal.PartyBuilding.Core.Rectification;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Rectification;

public static class RectificationApi
{
    /// <summary>Items per API page unless pageSize says otherwise.</summary>
    public const int PageSize = 100;

    public static IEndpointRouteBuilder MapRectificationApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/rectification").WithTags("Rectification");

        group.MapGet("/", async Task<Results<Ok<List<RectificationItemDto>>, ValidationProblem>> (
                int? periodId, string? state, int? page, int? pageSize, RectificationWorkflow workflow, CurrentUser user, TimeProvider clock, HttpResponse response, CancellationToken cancellationToken) =>
            {
                var query = workflow.Visible(await user.ScopePathAsync(cancellationToken));
                if (periodId is { } pid)
                {
                    query = query.Where(i => i.PeriodId == pid);
                }

                if (state is not null)
                {
                    if (!Enum.TryParse<RectificationState>(state, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                    {
                        return TypedResults.ValidationProblem(
                            new Dictionary<string, string[]> { ["state"] = ["状态应为 open、submitted、returned、signedoff、closed 或 reopened"] },
                            title: "查询参数有误");
                    }

                    query = query.Where(i => i.State == parsed);
                }

                var (number, size) = ListPaging.Clamp(page, pageSize, PageSize);
                var items = await query.OrderBy(i => i.Deadline).ThenBy(i => i.Id).ToListPageAsync(number, size, cancellationToken);
                response.AddPageHeaders(items);
                return TypedResults.Ok(items.Items.Select(i => RectificationItemDto.Of(i, clock.GetUtcNow(), details: false)).ToList());
            })
            .WithName("ListRectificationItems")
            .WithSummary("One page (page, pageSize ≤ 500, default 100) of the rectification items of the branches in the caller's scope, by deadline; filter by periodId and state; totals in X-Total-Count and X-Page-Count")
            .RequireAuthorization(Policies.ReadRectification);

        group.MapGet("/{id:long}", async Task<Results<Ok<RectificationItemDto>, NotFound>> (
                long id, RectificationWorkflow workflow, CurrentUser user, TimeProvider clock, CancellationToken cancellationToken) =>
                await workflow.FindAsync(id, await user.ScopePathAsync(cancellationToken), cancellationToken) is { } item
                    ? TypedResults.Ok(RectificationItemDto.Of(item, clock.GetUtcNow(), details: true))
                    : TypedResults.NotFound())
            .WithName("GetRectificationItem")
            .WithSummary("One item with its history and reminders; 404 outside the caller's scope")
            .RequireAuthorization(Policies.ReadRectification);

        group.MapGet("/reminders", async (RectificationWorkflow workflow, CurrentUser user, CancellationToken cancellationToken) =>
                TypedResults.Ok((await workflow.RemindersFor(await user.ScopePathAsync(cancellationToken))
                        .OrderByDescending(r => r.At).ThenByDescending(r => r.Id).Take(500).ToListAsync(cancellationToken))
                    .Select(ReminderDto.Of).ToList()))
            .WithName("ListRectificationReminders")
            .WithSummary("Reminders addressed to organizations in the caller's scope (a branch's T−7, T−3 and overdue reminders; escalations to a parent), newest first")
            .RequireAuthorization(Policies.ReadRectification);

        group.MapPost("/{id:long}/progress", async Task<Results<Ok<RectificationItemDto>, ValidationProblem, ProblemHttpResult>> (
                long id, ProgressRequest request, RectificationWorkflow workflow, CurrentUser user, TimeProvider clock, CancellationToken cancellationToken) =>
                (await workflow.ReportAsync(id, await user.ScopeAsync(cancellationToken), user.Login, request.Text, request.RequestSignOff ?? false, cancellationToken))
                    .ToOk(i => RectificationItemDto.Of(i, clock.GetUtcNow(), details: true)))
            .WithName("ReportRectificationProgress")
            .WithSummary("The branch secretary reports progress on an item, optionally asking for sign-off (申请销号)")
            .RequireAuthorization(Policies.ReportRectification);

        group.MapPost("/{id:long}/review", async Task<Results<Ok<RectificationItemDto>, ValidationProblem, ProblemHttpResult>> (
                long id, ReviewRequest request, RectificationWorkflow workflow, CurrentUser user, TimeProvider clock, CancellationToken cancellationToken) =>
                (await workflow.ReviewAsync(id, await user.ScopeAsync(cancellationToken), user.Login, request.SignOff, request.Opinion, cancellationToken))
                    .ToOk(i => RectificationItemDto.Of(i, clock.GetUtcNow(), details: true)))
            .WithName("ReviewRectificationItem")
            .WithSummary("A leader of an organization above the branch signs a submitted item off or sends it back with an opinion")
            .RequireAuthorization(Policies.ReviewRectification);

        return routes;
    }
}

/// <param name="Text">What was done (≤ 2000 characters).</param>
/// <param name="RequestSignOff">true: the work is done, ask a leader to sign the item off.</param>
public sealed record ProgressRequest(string? Text, bool? RequestSignOff);

/// <param name="SignOff">true: signed off (re-checked next quarter); false: sent back.</param>
/// <param name="Opinion">The leader's opinion; required when sending back.</param>
public sealed record ReviewRequest(bool? SignOff, string? Opinion);

public sealed record RectificationItemDto(
    long Id,
    int PeriodId,
    string BranchCode,
    string BranchName,
    string IndicatorCode,
    string IndicatorName,
    decimal Score,
    decimal MaxScore,
    decimal PassScore,
    string Reasons,
    string? OwnerLogin,
    DateOnly Deadline,
    string State,
    string StateName,
    bool Overdue,
    DateTimeOffset CreatedAt,
    decimal? RecheckScore,
    IReadOnlyList<RectificationEntryDto>? History,
    IReadOnlyList<ReminderDto>? Reminders)
{
    public static RectificationItemDto Of(RectificationItem i, DateTimeOffset now, bool details) => new(
        i.Id,
        i.PeriodId,
        i.Branch!.Code,
        i.Branch.Name,
        i.IndicatorCode,
        i.IndicatorName,
        i.Score,
        i.MaxScore,
        i.PassScore,
        i.Reasons,
        i.OwnerLogin,
        i.Deadline,
        i.State.ToString().ToLowerInvariant(),
        i.State.DisplayName(),
        RectificationWorkflow.IsOverdue(i, now),
        i.CreatedAt,
        i.RecheckScore,
        details ? i.History.OrderBy(e => e.Id).Select(e => new RectificationEntryDto(e.At, e.Actor, e.Kind.ToString().ToLowerInvariant(), e.Kind.DisplayName(), e.Text)).ToList() : null,
        details ? i.Reminders.OrderBy(r => r.Id).Select(ReminderDto.Of).ToList() : null);
}

public sealed record RectificationEntryDto(DateTimeOffset At, string Actor, string Kind, string KindName, string Text);

public sealed record ReminderDto(long Id, long ItemId, string Kind, string KindName, DateOnly Deadline, int RecipientOrganizationId, string? RecipientCode, DateTimeOffset At, string Message)
{
    public static ReminderDto Of(RectificationReminder r) => new(
        r.Id,
        r.ItemId,
        r.Kind.ToString().ToLowerInvariant(),
        r.Kind.DisplayName(),
        r.Deadline,
        r.RecipientOrganizationId,
        r.RecipientOrganization?.Code,
        r.At,
        r.Message);
}
