using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Appraisal.PartyBuilding.Web.Features.Surveys;

/// <summary>
/// The rater's page at the invitation link <c>/s/{token}</c>: no account, a phone-sized form, one answer per token.
/// These two are the only anonymous endpoints besides sign-in and health, and they are rate-limited per address.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(SurveyRegistration.AnswerRateLimit)]
public sealed class SurveyAnswerController(SurveyAnswering answering) : Controller
{
    public const string AnswerView = "~/Features/Surveys/Answer.cshtml";

    [HttpGet("/s/{token}")]
    public async Task<IActionResult> Show(string token, CancellationToken cancellationToken)
    {
        var (sheet, refusal) = await answering.OpenAsync(token, cancellationToken);
        return refusal is not null ? Refused(refusal) : View(AnswerView, new AnswerPage(sheet!, token, new Dictionary<string, int?>(), null));
    }

    [HttpPost("/s/{token}")]
    public async Task<IActionResult> Submit(string token, IFormCollection form, CancellationToken cancellationToken)
    {
        var (sheet, refusal) = await answering.OpenAsync(token, cancellationToken);
        if (refusal is not null)
        {
            return Refused(refusal);
        }

        var scores = sheet!.Questions.ToDictionary(
            q => q.Code,
            q => int.TryParse(form[$"q.{q.Code}"].ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : (int?)null,
            StringComparer.Ordinal);
        var error = await answering.AnswerAsync(sheet, scores, cancellationToken);
        if (error is null)
        {
            return View("~/Features/Surveys/Answered.cshtml", sheet);
        }

        if (error.Status != StatusCodes.Status400BadRequest)
        {
            return Refused(error);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(AnswerView, new AnswerPage(sheet, token, scores, error));
    }

    private ViewResult Refused(SurveyRefusal refusal)
    {
        Response.StatusCode = refusal.Status;
        return View("~/Features/Surveys/AnswerRefused.cshtml", refusal);
    }
}

public sealed record AnswerPage(AnswerSheet Sheet, string Token, IReadOnlyDictionary<string, int?> Scores, SurveyRefusal? Error);
