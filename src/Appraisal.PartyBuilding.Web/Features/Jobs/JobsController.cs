using Appraisal.PartyBuilding.Web.Features.Organizations;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Appraisal.PartyBuilding.Web.Features.Jobs;

/// <summary>
/// The page of queued work: a progress bar that htmx refreshes every second until the job has finished, then the
/// result (or the problem). A finished scoring returns to the periods page, which shows its outcome from the job's id
/// in the address: nothing is handed over in a cookie, so a poll still in flight when the browser leaves cannot
/// consume or overwrite the message (TempData did, and the message went missing once in a while).
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

        return ReturnsToPeriods(status) ? Redirect(PeriodsUrl(status)) : View(status);
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
            Response.Headers["HX-Redirect"] = PeriodsUrl(status);
            return Ok();
        }

        return PartialView("_Progress", status);
    }

    [HttpGet("file")]
    public IActionResult Download(string id) =>
        work.Find(id, user.Login) is { State: JobState.Succeeded } status && work.File(id, user.Login) is { } content
            ? File(content, OrganizationApi.XlsxContentType, JobsApi.FileName(status))
            : NotFound();

    /// <summary>A finished scoring is shown where periods are.</summary>
    private static bool ReturnsToPeriods(JobStatus status) => status.Kind == PeriodScoringJob.Kind && status.Finished;

    private static string PeriodsUrl(JobStatus status) => $"/periods?job={Uri.EscapeDataString(status.Id)}";

    /// <summary>
    /// What the periods page says about a finished scoring of the user's: its message, or its problem. Nothing for a
    /// job that is not the user's, not a scoring or not finished.
    /// </summary>
    public static (string? Message, string? Error) Outcome(JobStatus? status)
    {
        if (status is null || !ReturnsToPeriods(status))
        {
            return (null, null);
        }

        if (status.Problem is { } problem)
        {
            return (null, problem.Detail ?? problem.Title);
        }

        var scored = status.Result?.TryGetProperty("scored", out var n) == true ? n.GetInt32() : 0;
        return ($"{status.Title}：计分完成，考核期处于“评分中”，已计分党支部{scored}个。", null);
    }
}
