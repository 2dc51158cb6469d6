using Appraisal.PartyBuilding.Core.AssessmentEvidence;
using Appraisal.PartyBuilding.Core.Imports;
using Appraisal.PartyBuilding.Excel.Evidence;
using Appraisal.PartyBuilding.Web.Features.Organizations;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Appraisal.PartyBuilding.Web.Features.Evidence;

/// <summary>
/// Other evidence in batches: <c>POST /api/v1/evidence/{kpis|events|ratings}</c> (JSON) and
/// <c>GET/POST /api/v1/evidence/{kpis|events|ratings}/import</c> (.xlsx template and import), all or nothing.
/// </summary>
public static class EvidenceApi
{
    public const string ItemsField = "items";

    /// <summary>
    /// Listed with application/json so that routing lets every request through to the handler, which refuses a body
    /// not declared as JSON with a 415 in Chinese (the router's own 415 has no message).
    /// </summary>
    public const string AnyContentType = "*/*";

    public static IEndpointRouteBuilder MapEvidenceApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/evidence").WithTags("Evidence");

        group.MapPost("/kpis", (HttpRequest request, EvidenceEntry entry, CancellationToken cancellationToken) =>
                PushAsync(request, EvidenceDraftReader.Kpi, entry.SaveKpisAsync, cancellationToken))
            .WithName("PushKpiValues")
            .WithSummary("Saves KPI values { items: [{ branchCode, year, quarter, kpiCode, value }] }, all or nothing")
            .Accepts<KpiBatch>("application/json", AnyContentType)
            .WithMetadata(new RequestSizeLimitAttribute(OrganizationApi.MaxRequestBytes));

        group.MapPost("/events", (HttpRequest request, EvidenceEntry entry, CancellationToken cancellationToken) =>
                PushAsync(request, EvidenceDraftReader.Event, entry.SaveEventsAsync, cancellationToken))
            .WithName("PushEvents")
            .WithSummary("Saves deduction events, bonus cases and veto events { items: [{ branchCode, date, eventType, description }] }, all or nothing")
            .Accepts<EventBatch>("application/json", AnyContentType)
            .WithMetadata(new RequestSizeLimitAttribute(OrganizationApi.MaxRequestBytes));

        group.MapPost("/ratings", (HttpRequest request, EvidenceEntry entry, CancellationToken cancellationToken) =>
                PushAsync(request, EvidenceDraftReader.Rating, entry.SaveRatingsAsync, cancellationToken))
            .WithName("PushRatings")
            .WithSummary("Saves 360 rating answers { items: [{ branchCode, year, quarter, question, raterGroup, score, raterReference }] }, all or nothing")
            .Accepts<RatingBatch>("application/json", AnyContentType)
            .WithMetadata(new RequestSizeLimitAttribute(OrganizationApi.MaxRequestBytes));

        foreach (var sheet in EvidenceSheet.All)
        {
            var name = sheet.Kind.ToString();
            group.MapGet($"/{Segment(sheet.Kind)}/import", (EvidenceImport import) =>
                    TypedResults.File(import.Template(sheet), OrganizationApi.XlsxContentType, $"{sheet.Name}导入模板.xlsx"))
                .WithName($"{name}ImportTemplate")
                .WithSummary($"The .xlsx template for importing {name}");

            group.MapPost($"/{Segment(sheet.Kind)}/import", async Task<Results<Ok<EvidenceImportResponse>, ProblemHttpResult>> (IFormFile? file, EvidenceImport import, CancellationToken cancellationToken) =>
                {
                    if (file is null)
                    {
                        return ImportProblems.MissingFile();
                    }

                    await using var stream = file.OpenReadStream();
                    var outcome = await import.ImportAsync(sheet, stream, cancellationToken);
                    return outcome.Succeeded
                        ? TypedResults.Ok(EvidenceImportResponse.Of(outcome.Saved!))
                        : Rejected(outcome.Status, outcome.Errors, "导入失败，未保存任何数据");
                })
                .WithName($"Import{name}")
                .WithSummary($"Imports {name} from an .xlsx (multipart field `file`), all or nothing")
                .DisableAntiforgery()
                .WithMetadata(new RequestSizeLimitAttribute(OrganizationApi.MaxRequestBytes));
        }

        group.RequireAuthorization(Policies.EnterEvidence);
        routes.MapManualScoreApi();
        return routes;
    }

    public static string Segment(EvidenceKind kind) => kind.ToString().ToLowerInvariant();

    private static async Task<Results<Ok<EvidenceBatchResponse>, ProblemHttpResult>> PushAsync<TDraft>(
        HttpRequest request,
        Func<EvidenceItem, TDraft?> read,
        Func<IReadOnlyList<TDraft>, IReadOnlyList<EvidenceError>, EvidenceSource, Func<int, string>, CancellationToken, Task<EvidenceOutcome>> save,
        CancellationToken cancellationToken)
        where TDraft : class
    {
        var (body, bodyError, status) = await EvidenceJson.ReadBodyAsync(request, cancellationToken);
        if (bodyError is not null)
        {
            return Rejected(status, [bodyError]);
        }

        var errors = new List<EvidenceError>();
        var drafts = new List<TDraft>();
        foreach (var (index, item) in EvidenceJson.Items(body!.Value, ItemsField, errors))
        {
            if (read(EvidenceJson.Item(index, item, errors)) is { } draft)
            {
                drafts.Add(draft);
            }
        }

        if (errors.Any(e => e.Position < 0))
        {
            return Rejected(StatusCodes.Status400BadRequest, errors);
        }

        var outcome = await save(drafts, errors, EvidenceSource.Api, EvidenceJson.Describe(ItemsField), cancellationToken);
        return outcome.Succeeded
            ? TypedResults.Ok(EvidenceBatchResponse.Of(outcome))
            : Rejected(outcome.Status, outcome.Errors);
    }

    /// <summary>400 (bad items) or 409 (a final period) with <c>errors: [{ index, field, message }]</c>; nothing was saved.</summary>
    public static ProblemHttpResult Rejected(int status, IReadOnlyList<EvidenceError> errors) =>
        TypedResults.Problem(
            title: status == StatusCodes.Status409Conflict ? "与考核期状态或其他提交冲突，未保存任何数据" : "报送失败，未保存任何数据",
            detail: $"共{errors.Count}处错误，请修改后重新提交。",
            statusCode: status,
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = errors.Select(e => new BatchErrorDto(e.Position < 0 ? null : e.Position, e.Field, e.Message)).ToList(),
            });

    private static ProblemHttpResult Rejected(int status, IReadOnlyList<ImportError> errors, string title) =>
        TypedResults.Problem(
            title: status == StatusCodes.Status409Conflict ? "与考核期状态或其他提交冲突，未保存任何数据" : title,
            detail: $"文件中有{errors.Count}处错误，请修改后重新导入。",
            statusCode: status,
            extensions: new Dictionary<string, object?> { ["errors"] = errors });
}

/// <summary>One error of a batch: the item's index (0-based; null for the request as a whole), the field and the message.</summary>
public sealed record BatchErrorDto(int? Index, string Field, string Message);

public sealed record SkippedItemDto(int Index, string Message);

/// <summary>What a batch did: items received, inserted, updated (a KPI value or referenced answer with a new number) and skipped (already stored).</summary>
public sealed record EvidenceBatchResponse(int Received, int Inserted, int Updated, int Skipped, IReadOnlyList<SkippedItemDto> SkippedItems)
{
    public static EvidenceBatchResponse Of(EvidenceOutcome outcome) =>
        new(outcome.Received, outcome.Inserted, outcome.Updated, outcome.Skipped, outcome.Notes.Select(n => new SkippedItemDto(n.Position, n.Message)).ToList());
}

public sealed record SkippedRowDto(int Row, string Message);

public sealed record EvidenceImportResponse(int Imported, int Inserted, int Updated, int Skipped, IReadOnlyList<SkippedRowDto> SkippedRows)
{
    public static EvidenceImportResponse Of(EvidenceOutcome outcome) =>
        new(outcome.Received, outcome.Inserted, outcome.Updated, outcome.Skipped, outcome.Notes.Select(n => new SkippedRowDto(n.Position, n.Message)).ToList());
}

/// <summary>The body of <c>POST /api/v1/evidence/kpis</c> (documentation of the wire format; the body is read field by field).</summary>
public sealed record KpiBatch(IReadOnlyList<KpiItem> Items);

/// <summary>A KPI value: <c>value</c> in the KPI's own unit (a rate as a percentage, e.g. 95.5).</summary>
public sealed record KpiItem(string BranchCode, int Year, int Quarter, string KpiCode, decimal Value);

/// <summary>The body of <c>POST /api/v1/evidence/events</c>.</summary>
public sealed record EventBatch(IReadOnlyList<EventItem> Items);

/// <summary>An event: <c>date</c> as <c>yyyy-MM-dd</c>; the pack's rule naming <c>eventType</c> decides what it counts for.</summary>
public sealed record EventItem(string BranchCode, string Date, string EventType, string? Description);

/// <summary>The body of <c>POST /api/v1/evidence/ratings</c>.</summary>
public sealed record RatingBatch(IReadOnlyList<RatingItem> Items);

/// <summary>A rating answer: <c>raterGroup</c> is leader, peer or service-recipient; <c>score</c> 0..100.</summary>
public sealed record RatingItem(string BranchCode, int Year, int Quarter, string Question, string RaterGroup, decimal Score, string? RaterReference);

public static class EvidenceRegistration
{
    public static IServiceCollection AddEvidence(this IServiceCollection services) =>
        services.AddScoped<EvidenceEntry>().AddScoped<EvidenceImport>().AddScoped<ManualScoring>().AddScoped<MissingManualScores>();
}
