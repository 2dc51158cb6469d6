using Appraisal.PartyBuilding.Web.Features.Organizations;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Appraisal.PartyBuilding.Web.Features.Jobs;

/// <summary>
/// The page of queued work: a progress bar that htmx refreshes every second until the job has finished, then the
/// result (or the problem). A finished scoring returns to the periods page with its message.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
[Route("jobs/{id}")]
public sealed class JobsController(BackgroundWork work, CurrentUser user) : Controller
{
    [HttpGet("")]
    public IActionResult Status(string id)
    {
        if (work.Find(id, user.Login) is not { } status)
        {
            return NotFound();
        }

        return ReturnsToPeriods(status) ? Redirect("/periods") : View(status);
    }

    [HttpGet("progress")]
    public IActionResult Progress(string id)
    {
        if (work.Find(id, user.Login) is not { } status)
        {
            return NotFound();
        }

        if (ReturnsToPeriods(status))
        {
            Response.Headers["HX-Redirect"] = "/periods";
            return Ok();
        }

        return PartialView("_Progress", status);
    }

    [HttpGet("file")]
    public IActionResult Download(string id) =>
        work.Find(id, user.Login) is { State: JobState.Succeeded } status && work.File(id, user.Login) is { } content
            ? File(content, OrganizationApi.XlsxContentType, JobsApi.FileName(status))
            : NotFound();

    /// <summary>A finished scoring is shown where periods are: its message goes with it.</summary>
    private bool ReturnsToPeriods(JobStatus status)
    {
        if (status.Kind != PeriodScoringJob.Kind || !status.Finished)
        {
            return false;
        }

        if (status.Problem is { } problem)
        {
            TempData["PeriodError"] = problem.Detail ?? problem.Title;
        }
        else
        {
            var scored = status.Result?.TryGetProperty("scored", out var n) == true ? n.GetInt32() : 0;
            TempData["PeriodMessage"] = $"{status.Title}：计分完成，考核期处于“评分中”，已计分党支部{scored}个。";
        }

        return true;
    }
}
