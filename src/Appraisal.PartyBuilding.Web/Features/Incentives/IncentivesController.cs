using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Incentives;

/// <summary>The incentive page: the coefficient table (editable by the root's 组织部) and a final period's incentives with the export link.</summary>
[Route("incentives")]
public sealed class IncentivesController(AppraisalDbContext db, IncentiveTable table, CurrentUser user) : Controller
{
    [Authorize(Policy = Policies.ReadIncentives)]
    [HttpGet("")]
    public async Task<IActionResult> Index(int? periodId, int? page, bool saved, CancellationToken cancellationToken) =>
        await PageAsync(periodId, page, saved ? "激励系数表已保存。" : null, null, StatusCodes.Status200OK, cancellationToken);

    [Authorize(Policy = Policies.RootOrgAdmin)]
    [HttpPost("coefficients")]
    public async Task<IActionResult> Save(List<string> grade, List<decimal?> coefficient, CancellationToken cancellationToken)
    {
        var rows = grade.Select((g, i) => new CoefficientInput(g, i < coefficient.Count ? coefficient[i] : null)).ToList();
        var outcome = await table.SaveAsync(rows, user.Login, cancellationToken);
        return outcome.Succeeded
            ? Redirect("/incentives?saved=true")
            : await PageAsync(null, null, null, outcome.Message, outcome.Status, cancellationToken);
    }

    private async Task<IActionResult> PageAsync(int? periodId, int? page, string? notice, string? error, int status, CancellationToken cancellationToken)
    {
        var scope = await user.ScopeAsync(cancellationToken);
        var finals = await db.Periods.AsNoTracking().Where(p => p.State == PeriodState.Final)
            .OrderByDescending(p => p.Year).ThenByDescending(p => p.Quarter).ToListAsync(cancellationToken);
        var period = finals.FirstOrDefault(p => p.Id == periodId) ?? finals.FirstOrDefault();
        var (number, size) = ListPaging.Clamp(page, null);
        var incentives = period is null ? null : (await table.ForPeriodAsync(period.Id, scope.Path, number, size, cancellationToken)).Value;
        Response.StatusCode = status;
        return View("Index", new IncentivesPage(
            await table.CoefficientsAsync(cancellationToken),
            user.Role == Role.OrgAdmin && scope.ParentId is null,
            user.Role == Role.OrgAdmin,
            finals,
            incentives,
            notice,
            error));
    }
}

public sealed record IncentivesPage(
    IReadOnlyList<CoefficientRow> Coefficients,
    bool CanEdit,
    bool CanExport,
    IReadOnlyList<Period> FinalPeriods,
    PeriodIncentives? Incentives,
    string? Notice,
    string? Error);
