using Appraisal.PartyBuilding.Core;
using Appraisal.PartyBuilding.Core.AssessmentEvidence;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Core.Surveys;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Surveys;

/// <summary>The survey pages of the 组织部 and assessors: list and create, results, issue invitations (print or .zip), close.</summary>
[Authorize(Policy = Policies.ManageSurveys)]
public sealed class SurveysController(SurveyDesk desk, AppraisalDbContext db, CurrentUser user) : Controller
{
    [HttpGet("/surveys")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View("Index", await PageAsync(null, [], cancellationToken));

    [HttpPost("/surveys")]
    public async Task<IActionResult> Create(SurveyRequest input, CancellationToken cancellationToken)
    {
        var (survey, errors) = await desk.CreateAsync(new SurveyDraft(input.PeriodId, input.BranchCode, input.Title, input.OpensOn, input.ClosesOn), cancellationToken);
        if (survey is not null)
        {
            return Redirect($"/surveys/{survey.Id}");
        }

        Response.StatusCode = errors.Any(e => e.Status == StatusCodes.Status400BadRequest) ? StatusCodes.Status400BadRequest : errors.Max(e => e.Status);
        return View("Index", await PageAsync(input, errors, cancellationToken));
    }

    [HttpGet("/surveys/{id:int}")]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken) =>
        await desk.FindAsync(id, cancellationToken) is { } survey
            ? View("Details", new SurveyDetailsPage(await desk.ViewAsync(survey, cancellationToken), TempData["SurveyMessage"] as string, TempData["SurveyError"] as string))
            : NotFound();

    /// <summary>Issues invitations and shows them once: a printable sheet of QR codes, or a .zip of PNGs and the links.</summary>
    [HttpPost("/surveys/{id:int}/invitations")]
    public async Task<IActionResult> Issue(int id, string? raterGroup, int? count, string? format, CancellationToken cancellationToken)
    {
        if (await desk.FindAsync(id, cancellationToken) is not { } survey)
        {
            return NotFound();
        }

        var (issued, error) = await desk.IssueAsync(survey, EvidenceValues.ParseRaterGroup(raterGroup), count, SurveyApi.LinkOf(Request), cancellationToken);
        if (error is not null)
        {
            Response.StatusCode = error.Status;
            return View("Details", new SurveyDetailsPage(await desk.ViewAsync(survey, cancellationToken), null, error.Message));
        }

        return format == "zip"
            ? File(SurveyApi.Zip(survey, issued), "application/zip", $"问卷{survey.Id}-邀请二维码.zip")
            : View("Invitations", new InvitationSheet(survey, issued));
    }

    [HttpPost("/surveys/{id:int}/close")]
    public async Task<IActionResult> Close(int id, CancellationToken cancellationToken)
    {
        if (await desk.FindAsync(id, cancellationToken) is not { } survey)
        {
            return NotFound();
        }

        var error = await desk.CloseAsync(survey, cancellationToken);
        TempData[error is null ? "SurveyMessage" : "SurveyError"] = error?.Message ?? "问卷已关闭，不再接受答卷。";
        return Redirect($"/surveys/{id}");
    }

    private async Task<SurveyListPage> PageAsync(SurveyRequest? input, IReadOnlyList<SurveyRefusal> errors, CancellationToken cancellationToken)
    {
        var periods = await db.Periods.AsNoTracking().Where(p => p.State != PeriodState.Final)
            .OrderByDescending(p => p.Year).ThenByDescending(p => p.Quarter).ToListAsync(cancellationToken);
        var branches = await (await user.VisibleOrganizationsAsync(cancellationToken)).AsNoTracking()
            .Where(o => o.Kind == OrganizationKind.Branch && o.CategoryCode != null)
            .OrderBy(o => o.Code).ToListAsync(cancellationToken);
        var today = desk.Today;
        return new SurveyListPage(
            await desk.ListAsync(cancellationToken),
            periods,
            branches,
            input ?? new SurveyRequest(periods.FirstOrDefault()?.Id, null, null, today, today.AddDays(14)),
            errors,
            desk);
    }
}

public sealed record SurveyListPage(
    IReadOnlyList<Survey> Surveys,
    IReadOnlyList<Period> Periods,
    IReadOnlyList<Organization> Branches,
    SurveyRequest Input,
    IReadOnlyList<SurveyRefusal> Errors,
    SurveyDesk Desk)
{
    public string? Error(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;
}

public sealed record SurveyDetailsPage(SurveyView View, string? Message, string? Error);

public sealed record InvitationSheet(Survey Survey, IReadOnlyList<IssuedInvitation> Invitations);
