using Appraisal.PartyBuilding.Core;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Rectification;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Rectification;

/// <summary>
/// Rectification pages: the list within scope (a secretary's own items; a leader's items to review first) with the
/// reminders addressed there, and an item with its history, the secretary's progress form and the leader's review form.
/// </summary>
[Route("rectification")]
public sealed class RectificationController(AppraisalDbContext db, RectificationWorkflow workflow, CurrentUser user, TimeProvider clock) : Controller
{
    [Authorize(Policy = Policies.ReadRectification)]
    [HttpGet("")]
    public async Task<IActionResult> Index(bool all, int? page, CancellationToken cancellationToken)
    {
        var scope = await user.ScopeAsync(cancellationToken);
        var visible = workflow.Visible(scope.Path);
        var query = all ? visible : visible.Where(i => i.State != RectificationState.Closed);

        // The counters are the database's counts over the whole scope, the list one page of it (a leader's items to
        // review first): the counters no longer stop where the list was cut.
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var active = visible.Where(i => i.State == RectificationState.Open || i.State == RectificationState.Returned || i.State == RectificationState.Reopened);
        var counts = new RectificationCounts(
            await active.CountAsync(cancellationToken),
            await visible.CountAsync(i => i.State == RectificationState.Submitted, cancellationToken),
            await active.CountAsync(i => i.Deadline < today, cancellationToken));
        var ordered = user.Role == Role.Leader
            ? query.OrderByDescending(i => i.State == RectificationState.Submitted).ThenBy(i => i.Deadline).ThenBy(i => i.Id)
            : query.OrderBy(i => i.Deadline).ThenBy(i => i.Id);
        var (number, size) = ListPaging.Clamp(page, null);
        var items = await ordered.ToListPageAsync(number, size, cancellationToken);
        var reminders = await workflow.RemindersFor(scope.Path).OrderByDescending(r => r.At).ThenByDescending(r => r.Id).Take(30).ToListAsync(cancellationToken);
        var labels = (await db.Periods.AsNoTracking().ToListAsync(cancellationToken)).ToDictionary(p => p.Id, p => p.AsQuarter.ToString());
        return View("Index", new RectificationListPage(scope, user.Role, items, counts, reminders, labels, all, clock.GetUtcNow()));
    }

    [Authorize(Policy = Policies.ReadRectification)]
    [HttpGet("{id:long}")]
    public async Task<IActionResult> Detail(long id, CancellationToken cancellationToken) =>
        await DetailAsync(id, null, StatusCodes.Status200OK, cancellationToken);

    [Authorize(Policy = Policies.ReportRectification)]
    [HttpPost("{id:long}/progress")]
    public async Task<IActionResult> Progress(long id, string? text, bool requestSignOff, CancellationToken cancellationToken)
    {
        var outcome = await workflow.ReportAsync(id, await user.ScopeAsync(cancellationToken), user.Login, text, requestSignOff, cancellationToken);
        return outcome.Succeeded ? Redirect($"/rectification/{id}") : await DetailAsync(id, outcome.Message, outcome.Status, cancellationToken);
    }

    [Authorize(Policy = Policies.ReviewRectification)]
    [HttpPost("{id:long}/review")]
    public async Task<IActionResult> Review(long id, bool? signOff, string? opinion, CancellationToken cancellationToken)
    {
        var outcome = await workflow.ReviewAsync(id, await user.ScopeAsync(cancellationToken), user.Login, signOff, opinion, cancellationToken);
        return outcome.Succeeded ? Redirect($"/rectification/{id}") : await DetailAsync(id, outcome.Message, outcome.Status, cancellationToken);
    }

    private async Task<IActionResult> DetailAsync(long id, string? message, int status, CancellationToken cancellationToken)
    {
        var scope = await user.ScopeAsync(cancellationToken);
        var item = await workflow.FindAsync(id, scope.Path, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        var period = await db.Periods.AsNoTracking().SingleAsync(p => p.Id == item.PeriodId, cancellationToken);
        Response.StatusCode = status;
        return View("Detail", new RectificationItemPage(
            item,
            period.AsQuarter.ToString(),
            user.Role == Role.Secretary && item.BranchId == scope.Id && RectificationSchedule.IsActive(item.State),
            user.Role == Role.Leader && item.BranchId != scope.Id && item.State == RectificationState.Submitted,
            RectificationWorkflow.IsOverdue(item, clock.GetUtcNow()),
            message));
    }
}

public sealed record RectificationListPage(
    Organization Scope,
    string Role,
    ListPage<RectificationItem> Items,
    RectificationCounts Counts,
    IReadOnlyList<RectificationReminder> Reminders,
    IReadOnlyDictionary<int, string> PeriodLabels,
    bool All,
    DateTimeOffset Now)
{
    public bool IsOverdue(RectificationItem item) => RectificationWorkflow.IsOverdue(item, Now);
}

/// <summary>Counted by the database over the whole scope: active items, items awaiting review, overdue items.</summary>
public sealed record RectificationCounts(int Active, int ToReview, int Overdue);

public sealed record RectificationItemPage(RectificationItem Item, string Quarter, bool CanReport, bool CanReview, bool Overdue, string? Message);
