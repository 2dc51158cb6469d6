using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Appeals;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Features.Packs;
using Appraisal.PartyBuilding.Web.Features.Loop;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Appeals;

/// <summary>
/// Appeal pages: a secretary sees the branch's published scores and appeals one; assessors and the 组织部 see the queue
/// and decide; everyone in scope reads an appeal and its decision.
/// </summary>
[Route("appeals")]
public sealed class AppealsController(AppraisalDbContext db, AppealWorkflow appeals, CurrentUser user, PackCatalog catalog, TimeProvider clock) : Controller
{
    [Authorize(Policy = Policies.ReadAppeals)]
    [HttpGet("")]
    public async Task<IActionResult> Index(int? periodId, int? page, CancellationToken cancellationToken)
    {
        var scope = await user.ScopeAsync(cancellationToken);
        var periods = await db.Periods.AsNoTracking().Include(p => p.Packs)
            .Where(p => p.State == PeriodState.Published || p.State == PeriodState.Final)
            .OrderByDescending(p => p.Year).ThenByDescending(p => p.Quarter)
            .ToListAsync(cancellationToken);
        var period = periods.FirstOrDefault(p => p.Id == periodId) ?? periods.FirstOrDefault(p => p.State == PeriodState.Published) ?? periods.FirstOrDefault();
        var visible = appeals.Visible(scope.Path);

        if (user.Role == Role.Secretary)
        {
            var result = period is null || !scope.IsBranch
                ? null
                : await db.BranchResults.AsNoTracking().Include(r => r.Indicators).SingleOrDefaultAsync(r => r.PeriodId == period.Id && r.BranchId == scope.Id, cancellationToken);
            var own = period is null ? [] : await visible.Where(a => a.PeriodId == period.Id).OrderByDescending(a => a.Id).ToListAsync(cancellationToken);
            return View("Secretary", new SecretaryAppealsPage(scope, periods, period, result, period is not null && PeriodLifecycle.IsAppealWindowOpen(period, clock.GetUtcNow()), own, period is null ? catalog.Pinned([]) : catalog.PinnedBy(period)));
        }

        var (number, size) = ListPaging.Clamp(page, null);
        var open = await visible.Where(a => a.State == AppealState.Open).OrderBy(a => a.Id).ToListPageAsync(number, size, cancellationToken);
        var decided = await visible.Where(a => a.State != AppealState.Open).OrderByDescending(a => a.DecidedAt).Take(50).ToListAsync(cancellationToken);
        var all = await db.Periods.AsNoTracking().Include(p => p.Packs).ToListAsync(cancellationToken);
        var labels = all.ToDictionary(p => p.Id, p => p.AsQuarter.ToString());
        return View("Queue", new AppealQueuePage(user.Role, open, decided, labels, all.ToDictionary(p => p.Id, catalog.PinnedBy)));
    }

    [Authorize(Policy = Policies.FileAppeals)]
    [HttpGet("new")]
    public async Task<IActionResult> New(int periodId, string indicator, CancellationToken cancellationToken) =>
        await FormAsync(periodId, indicator, null, null, null, StatusCodes.Status200OK, cancellationToken);

    [Authorize(Policy = Policies.FileAppeals)]
    [HttpPost("new")]
    public async Task<IActionResult> File(int periodId, string indicatorCode, string? reason, string? evidence, CancellationToken cancellationToken)
    {
        var outcome = await appeals.FileAsync(periodId, await user.ScopeAsync(cancellationToken), user.Login, indicatorCode, reason, evidence, cancellationToken);
        return outcome.Value is { } appeal
            ? Redirect($"/appeals/{appeal.Id}")
            : await FormAsync(periodId, indicatorCode, reason, evidence, outcome.Message, outcome.Status, cancellationToken);
    }

    [Authorize(Policy = Policies.ReadAppeals)]
    [HttpGet("{id:long}")]
    public async Task<IActionResult> Detail(long id, CancellationToken cancellationToken) =>
        await DetailAsync(id, null, StatusCodes.Status200OK, cancellationToken);

    [Authorize(Policy = Policies.DecideAppeals)]
    [HttpPost("{id:long}/decision")]
    public async Task<IActionResult> Decide(long id, bool? upheld, decimal? newScore, string? opinion, CancellationToken cancellationToken)
    {
        var outcome = await appeals.DecideAsync(id, await user.ScopePathAsync(cancellationToken), user.Login, upheld, newScore, opinion, cancellationToken);
        return outcome.Succeeded
            ? Redirect($"/appeals/{id}")
            : await DetailAsync(id, outcome.Message, outcome.Status, cancellationToken);
    }

    private async Task<IActionResult> FormAsync(int periodId, string? indicator, string? reason, string? evidence, string? message, int status, CancellationToken cancellationToken)
    {
        var scope = await user.ScopeAsync(cancellationToken);
        var period = await db.Periods.AsNoTracking().Include(p => p.Packs).SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
        var result = period is null
            ? null
            : await db.BranchResults.AsNoTracking().Include(r => r.Indicators).SingleOrDefaultAsync(r => r.PeriodId == periodId && r.BranchId == scope.Id, cancellationToken);
        var score = result?.Indicators.SingleOrDefault(i => i.Code == indicator);
        if (period is null || result is null || score is null)
        {
            return NotFound();
        }

        Response.StatusCode = status;
        var refusal = AppealRules.RefusesFiling(period, clock.GetUtcNow());
        return View("New", new AppealForm(period, scope, score, catalog.PinnedBy(period).IndicatorName(result.CategoryCode, score.Code), reason, evidence, message ?? refusal, refusal is null));
    }

    private async Task<IActionResult> DetailAsync(long id, string? message, int status, CancellationToken cancellationToken)
    {
        var appeal = await appeals.Visible(await user.ScopePathAsync(cancellationToken)).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (appeal is null)
        {
            return NotFound();
        }

        var period = await db.Periods.AsNoTracking().Include(p => p.Packs).SingleAsync(p => p.Id == appeal.PeriodId, cancellationToken);
        var decider = user.Role is Role.OrgAdmin or Role.Assessor;
        var refusal = decider ? AppealRules.RefusesDecider(appeal, user.Login, await appeals.ScorersAsync(appeal, cancellationToken)) : null;
        Response.StatusCode = status;
        return View("Detail", new AppealDetail(
            appeal,
            period,
            catalog.PinnedBy(period).IndicatorName(appeal.Branch!.CategoryCode, appeal.IndicatorCode),
            decider && refusal is null,
            decider && appeal.State == AppealState.Open ? refusal?.Message : null,
            message));
    }
}

public sealed record SecretaryAppealsPage(
    Core.Organizations.Organization Branch,
    IReadOnlyList<Period> Periods,
    Period? Period,
    BranchResult? Result,
    bool WindowOpen,
    IReadOnlyList<Appeal> Appeals,
    PinnedPacks Packs);

/// <param name="Packs">Each period's pinned pack versions, which name the indicators of its appeals.</param>
public sealed record AppealQueuePage(string Role, ListPage<Appeal> Open, IReadOnlyList<Appeal> Decided, IReadOnlyDictionary<int, string> PeriodLabels, IReadOnlyDictionary<int, PinnedPacks> Packs);

public sealed record AppealForm(Period Period, Core.Organizations.Organization Branch, BranchIndicatorScore Score, string IndicatorName, string? Reason, string? Evidence, string? Message, bool WindowOpen);

public sealed record AppealDetail(Appeal Appeal, Period Period, string IndicatorName, bool CanDecide, string? CannotDecide, string? Message);
