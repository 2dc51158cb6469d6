using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Meetings;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Web.Features.Organizations;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appraisal.PartyBuilding.Web.Features.Records;

/// <summary>The record pages: my records, the phone entry form, a record with its history, review, import and completeness.</summary>
[Route("records")]
public sealed class RecordsController(
    RecordScope scope,
    RecordEntry entry,
    RecordReview review,
    RecordDetails details,
    Completeness completeness,
    BranchSubtrees subtrees,
    IOptions<AttachmentOptions> attachmentOptions) : Controller
{
    [Authorize(Policy = Policies.ReadRecords)]
    [HttpGet("")]
    public async Task<IActionResult> Index(int? year, int? quarter, string? status, int? page, CancellationToken cancellationToken)
    {
        var period = QuarterOf(year, quarter);
        var records = (await scope.RecordsAsync(cancellationToken)).AsNoTracking().Include(r => r.Branch)
            .Where(r => r.Date >= period.Start && r.Date <= period.End);
        var wanted = Enum.GetValues<RecordStatus>().FirstOrDefault(s => s.Code() == status);
        if (wanted != default)
        {
            records = records.Where(r => r.Status == wanted);
        }

        var (number, size) = ListPaging.Clamp(page, null);
        var list = await records.OrderByDescending(r => r.Date).ThenByDescending(r => r.Id).ToListPageAsync(number, size, cancellationToken);
        var flags = await details.FlagsAsync(list.Items.Select(r => r.Id).ToList(), cancellationToken);
        return View(new RecordListPage(period, wanted == default ? null : wanted, list, flags, await scope.OwnBranchAsync(cancellationToken)));
    }

    [Authorize(Policy = Policies.SubmitRecords)]
    [HttpGet("new")]
    public async Task<IActionResult> New(string? branch, CancellationToken cancellationToken)
    {
        var branches = await scope.BranchesAsync(cancellationToken);
        var chosen = branches.FirstOrDefault(b => b.Code == branch) ?? await scope.OwnBranchAsync(cancellationToken) ?? (branches.Count == 1 ? branches[0] : null);
        var type = chosen is null
            ? MeetingType.Committee
            : RecordEntry.Propose(chosen, scope.Today, (await entry.RecordedThisYearAsync(chosen, cancellationToken)).Select(r => (r.Type, r.Date)).ToList());
        var input = new RecordInput
        {
            BranchCode = chosen?.Code,
            Type = type.Code(),
            Date = scope.Today.ToString("yyyy-MM-dd"),
            Expected = chosen is null ? null : RecordFormPage.DefaultExpected(chosen, type),
        };
        return View("Form", await FormAsync(input, null, null, null, cancellationToken));
    }

    [Authorize(Policy = Policies.SubmitRecords)]
    [HttpPost("new")]
    [TypeFilter(typeof(AttachmentUploadLimit))]
    public async Task<IActionResult> Create([FromForm] RecordInput input, [FromForm] List<IFormFile>? files, CancellationToken cancellationToken)
    {
        var (branch, branchError) = await scope.TargetBranchAsync(input.BranchCode, cancellationToken);
        var (parsed, errors) = branch is null ? input.Parse() : await entry.CheckInputAsync(branch, input, null, cancellationToken);
        if (branchError is not null)
        {
            errors["branchCode"] = [branchError];
        }

        if (errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Form", await FormAsync(input, null, errors, null, cancellationToken));
        }

        var outcome = await entry.CreateAsync(branch!, parsed!, files ?? [], scope.User.Login, cancellationToken);
        if (outcome.Succeeded)
        {
            return Redirect($"/records/{outcome.Record!.Id}?saved=created");
        }

        Response.StatusCode = outcome.Status;
        return View("Form", await FormAsync(input, null, outcome.Errors, outcome.Message, cancellationToken));
    }

    [Authorize(Policy = Policies.ReadRecords)]
    [HttpGet("{id:long}")]
    public async Task<IActionResult> Detail(long id, string? saved, CancellationToken cancellationToken) =>
        await scope.FindAsync(id, cancellationToken) is { } record
            ? View(await PageAsync(record, saved, null, cancellationToken))
            : NotFoundPage();

    [Authorize(Policy = Policies.SubmitRecords)]
    [HttpGet("{id:long}/edit")]
    public async Task<IActionResult> Edit(long id, CancellationToken cancellationToken)
    {
        var record = await scope.FindAsync(id, cancellationToken);
        if (record is null)
        {
            return NotFoundPage();
        }

        return View("Form", await FormAsync(RecordInput.From(record, record.Branch!.Code), record, null, null, cancellationToken));
    }

    [Authorize(Policy = Policies.SubmitRecords)]
    [HttpPost("{id:long}/edit")]
    [TypeFilter(typeof(AttachmentUploadLimit))]
    public async Task<IActionResult> Correct(long id, [FromForm] RecordInput input, [FromForm] List<IFormFile>? files, CancellationToken cancellationToken)
    {
        var record = await scope.FindAsync(id, cancellationToken);
        if (record is null)
        {
            return NotFoundPage();
        }

        input.BranchCode = record.Branch!.Code;
        var (parsed, errors) = record.Status == RecordStatus.Approved
            ? input.Parse() // locked: CorrectAsync answers 409 whatever the fields say
            : await entry.CheckInputAsync(record.Branch!, input, record.Id, cancellationToken);
        if (errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Form", await FormAsync(input, record, errors, null, cancellationToken));
        }

        var outcome = await entry.CorrectAsync(record, parsed!, files ?? [], scope.User.Login, cancellationToken);
        if (outcome.Succeeded)
        {
            return Redirect($"/records/{record.Id}?saved=corrected");
        }

        Response.StatusCode = outcome.Status;
        return View("Form", await FormAsync(input, record, outcome.Errors, outcome.Message, cancellationToken));
    }

    [Authorize(Policy = Policies.ReviewRecords)]
    [HttpPost("{id:long}/review")]
    public async Task<IActionResult> Review(long id, [FromForm] string? decision, [FromForm] string? opinion, CancellationToken cancellationToken)
    {
        var record = await scope.FindAsync(id, cancellationToken);
        if (record is null)
        {
            return NotFoundPage();
        }

        var outcome = decision is "approve" or "return"
            ? await review.DecideAsync(record, decision == "approve", opinion, scope.User.Login, cancellationToken)
            : RecordOutcome.Invalid(new Dictionary<string, string[]> { ["decision"] = ["请选择“通过”或“退回”"] });
        if (outcome.Succeeded)
        {
            return Redirect($"/records/{record.Id}?saved={decision}");
        }

        Response.StatusCode = outcome.Status;
        return View("Detail", await PageAsync(record, null, Problem(outcome), cancellationToken, opinion));
    }

    [Authorize(Policy = Policies.SubmitRecords)]
    [HttpPost("{id:long}/attachments")]
    [TypeFilter(typeof(AttachmentUploadLimit))]
    public async Task<IActionResult> Attach(long id, [FromForm] List<IFormFile>? files, CancellationToken cancellationToken)
    {
        var record = await scope.FindAsync(id, cancellationToken);
        if (record is null)
        {
            return NotFoundPage();
        }

        var outcome = await entry.AddAttachmentsAsync(record, files ?? [], scope.User.Login, cancellationToken);
        if (outcome.Succeeded)
        {
            return Redirect($"/records/{record.Id}?saved=attached");
        }

        Response.StatusCode = outcome.Status;
        return View("Detail", await PageAsync(record, null, Problem(outcome), cancellationToken));
    }

    [Authorize(Policy = Policies.ReviewRecords)]
    [HttpGet("review")]
    public async Task<IActionResult> Queue(int? page, CancellationToken cancellationToken)
    {
        var (number, size) = ListPaging.Clamp(page, null);
        var waiting = await (await scope.RecordsAsync(cancellationToken)).AsNoTracking().Include(r => r.Branch)
            .Where(r => r.Status == RecordStatus.Submitted)
            .OrderBy(r => r.Date).ThenBy(r => r.Id)
            .ToListPageAsync(number, size, cancellationToken);
        var flags = await details.FlagsAsync(waiting.Items.Select(r => r.Id).ToList(), cancellationToken);
        return View(new ReviewQueuePage(waiting, flags));
    }

    [Authorize(Policy = Policies.SubmitRecords)]
    [HttpGet("import")]
    public IActionResult Import() => View(new RecordImportPage(null, null));

    [Authorize(Policy = Policies.SubmitRecords)]
    [HttpPost("import")]
    [RequestSizeLimit(Organizations.OrganizationApi.MaxRequestBytes)]
    public async Task<IActionResult> Import([FromServices] Jobs.BackgroundWork work, IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(new RecordImportPage(null, "请选择要导入的 .xlsx 文件。"));
        }

        // A large file takes a while: the import runs as a job and its page shows the progress, then the result.
        var login = scope.User.Login;
        var id = work.Start<Jobs.ImportJobs>(job => job.RecordsAsync(login, null!, CancellationToken.None), Jobs.ImportJobs.RecordsKind, "会议记录导入", login, await Jobs.BackgroundWork.ReadAsync(file, cancellationToken));
        return Redirect(Jobs.JobsApi.PageUrl(id));
    }

    [Authorize(Policy = Policies.ReadRecords)]
    [HttpGet("completeness")]
    public async Task<IActionResult> Completeness(int? year, int? quarter, string? branch, string? organization, int? page, CancellationToken cancellationToken)
    {
        var period = QuarterOf(year, quarter);
        var one = string.IsNullOrWhiteSpace(branch) ? await scope.OwnBranchAsync(cancellationToken) : await scope.BranchAsync(branch, cancellationToken);
        if (one is not null)
        {
            var grid = (await completeness.ComputeAsync([one], period, cancellationToken)).Single();
            return View("Calendar", grid);
        }

        if (!string.IsNullOrWhiteSpace(branch))
        {
            return NotFoundPage();
        }

        // The table is ordered by what is missing, which only the coverage rules know: it is computed for a bounded
        // subtree (BranchSubtrees), and a larger one lists its child organizations to choose from.
        var userScope = await scope.User.ScopeAsync(cancellationToken);
        var node = await subtrees.NodeAsync(userScope, organization, cancellationToken);
        if (node is null)
        {
            return NotFoundPage();
        }

        var (number, size) = ListPaging.Clamp(page, null);
        var count = await subtrees.CountAsync(node, cancellationToken);
        if (count > subtrees.MaxComputed)
        {
            return View("Table", new CompletenessTablePage(userScope, node, period, count, subtrees.MaxComputed, null, 0, await subtrees.ChildrenAsync(node, number, size, cancellationToken)));
        }

        var table = (await completeness.ComputeAsync(await subtrees.BranchesAsync(node, cancellationToken), period, cancellationToken))
            .OrderByDescending(b => b.Total.Missing).ThenByDescending(b => b.Total.Invalid).ThenBy(b => b.Branch.Code, StringComparer.Ordinal)
            .ToList();
        var behind = table.Count(b => b.Total.Missing + b.Total.Invalid > 0);
        var list = new ListPage<BranchCompleteness>(table.Skip((number - 1) * size).Take(size).ToList(), number, size, table.Count);
        return View("Table", new CompletenessTablePage(userScope, node, period, count, subtrees.MaxComputed, list, behind, null));
    }

    private AssessmentQuarter QuarterOf(int? year, int? quarter) =>
        year is >= Period.FirstYear and <= Period.LastYear && quarter is >= 1 and <= 4
            ? new AssessmentQuarter(year.Value, quarter.Value)
            : scope.CurrentQuarter;

    private ViewResult NotFoundPage()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return View("NotFound");
    }

    private static string Problem(RecordOutcome outcome) =>
        outcome.Message is not null && outcome.Errors.Count == 0
            ? outcome.Message
            : string.Join("；", outcome.Errors.SelectMany(e => e.Value));

    private async Task<RecordFormPage> FormAsync(RecordInput input, MeetingRecord? record, IReadOnlyDictionary<string, string[]>? errors, string? message, CancellationToken cancellationToken)
    {
        var branches = record is null ? await scope.BranchesAsync(cancellationToken) : [record.Branch!];
        var attachments = record is null ? [] : (await details.LoadAsync(record, cancellationToken)).Attachments;
        var page = new RecordFormPage(input, record, branches, errors ?? new Dictionary<string, string[]>(), message, scope.Today, attachmentOptions.Value, attachments);

        // The meetings already stored for the form's branch, so that the page warns before a duplicate is submitted.
        var recorded = record is null && page.Branch is { } formBranch ? await entry.RecordedThisYearAsync(formBranch, cancellationToken) : [];
        return page with { Taken = recorded.Select(r => RecordFormPage.TakenKey(r.Type, r.Date, r.Group)).ToList() };
    }

    private async Task<RecordPage> PageAsync(MeetingRecord record, string? saved, string? error, CancellationToken cancellationToken, string? opinion = null)
    {
        var detail = await details.LoadAsync(record, cancellationToken);
        var role = scope.User.Role;
        var canReview = role is Role.Assessor or Role.OrgAdmin
            && record.Status == RecordStatus.Submitted
            && !string.Equals(detail.Submitter, scope.User.Login, StringComparison.Ordinal);
        var canEdit = role is Role.Secretary or Role.Assessor or Role.OrgAdmin && record.Status != RecordStatus.Approved;
        return new RecordPage(detail, canReview, canEdit, saved, error, opinion, attachmentOptions.Value);
    }
}

public sealed record RecordListPage(
    AssessmentQuarter Quarter,
    RecordStatus? Status,
    ListPage<MeetingRecord> Records,
    ILookup<long, CopyFlag> Flags,
    Organization? OwnBranch);

public sealed record RecordFormPage(
    RecordInput Input,
    MeetingRecord? Record,
    IReadOnlyList<Organization> Branches,
    IReadOnlyDictionary<string, string[]> Errors,
    string? Message,
    DateOnly Today,
    AttachmentOptions Limits,
    IReadOnlyList<MeetingAttachment> Attachments)
{
    /// <summary>The keys (<see cref="TakenKey"/>) of the meetings the form's branch already has this year.</summary>
    public IReadOnlyList<string> Taken { get; init; } = [];

    public static string TakenKey(MeetingType type, DateOnly date, string? group) => $"{type.Code()}|{date:yyyy-MM-dd}|{group}";

    public bool IsEdit => Record is not null;

    public Organization? Branch => Branches.FirstOrDefault(b => string.Equals(b.Code, Input.BranchCode, StringComparison.OrdinalIgnoreCase))
        ?? (Branches.Count == 1 ? Branches[0] : null);

    public string? Error(string key) => Errors.TryGetValue(key, out var messages) ? string.Join("；", messages) : null;

    /// <summary>What the form proposes as 应到: the committee size for a 支委会, else the member count.</summary>
    public static int DefaultExpected(Organization branch, MeetingType type) =>
        type == MeetingType.Committee && branch.CommitteeSize > 0 ? branch.CommitteeSize : branch.MemberCount;
}

public sealed record RecordPage(RecordDetail Detail, bool CanReview, bool CanEdit, string? Saved, string? Error, string? Opinion, AttachmentOptions Limits);

public sealed record ReviewQueuePage(ListPage<MeetingRecord> Records, ILookup<long, CopyFlag> Flags);

public sealed record RecordImportPage(RecordImportOutcome? Outcome, string? Message);

/// <summary>
/// The completeness table of one organization: a page of its branches (most missing first) with the count of those
/// behind, when its <paramref name="BranchCount"/> branches were computed; else its child organizations to choose from.
/// </summary>
public sealed record CompletenessTablePage(
    Organization Scope,
    Organization Node,
    AssessmentQuarter Quarter,
    int BranchCount,
    int MaxComputed,
    ListPage<BranchCompleteness>? Branches,
    int Behind,
    ListPage<SubtreeSize>? Children)
{
    /// <summary>The query of this table's organization, when it is not the reader's scope.</summary>
    public string? OrganizationQuery => Node.Id == Scope.Id ? null : "organization=" + Uri.EscapeDataString(Node.Code);

    /// <summary>The address of another page of this table.</summary>
    public string PageUrl(int page)
    {
        var extra = new[] { OrganizationQuery, page > 1 ? $"page={page}" : null }.Where(q => q is not null).ToList();
        return RecordText.QuarterLink("/records/completeness", Quarter, extra.Count == 0 ? null : string.Join("&", extra));
    }
}
