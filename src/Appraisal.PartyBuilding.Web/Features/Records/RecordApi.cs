using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Meetings;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Features.Organizations;
using Appraisal.PartyBuilding.Web.Features.Jobs;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appraisal.PartyBuilding.Web.Features.Records;

/// <summary>
/// <c>/api/v1/records</c>: the import of SPEC's integration contract, plus entry, correction, review, attachments
/// and completeness for other systems and scripts. Everything is limited to the caller's scope; a record outside it
/// answers 404 like one that does not exist.
/// </summary>
public static class RecordApi
{
    public const string NotFoundMessage = "会议记录不存在或不在您的管理范围内";

    /// <summary>Branches per completeness page unless pageSize says otherwise.</summary>
    public const int CompletenessPageSize = 100;

    public static string AttachmentUrl(MeetingAttachment a) => $"/api/v1/records/{a.MeetingRecordId}/attachments/{a.Id}";

    public static IEndpointRouteBuilder MapRecordApi(this IEndpointRouteBuilder routes)
    {
        var uploadLimit = routes.ServiceProvider.GetRequiredService<IOptions<AttachmentOptions>>().Value.MaxRequestBytes;
        var group = routes.MapGroup("/api/v1/records").WithTags("Records");

        group.MapGet("/import", async (RecordImport import, CancellationToken cancellationToken) =>
                TypedResults.File(await import.TemplateAsync(cancellationToken), OrganizationApi.XlsxContentType, "会议记录导入模板.xlsx"))
            .WithName("RecordImportTemplate")
            .WithSummary("The .xlsx template for the record import: header, column help, drop-downs for type, branch and group")
            .RequireAuthorization(Policies.SubmitRecords);

        group.MapPost("/import", async Task<Results<Ok<RecordImportResponse>, Accepted<JobAccepted>, ProblemHttpResult>> (IFormFile? file, bool? wait, RecordImport import, BackgroundWork work, CurrentUser user, CancellationToken cancellationToken) =>
            {
                if (file is null)
                {
                    return ImportProblems.MissingFile();
                }

                // The integration contract answers an import directly (200 / 400); wait=false queues it as a job.
                if (wait == false)
                {
                    var login = user.Login;
                    return JobsApi.Accepted(work.Start<ImportJobs>(job => job.RecordsAsync(login, null!, CancellationToken.None), ImportJobs.RecordsKind, "会议记录导入", login, await BackgroundWork.ReadAsync(file, cancellationToken)));
                }

                await using var stream = file.OpenReadStream();
                var outcome = await import.ImportAsync(stream, user.Login, cancellationToken);
                return outcome.Succeeded
                    ? TypedResults.Ok(new RecordImportResponse(outcome.Imported, outcome.Skipped.Count, outcome.Skipped))
                    : ImportProblems.Rejected(outcome.Errors);
            })
            .WithName("ImportRecords")
            .WithSummary("Imports meeting records from an .xlsx (multipart field `file`), all or nothing; rows already stored are skipped and reported: 200 / 400 directly, or with wait=false 202 with the job's status URL")
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(OrganizationApi.MaxRequestBytes))
            .RequireAuthorization(Policies.SubmitRecords);

        group.MapGet("/", ListAsync)
            .WithName("ListRecords")
            .WithSummary("Meeting records of the branches in scope, newest first; filters: branchCode, year + quarter, status")
            .RequireAuthorization(Policies.ReadRecords);

        group.MapPost("/", CreateAsync)
            .WithName("CreateRecord")
            .WithSummary("Enters one meeting record (status submitted); 409 when the quarter's period no longer accepts records")
            .RequireAuthorization(Policies.SubmitRecords);

        group.MapGet("/{id:long}", async Task<Results<Ok<RecordDto>, ProblemHttpResult>> (long id, RecordScope scope, RecordDetails details, CancellationToken cancellationToken) =>
                await scope.FindAsync(id, cancellationToken) is { } record
                    ? TypedResults.Ok(RecordDto.Of(await details.LoadAsync(record, cancellationToken)))
                    : NotFound())
            .WithName("GetRecord")
            .WithSummary("One record with its history, attachments and copied-minutes flags")
            .RequireAuthorization(Policies.ReadRecords);

        group.MapPut("/{id:long}", CorrectAsync)
            .WithName("CorrectRecord")
            .WithSummary("Corrects a submitted or returned record; a returned one is resubmitted for review")
            .RequireAuthorization(Policies.SubmitRecords);

        group.MapPost("/{id:long}/review", ReviewAsync)
            .WithName("ReviewRecord")
            .WithSummary("Approves (`approve`) or returns (`return`, with an opinion) a submitted record")
            .RequireAuthorization(Policies.ReviewRecords);

        group.MapPost("/{id:long}/attachments", AttachAsync)
            .WithName("AddRecordAttachments")
            .WithSummary("Adds JPEG, PNG or PDF files (multipart field `files`) to a record that is not approved yet")
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(uploadLimit))
            .RequireAuthorization(Policies.SubmitRecords);

        group.MapGet("/{id:long}/attachments/{attachmentId:long}", DownloadAsync)
            .WithName("GetRecordAttachment")
            .WithSummary("One attachment's file, to users whose scope holds the record")
            .RequireAuthorization(Policies.ReadRecords);

        group.MapGet("/completeness", CompletenessAsync)
            .WithName("RecordCompleteness")
            .WithSummary("One page (page, pageSize ≤ 500, default 100) of the branches in scope by code, for a quarter: which required meetings are covered, missing or invalid, and the points they earn; totals in X-Total-Count and X-Page-Count")
            .RequireAuthorization(Policies.ReadRecords);

        return routes;
    }

    public static ProblemHttpResult NotFound() =>
        TypedResults.Problem(title: "记录不存在", detail: NotFoundMessage, statusCode: StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<List<RecordSummaryDto>>, ValidationProblem>> ListAsync(
        string? branchCode, int? year, int? quarter, string? status, RecordScope scope, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        RecordStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            wanted = Enum.GetValues<RecordStatus>().Where(s => s.Code() == status).Select(s => (RecordStatus?)s).FirstOrDefault();
            if (wanted is null)
            {
                errors["status"] = ["状态应为 submitted、approved 或 returned"];
            }
        }

        if ((year is null) != (quarter is null) || year is not (null or >= Period.FirstYear and <= Period.LastYear) || quarter is not (null or >= 1 and <= 4))
        {
            errors["quarter"] = ["按季度筛选时须同时给出 year（2000–2100）和 quarter（1–4）"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "查询参数有误");
        }

        var records = (await scope.RecordsAsync(cancellationToken)).AsNoTracking().Include(r => r.Branch).AsQueryable();
        if (!string.IsNullOrWhiteSpace(branchCode))
        {
            var code = branchCode.Trim();
            records = records.Where(r => r.Branch!.Code == code);
        }

        if (year is { } y && quarter is { } q)
        {
            var period = new AssessmentQuarter(y, q);
            records = records.Where(r => r.Date >= period.Start && r.Date <= period.End);
        }

        if (wanted is { } s)
        {
            records = records.Where(r => r.Status == s);
        }

        var list = await records.OrderByDescending(r => r.Date).ThenByDescending(r => r.Id).Take(5000).ToListAsync(cancellationToken);
        return TypedResults.Ok(list.Select(RecordSummaryDto.Of).ToList());
    }

    private static async Task<Results<Created<RecordDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        RecordInput input, RecordScope scope, RecordEntry entry, RecordDetails details, CancellationToken cancellationToken)
    {
        var (branch, branchError) = await scope.TargetBranchAsync(input.BranchCode, cancellationToken);
        var (parsed, errors) = branch is null ? input.Parse() : await entry.CheckInputAsync(branch, input, null, cancellationToken);
        if (branchError is not null)
        {
            errors["branchCode"] = [branchError];
        }

        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var outcome = await entry.CreateAsync(branch!, parsed!, [], scope.User.Login, cancellationToken);
        if (!outcome.Succeeded)
        {
            return outcome.Status == StatusCodes.Status400BadRequest ? Invalid(outcome.Errors) : Refused(outcome);
        }

        var dto = RecordDto.Of(await details.LoadAsync((await scope.FindAsync(outcome.Record!.Id, cancellationToken))!, cancellationToken));
        return TypedResults.Created($"/api/v1/records/{dto.Id}", dto);
    }

    private static async Task<Results<Ok<RecordDto>, ValidationProblem, ProblemHttpResult>> CorrectAsync(
        long id, RecordInput input, RecordScope scope, RecordEntry entry, RecordDetails details, CancellationToken cancellationToken)
    {
        var record = await scope.FindAsync(id, cancellationToken);
        if (record is null)
        {
            return NotFound();
        }

        var (parsed, errors) = record.Status == RecordStatus.Approved
            ? input.Parse() // locked: CorrectAsync answers 409 whatever the fields say
            : await entry.CheckInputAsync(record.Branch!, input, record.Id, cancellationToken);
        if (!string.IsNullOrWhiteSpace(input.BranchCode) && !string.Equals(input.BranchCode.Trim(), record.Branch!.Code, StringComparison.OrdinalIgnoreCase))
        {
            errors["branchCode"] = ["不能把记录改到另一个党支部；请在该支部重新录入"];
        }

        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var outcome = await entry.CorrectAsync(record, parsed!, [], scope.User.Login, cancellationToken);
        return await AnswerAsync(outcome, record, details, cancellationToken);
    }

    private static async Task<Results<Ok<RecordDto>, ValidationProblem, ProblemHttpResult>> ReviewAsync(
        long id, ReviewInput input, RecordScope scope, RecordReview review, RecordDetails details, CancellationToken cancellationToken)
    {
        var record = await scope.FindAsync(id, cancellationToken);
        if (record is null)
        {
            return NotFound();
        }

        if (input.Decision is not ("approve" or "return"))
        {
            return Invalid(new Dictionary<string, string[]> { ["decision"] = ["审核结论应为 approve（通过）或 return（退回）"] });
        }

        var outcome = await review.DecideAsync(record, input.Decision == "approve", input.Opinion, scope.User.Login, cancellationToken);
        return await AnswerAsync(outcome, record, details, cancellationToken);
    }

    private static async Task<Results<Ok<RecordDto>, ValidationProblem, ProblemHttpResult>> AttachAsync(
        long id, IFormFileCollection files, RecordScope scope, RecordEntry entry, RecordDetails details, CancellationToken cancellationToken)
    {
        var record = await scope.FindAsync(id, cancellationToken);
        if (record is null)
        {
            return NotFound();
        }

        var outcome = await entry.AddAttachmentsAsync(record, files.ToList(), scope.User.Login, cancellationToken);
        return await AnswerAsync(outcome, record, details, cancellationToken);
    }

    private static async Task<IResult> DownloadAsync(
        long id, long attachmentId, RecordScope scope, AppraisalDbContext db, AttachmentStore store, HttpContext http, CancellationToken cancellationToken)
    {
        var records = await scope.RecordsAsync(cancellationToken);
        if (!await records.AnyAsync(r => r.Id == id, cancellationToken))
        {
            return NotFound();
        }

        var attachment = await db.MeetingAttachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == attachmentId && a.MeetingRecordId == id, cancellationToken);
        var stream = attachment is null ? null : store.Open(attachment);
        if (stream is null)
        {
            return TypedResults.Problem(title: "附件不存在", detail: "附件不存在或已被删除", statusCode: StatusCodes.Status404NotFound);
        }

        // The bytes are the uploader's: never let a browser run or re-interpret them.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        http.Response.Headers.CacheControl = "private, max-age=3600";
        return attachment!.ContentType.StartsWith("image/", StringComparison.Ordinal)
            ? TypedResults.File(stream, attachment.ContentType)
            : TypedResults.File(stream, attachment.ContentType, attachment.FileName);
    }

    private static async Task<Results<Ok<List<BranchCompletenessDto>>, ValidationProblem, ProblemHttpResult>> CompletenessAsync(
        int? year, int? quarter, string? branchCode, int? page, int? pageSize, RecordScope scope, Completeness completeness, HttpResponse response, CancellationToken cancellationToken)
    {
        var current = scope.CurrentQuarter;
        if (year is not (null or >= Period.FirstYear and <= Period.LastYear) || quarter is not (null or >= 1 and <= 4))
        {
            return Invalid(new Dictionary<string, string[]> { ["quarter"] = ["year 应为2000–2100，quarter 应为1–4"] });
        }

        var period = new AssessmentQuarter(year ?? current.Year, quarter ?? current.Number);
        var branches = await scope.BranchQueryAsync(cancellationToken);
        if (!string.IsNullOrWhiteSpace(branchCode))
        {
            var wanted = branchCode.Trim().ToLower();
            branches = branches.Where(b => b.Code.ToLower() == wanted);
        }

        // One page of branches by code, counted and cut by the database; coverage is computed for that page only (issue 11).
        var (number, size) = ListPaging.Clamp(page, pageSize, CompletenessPageSize);
        var list = await branches.ToListPageAsync(number, size, cancellationToken);
        if (!string.IsNullOrWhiteSpace(branchCode) && list.Total == 0)
        {
            return TypedResults.Problem(title: "党支部不存在", detail: $"党支部“{branchCode.Trim()}”不存在或不在您的管理范围内", statusCode: StatusCodes.Status404NotFound);
        }

        response.AddPageHeaders(list);
        var result = await completeness.ComputeAsync(list.Items, period, cancellationToken);
        return TypedResults.Ok(result.Select(BranchCompletenessDto.Of).ToList());
    }

    private static ValidationProblem Invalid(IEnumerable<KeyValuePair<string, string[]>> errors) =>
        TypedResults.ValidationProblem(errors, title: "会议记录填写有误");

    /// <summary>The record as it now stands, or why the change was refused (400 by field, else 404/409 problem details).</summary>
    private static async Task<Results<Ok<RecordDto>, ValidationProblem, ProblemHttpResult>> AnswerAsync(
        RecordOutcome outcome, MeetingRecord record, RecordDetails details, CancellationToken cancellationToken) =>
        !outcome.Succeeded
            ? outcome.Status == StatusCodes.Status400BadRequest ? Invalid(outcome.Errors) : Refused(outcome)
            : TypedResults.Ok(RecordDto.Of(await details.LoadAsync(record, cancellationToken)));

    private static ProblemHttpResult Refused(RecordOutcome outcome) =>
        TypedResults.Problem(
            title: outcome.Status switch
            {
                StatusCodes.Status409Conflict => "当前状态下不能这样操作",
                StatusCodes.Status403Forbidden => "无权进行此操作",
                _ => "操作未完成",
            },
            detail: outcome.Message,
            statusCode: outcome.Status);
}
