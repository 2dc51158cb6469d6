using Appraisal.PartyBuilding.Core.AssessmentEvidence;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Features.Scoring;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Evidence;

/// <summary>
/// <c>PUT /api/v1/periods/{id}/manual-scores</c>: an assessor's scores of one branch's manual indicators, and
/// <c>GET</c> on the same path: the current scores of the branches in the caller's scope.
/// </summary>
public static class ManualScoreApi
{
    public const string ScoresField = "scores";

    public static IEndpointRouteBuilder MapManualScoreApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/periods/{id:int}/manual-scores").WithTags("Evidence");

        group.MapPut("/", async Task<Results<Ok<ManualScoreResponse>, ProblemHttpResult>> (int id, HttpRequest request, ManualScoring scoring, CancellationToken cancellationToken) =>
            {
                var (body, bodyError, status) = await EvidenceJson.ReadBodyAsync(request, cancellationToken);
                if (bodyError is not null)
                {
                    return EvidenceApi.Rejected(status, [bodyError]);
                }

                var errors = new List<EvidenceError>();
                var branchCode = EvidenceJson.Property(body!.Value, EvidenceFields.BranchCode) is { ValueKind: System.Text.Json.JsonValueKind.String } code ? code.GetString() : null;
                var drafts = new List<ManualScoreDraft>();
                foreach (var (index, item) in EvidenceJson.Items(body.Value, ScoresField, errors))
                {
                    if (EvidenceDraftReader.ManualScore(EvidenceJson.Item(index, item, errors)) is { } draft)
                    {
                        drafts.Add(draft);
                    }
                }

                var outcome = await scoring.SaveAsync(id, branchCode, drafts, errors, cancellationToken);
                if (outcome.Succeeded)
                {
                    return TypedResults.Ok(new ManualScoreResponse(id, outcome.Result?.Branch?.Code ?? branchCode!, outcome.Saved, outcome.Unchanged, outcome.Result is null ? null : BranchScoreDto.Of(outcome.Result)));
                }

                return outcome.Errors.Count > 0
                    ? EvidenceApi.Rejected(outcome.Status, outcome.Errors)
                    : TypedResults.Problem(title: outcome.Title, detail: outcome.Detail, statusCode: outcome.Status);
            })
            .WithName("PutManualScores")
            .WithSummary("Saves an assessor's scores { branchCode, scores: [{ indicatorCode, score, evidence, comment }] } of one branch while the period is in scoring, and re-scores the branch's category")
            .Accepts<ManualScoreRequest>("application/json", EvidenceApi.AnyContentType)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(1024 * 1024));

        group.MapGet("/", async Task<Results<Ok<List<ManualScoreDto>>, NotFound>> (int id, AppraisalDbContext db, CurrentUser user, CancellationToken cancellationToken) =>
            {
                if (!await db.Periods.AnyAsync(p => p.Id == id, cancellationToken))
                {
                    return TypedResults.NotFound();
                }

                var scope = await user.ScopePathAsync(cancellationToken);
                var scores = await db.ManualScores.AsNoTracking()
                    .Where(m => m.PeriodId == id && m.Branch!.Path.StartsWith(scope))
                    .Include(m => m.Branch)
                    .ToListAsync(cancellationToken);
                return TypedResults.Ok(scores
                    .OrderBy(m => m.Branch!.Code, StringComparer.Ordinal).ThenBy(m => m.IndicatorCode, StringComparer.Ordinal)
                    .Select(m => new ManualScoreDto(m.Branch!.Code, m.IndicatorCode, m.Score, m.Evidence, m.Comment, m.Assessor, m.At))
                    .ToList());
            })
            .WithName("GetManualScores")
            .WithSummary("The current manual scores of the period for the branches in the caller's scope");

        group.RequireAuthorization(Policies.ScoreManualIndicators);
        return routes;
    }
}

/// <summary>The body of <c>PUT /api/v1/periods/{id}/manual-scores</c> (documentation of the wire format).</summary>
public sealed record ManualScoreRequest(string BranchCode, IReadOnlyList<ManualScoreItem> Scores);

/// <summary>One manual indicator's score: 0..max, with the evidence looked at and the comment shown to the branch.</summary>
public sealed record ManualScoreItem(string IndicatorCode, decimal Score, string Evidence, string Comment);

/// <summary>What was saved and the branch's result after its category was re-scored.</summary>
public sealed record ManualScoreResponse(int PeriodId, string BranchCode, int Saved, int Unchanged, BranchScoreDto? Result);

public sealed record ManualScoreDto(string BranchCode, string IndicatorCode, decimal Score, string Evidence, string Comment, string Assessor, DateTimeOffset At);
