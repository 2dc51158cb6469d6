using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Core.Reports;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Reports;

/// <summary>The quarterly report (季度通报) as a web page, for the caller's organization subtree.</summary>
[Authorize(Policy = Policies.ReadPeriods)]
public sealed class ReportsController(AppraisalDbContext db, QuarterlyReports reports, CurrentUser user) : Controller
{
    [HttpGet("/reports")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var periods = await db.Periods.AsNoTracking()
            .Where(p => p.State != PeriodState.Open)
            .OrderByDescending(p => p.Year).ThenByDescending(p => p.Quarter)
            .ToListAsync(cancellationToken);
        return View(periods.Where(p => QuarterlyReports.Refusal(p, user.Role) is null).ToList());
    }

    [HttpGet("/reports/{id:int}")]
    public async Task<IActionResult> Period(int id, CancellationToken cancellationToken)
    {
        var period = await db.Periods.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (period is null)
        {
            return NotFound();
        }

        if (QuarterlyReports.Refusal(period, user.Role) is { } refusal)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View("Unavailable", refusal);
        }

        var scope = await user.ScopeAsync(cancellationToken);
        var report = await reports.BuildAsync(period, scope, cancellationToken);
        return View(new ReportPage(period.Id, report, user.Role == Role.OrgAdmin));
    }

    /// <summary>The .xlsx of the page is built as a job: the job page shows its progress, then offers the file.</summary>
    [HttpPost("/reports/{id:int}/file")]
    public async Task<IActionResult> File([FromServices] Jobs.BackgroundWork work, int id, CancellationToken cancellationToken)
    {
        var period = await db.Periods.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (period is null)
        {
            return NotFound();
        }

        if (QuarterlyReports.Refusal(period, user.Role) is { } refusal)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View("Unavailable", refusal);
        }

        var login = user.Login;
        return Redirect(Jobs.JobsApi.PageUrl(work.Start<Jobs.ReportJob>(job => job.GenerateAsync(id, login, null!, CancellationToken.None), Jobs.ReportJob.Kind, $"{period.AsQuarter}季度通报", login)));
    }
}

public sealed record ReportPage(int PeriodId, QuarterlyReport Report, bool IsOrgAdmin)
{
    public string FileUrl => $"/reports/{PeriodId}/file";

    /// <summary>The grades over all categories, best first: the chart's series.</summary>
    public IReadOnlyList<string> GradeOrder =>
        Report.Grades.Where(g => g.CategoryCode == QuarterlyReport.AllCategories).Select(g => g.Grade).ToList();

    public int CountOf(string categoryCode, string grade) =>
        Report.Grades.FirstOrDefault(g => g.CategoryCode == categoryCode && g.Grade == grade)?.Count ?? 0;
}
