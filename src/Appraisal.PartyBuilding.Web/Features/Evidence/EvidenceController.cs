using Appraisal.PartyBuilding.Core.AssessmentEvidence;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Excel.Evidence;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Features.Organizations;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Evidence;

/// <summary>The assessor's pages: 人工评分 (per period and branch) and 其他证据导入 (KPI values, events, ratings).</summary>
[Route("evidence")]
public sealed class EvidenceController(AppraisalDbContext db, ManualScoring scoring, EvidenceImport import, PackCatalog catalog) : Controller
{
    [Authorize(Policy = Policies.ScoreManualIndicators)]
    [HttpGet("manual-scores")]
    public async Task<IActionResult> ManualScores(int? period, int? page, CancellationToken cancellationToken)
    {
        var periods = await db.Periods.AsNoTracking().Include(p => p.Packs)
            .OrderByDescending(p => p.Year).ThenByDescending(p => p.Quarter).ToListAsync(cancellationToken);
        var chosen = period is { } id
            ? periods.FirstOrDefault(p => p.Id == id)
            : periods.FirstOrDefault(p => p.State == PeriodState.Scoring) ?? periods.FirstOrDefault();
        if (period is not null && chosen is null)
        {
            return NotFound();
        }

        var (number, size) = ListPaging.Clamp(page, null);
        var branches = chosen is { State: PeriodState.Scoring }
            ? await scoring.BranchesAsync(chosen, number, size, cancellationToken)
            : new ManualScoreBranches(new ListPage<ManualScoreBranch>([], number, size, 0), 0);
        return View(new ManualScoresPage(periods, chosen, branches, CategoryNames()));
    }

    [Authorize(Policy = Policies.ScoreManualIndicators)]
    [HttpGet("manual-scores/{period:int}/{branch}")]
    public async Task<IActionResult> ManualScoreBranch(int period, string branch, int? saved, CancellationToken cancellationToken)
    {
        var (found, page) = await BranchPageAsync(period, branch, cancellationToken);
        if (!found)
        {
            return NotFound();
        }

        return View(page! with { Saved = saved });
    }

    [Authorize(Policy = Policies.ScoreManualIndicators)]
    [HttpPost("manual-scores/{period:int}/{branch}")]
    public async Task<IActionResult> ManualScoreBranch(int period, string branch, [FromForm] List<ManualScoreForm> scores, CancellationToken cancellationToken)
    {
        var errors = new List<EvidenceError>();
        var drafts = new List<ManualScoreDraft>();
        for (var i = 0; i < scores.Count; i++)
        {
            var form = scores[i];
            if (string.IsNullOrWhiteSpace(form.Score) && string.IsNullOrWhiteSpace(form.Evidence) && string.IsNullOrWhiteSpace(form.Comment))
            {
                continue;
            }

            var item = new EvidenceItem(i, form.Cell, ManualScoreForm.Label, errors);
            if (EvidenceDraftReader.ManualScore(item) is { } draft)
            {
                drafts.Add(draft);
            }
        }

        var outcome = await scoring.SaveAsync(period, branch, drafts, errors, cancellationToken);
        if (outcome.Succeeded)
        {
            return RedirectToAction(nameof(ManualScoreBranch), new { period, branch = outcome.Result?.Branch?.Code ?? branch, saved = outcome.Saved });
        }

        var (found, page) = await BranchPageAsync(period, branch, cancellationToken);
        if (!found)
        {
            return NotFound();
        }

        Response.StatusCode = outcome.Status;
        return View(page! with { Outcome = outcome, Entered = scores });
    }

    [Authorize(Policy = Policies.EnterEvidence)]
    [HttpGet("import")]
    public IActionResult Import() => View(new EvidenceImportPage(null, null, null));

    [Authorize(Policy = Policies.EnterEvidence)]
    [HttpPost("import/{kind}")]
    [RequestSizeLimit(OrganizationApi.MaxRequestBytes)]
    public async Task<IActionResult> Import(string kind, IFormFile? file, CancellationToken cancellationToken)
    {
        var sheet = EvidenceSheet.All.FirstOrDefault(s => EvidenceApi.Segment(s.Kind) == kind);
        if (sheet is null)
        {
            return NotFound();
        }

        if (file is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(new EvidenceImportPage(sheet, null, "请选择要导入的 .xlsx 文件。"));
        }

        await using var stream = file.OpenReadStream();
        var outcome = await import.ImportAsync(sheet, stream, cancellationToken);
        Response.StatusCode = outcome.Status;
        return View(new EvidenceImportPage(sheet, outcome, null));
    }

    private async Task<(bool Found, ManualScoreBranchPage? Page)> BranchPageAsync(int periodId, string branchCode, CancellationToken cancellationToken)
    {
        var period = await db.Periods.AsNoTracking().Include(p => p.Packs).SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
        if (period is null)
        {
            return (false, null);
        }

        var branch = await scoring.BranchAsync(period, branchCode, cancellationToken);
        return branch is null ? (false, null) : (true, new ManualScoreBranchPage(period, branch, CategoryNames()));
    }

    private Dictionary<string, string> CategoryNames() => catalog.Categories.ToDictionary(c => c.Code, c => c.Name, StringComparer.Ordinal);
}

public sealed record ManualScoresPage(
    IReadOnlyList<Period> Periods,
    Period? Period,
    ManualScoreBranches Branches,
    IReadOnlyDictionary<string, string> CategoryNames);

public sealed record ManualScoreBranchPage(Period Period, ManualScoreBranch Branch, IReadOnlyDictionary<string, string> CategoryNames)
{
    public int? Saved { get; init; }

    public ManualScoreOutcome? Outcome { get; init; }

    /// <summary>What the assessor typed, shown again when the form was refused.</summary>
    public IReadOnlyList<ManualScoreForm>? Entered { get; init; }

    public bool CanScore => Period.State == PeriodState.Scoring;

    public IEnumerable<string> ErrorsOf(int index) =>
        Outcome?.Errors.Where(e => e.Position == index).Select(e => e.Message) ?? [];

    public IEnumerable<string> GeneralErrors =>
        Outcome is null ? [] : Outcome.Errors.Count == 0 ? [Outcome.Detail ?? Outcome.Title ?? "评分未保存"] : Outcome.Errors.Where(e => e.Position < 0).Select(e => e.Message);
}

/// <summary>One indicator's fields of the 人工评分 form, as typed.</summary>
public sealed class ManualScoreForm
{
    public string? IndicatorCode { get; set; }

    public string? Score { get; set; }

    public string? Evidence { get; set; }

    public string? Comment { get; set; }

    public EvidenceCell Cell(string field) => new(field switch
    {
        EvidenceFields.IndicatorCode => IndicatorCode,
        EvidenceFields.Score => Score,
        EvidenceFields.Evidence => Evidence,
        EvidenceFields.Comment => Comment,
        _ => null,
    });

    public static string Label(string field) => field switch
    {
        EvidenceFields.Score => "分数",
        EvidenceFields.Evidence => "评分依据",
        EvidenceFields.Comment => "评语",
        _ => "指标",
    };
}

public sealed record EvidenceImportPage(EvidenceSheet? Sheet, EvidenceImportOutcome? Outcome, string? Message);
