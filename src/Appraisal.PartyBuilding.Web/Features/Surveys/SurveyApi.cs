using System.IO.Compression;
using System.Text;
using Appraisal.PartyBuilding.Core.AssessmentEvidence;
using Appraisal.PartyBuilding.Core.Surveys;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Appraisal.PartyBuilding.Web.Features.Surveys;

/// <summary>
/// Surveys for the 组织部 and assessors: <c>/api/v1/surveys</c> (list, create), <c>/{id}</c> (questions and response
/// counts), <c>/{id}/invitations</c> (issue), <c>/{id}/close</c>. Raters answer on the anonymous page <c>/s/{token}</c>.
/// </summary>
public static class SurveyApi
{
    public static IEndpointRouteBuilder MapSurveyApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/surveys").WithTags("Surveys").RequireAuthorization(Policies.ManageSurveys);

        group.MapGet("/", async (SurveyDesk desk, CancellationToken cancellationToken) =>
                TypedResults.Ok((await desk.ListAsync(cancellationToken)).Select(s => SurveySummaryDto.Of(s, desk.StateOf(s))).ToList()))
            .WithName("ListSurveys")
            .WithSummary("Surveys of branches in the caller's subtree, newest first");

        group.MapPost("/", async Task<Results<Created<SurveyDto>, ProblemHttpResult>> (SurveyRequest body, SurveyDesk desk, CancellationToken cancellationToken) =>
            {
                var (survey, errors) = await desk.CreateAsync(new SurveyDraft(body.PeriodId, body.BranchCode, body.Title, body.OpensOn, body.ClosesOn), cancellationToken);
                if (survey is null)
                {
                    return Problem(errors, "问卷未创建");
                }

                var view = await desk.ViewAsync((await desk.FindAsync(survey.Id, cancellationToken))!, cancellationToken);
                return TypedResults.Created($"/api/v1/surveys/{survey.Id}", SurveyDto.Of(view));
            })
            .WithName("CreateSurvey")
            .WithSummary("Creates a survey { periodId, branchCode, title?, opensOn, closesOn } from the rating rules of the branch's category in the period's pinned pack");

        group.MapGet("/{id:int}", async Task<Results<Ok<SurveyDto>, NotFound>> (int id, SurveyDesk desk, CancellationToken cancellationToken) =>
                await desk.FindAsync(id, cancellationToken) is { } survey
                    ? TypedResults.Ok(SurveyDto.Of(await desk.ViewAsync(survey, cancellationToken)))
                    : TypedResults.NotFound())
            .WithName("GetSurvey")
            .WithSummary("A survey with its questions, response counts per rater group (thin samples flagged) and averages");

        group.MapPost("/{id:int}/invitations", async Task<Results<Created<IssuedDto>, ProblemHttpResult, NotFound>> (int id, IssueRequest body, HttpRequest request, SurveyDesk desk, CancellationToken cancellationToken) =>
            {
                if (await desk.FindAsync(id, cancellationToken) is not { } survey)
                {
                    return TypedResults.NotFound();
                }

                var (issued, error) = await desk.IssueAsync(survey, EvidenceValues.ParseRaterGroup(body.RaterGroup), body.Count, LinkOf(request), cancellationToken);
                return error is not null
                    ? Problem([error], "邀请未发放")
                    : TypedResults.Created($"/api/v1/surveys/{id}", new IssuedDto(issued.Select(i => new InvitationDto(i.Id, i.Group.Code(), i.Link, Convert.ToBase64String(SurveyQrCode.Png(i.Link)))).ToList()));
            })
            .WithName("IssueSurveyInvitations")
            .WithSummary("Issues { raterGroup, count } invitations; each link and QR code (PNG, base64) is returned only here");

        group.MapPost("/{id:int}/close", async Task<Results<Ok<SurveyDto>, ProblemHttpResult, NotFound>> (int id, SurveyDesk desk, CancellationToken cancellationToken) =>
            {
                if (await desk.FindAsync(id, cancellationToken) is not { } survey)
                {
                    return TypedResults.NotFound();
                }

                return await desk.CloseAsync(survey, cancellationToken) is { } error
                    ? Problem([error], "问卷未关闭")
                    : TypedResults.Ok(SurveyDto.Of(await desk.ViewAsync(survey, cancellationToken)));
            })
            .WithName("CloseSurvey")
            .WithSummary("Closes a survey before its last day; no answer is taken afterwards");

        return routes;
    }

    /// <summary>The absolute answer link of a token, on the host the caller used.</summary>
    public static Func<string, string> LinkOf(HttpRequest request) => token => $"{request.Scheme}://{request.Host}{request.PathBase}/s/{token}";

    /// <summary>A .zip with one PNG QR code per invitation and 邀请链接.csv, for printing elsewhere.</summary>
    public static byte[] Zip(Survey survey, IReadOnlyList<IssuedInvitation> issued)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var csv = new StringBuilder("\uFEFF序号,评价组,链接\r\n");
            for (var n = 0; n < issued.Count; n++)
            {
                var invitation = issued[n];
                var name = $"{n + 1:000}-{invitation.Group.DisplayName()}.png";
                using (var entry = zip.CreateEntry(name).Open())
                {
                    entry.Write(SurveyQrCode.Png(invitation.Link));
                }

                csv.Append(n + 1).Append(',').Append(invitation.Group.DisplayName()).Append(',').Append(invitation.Link).Append("\r\n");
            }

            using var writer = new StreamWriter(zip.CreateEntry("邀请链接.csv").Open(), new UTF8Encoding(false));
            writer.Write(csv.ToString());
        }

        return buffer.ToArray();
    }

    private static ProblemHttpResult Problem(IReadOnlyList<SurveyRefusal> errors, string title) =>
        TypedResults.Problem(
            title: title,
            detail: string.Join("；", errors.Select(e => e.Message)),
            statusCode: errors.Any(e => e.Status == StatusCodes.Status400BadRequest) ? StatusCodes.Status400BadRequest : errors.Max(e => e.Status),
            extensions: new Dictionary<string, object?> { ["errors"] = errors.Select(e => new { field = e.Field, message = e.Message }).ToList() });
}

public sealed record SurveyRequest(int? PeriodId, string? BranchCode, string? Title, DateOnly? OpensOn, DateOnly? ClosesOn);

public sealed record IssueRequest(string? RaterGroup, int? Count);

public sealed record SurveySummaryDto(int Id, string Title, string BranchCode, string BranchName, int PeriodId, string Quarter, DateOnly OpensOn, DateOnly ClosesOn, string State, int Issued, int Answered)
{
    public static SurveySummaryDto Of(Survey s, string state) =>
        new(s.Id, s.Title, s.Branch!.Code, s.Branch.Name, s.PeriodId, s.Period!.AsQuarter.ToString(), s.OpensOn, s.ClosesOn, state, s.Invitations.Count, s.Invitations.Count(i => i.AnsweredAt is not null));
}

public sealed record SurveyDto(
    int Id, string Title, string BranchCode, string BranchName, int PeriodId, string Quarter, DateOnly OpensOn, DateOnly ClosesOn, string State,
    string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt, int MinResponses,
    IReadOnlyList<QuestionDto> Questions, IReadOnlyList<GroupDto> Groups, IReadOnlyList<AverageDto> Averages)
{
    public static SurveyDto Of(SurveyView v) =>
        new(v.Survey.Id, v.Survey.Title, v.Survey.Branch!.Code, v.Survey.Branch.Name, v.Survey.PeriodId, v.Survey.Period!.AsQuarter.ToString(),
            v.Survey.OpensOn, v.Survey.ClosesOn, v.State, v.Survey.CreatedBy, v.Survey.CreatedAt, v.Survey.ClosedAt, v.MinResponses,
            v.Questions.Select(q => new QuestionDto(q.Code, q.Text, q.IndicatorCode, q.Groups.Select(g => g.Code()).ToList())).ToList(),
            v.Groups.Select(g => new GroupDto(g.Group.Code(), g.Group.DisplayName(), g.Issued, g.Answered, g.Thin)).ToList(),
            v.Answers.Select(a => new AverageDto(a.Question, a.Group.Code(), a.Count, a.Average)).ToList());
}

public sealed record QuestionDto(string Code, string Text, string IndicatorCode, IReadOnlyList<string> RaterGroups);

public sealed record GroupDto(string RaterGroup, string Name, int Issued, int Answered, bool ThinSample);

public sealed record AverageDto(string Question, string RaterGroup, int Count, decimal Average);

public sealed record IssuedDto(IReadOnlyList<InvitationDto> Invitations);

public sealed record InvitationDto(long Id, string RaterGroup, string Link, string QrPng);
