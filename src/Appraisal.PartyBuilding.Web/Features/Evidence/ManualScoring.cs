using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.AssessmentEvidence;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Features.Packs;
using Appraisal.PartyBuilding.Web.Features.Scoring;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Evidence;

/// <summary>
/// Assessors' scores of manual indicators: only while the period is 评分中, only for branches in the assessor's
/// scope, only for the manual indicators of the branch's category, 0..max, with evidence and a comment. Saving
/// re-scores the branch's category for the period in the same transaction, so the stored result shows the new score.
/// </summary>
public sealed class ManualScoring(AppraisalDbContext db, PackCatalog catalog, CurrentUser user, AuditLog audit, PeriodScoring scoring, Appeals.IIndicatorScorers scorers, TimeProvider clock)
{
    /// <summary>
    /// A page of the branches in scope a period can be manually scored for (a category of its pinned packs with manual
    /// indicators), in tree order, with their manual indicators and progress; the total and the number fully scored are
    /// counted by the database (issue 11).
    /// </summary>
    public async Task<ManualScoreBranches> BranchesAsync(Period period, int page, int pageSize, CancellationToken cancellationToken)
    {
        var pinned = catalog.PinnedBy(period);
        var manual = pinned.Categories.Select(c => c.Code).Distinct(StringComparer.Ordinal)
            .Select(code => CategoryEvidence.Of(pinned.FindCategory(code)!))
            .Where(v => v.ManualIndicators.Count > 0)
            .ToDictionary(v => v.Category.Code, StringComparer.Ordinal);
        var codes = manual.Keys.ToList();
        var visible = await user.VisibleOrganizationsAsync(cancellationToken);
        var branches = visible.AsNoTracking().Where(o => o.Kind == OrganizationKind.Branch && o.CategoryCode != null && codes.Contains(o.CategoryCode));
        var listed = await branches.OrderBy(o => o.Path).ToListPageAsync(page, pageSize, cancellationToken);

        var complete = 0;
        foreach (var (code, vocabulary) in manual)
        {
            var indicators = vocabulary.ManualIndicators.Select(i => i.Code).ToList();
            complete += await branches.CountAsync(
                o => o.CategoryCode == code
                     && db.ManualScores.Count(m => m.PeriodId == period.Id && m.BranchId == o.Id && indicators.Contains(m.IndicatorCode)) == indicators.Count,
                cancellationToken);
        }

        var ids = listed.Items.Select(b => b.Id).ToList();
        var scores = (await db.ManualScores.AsNoTracking().Where(m => m.PeriodId == period.Id && ids.Contains(m.BranchId)).ToListAsync(cancellationToken))
            .ToLookup(m => m.BranchId);
        var results = await db.BranchResults.AsNoTracking().Where(r => r.PeriodId == period.Id && ids.Contains(r.BranchId))
            .ToDictionaryAsync(r => r.BranchId, cancellationToken);
        var items = listed.Items
            .Select(b => new ManualScoreBranch(b, manual[b.CategoryCode!], scores[b.Id].ToDictionary(m => m.IndicatorCode, StringComparer.Ordinal), results.GetValueOrDefault(b.Id)))
            .ToList();
        return new ManualScoreBranches(new ListPage<ManualScoreBranch>(items, listed.Page, listed.PageSize, listed.Total), complete);
    }

    /// <summary>One branch in scope with its manual indicators and current scores; null when unknown or out of scope.</summary>
    public async Task<ManualScoreBranch?> BranchAsync(Period period, string branchCode, CancellationToken cancellationToken)
    {
        var branch = await FindBranchAsync(branchCode, cancellationToken);
        if (branch is null || Vocabulary(period, branch) is not { } vocabulary)
        {
            return null;
        }

        var scores = await db.ManualScores.AsNoTracking().Where(m => m.PeriodId == period.Id && m.BranchId == branch.Id)
            .ToDictionaryAsync(m => m.IndicatorCode, StringComparer.Ordinal, cancellationToken);
        var result = await db.BranchResults.AsNoTracking().SingleOrDefaultAsync(r => r.PeriodId == period.Id && r.BranchId == branch.Id, cancellationToken);
        return new ManualScoreBranch(branch, vocabulary, scores, result);
    }

    /// <summary>Saves the scores of one branch, all or nothing, and re-scores its category for the period.</summary>
    public async Task<ManualScoreOutcome> SaveAsync(int periodId, string? branchCode, IReadOnlyList<ManualScoreDraft> drafts, IReadOnlyList<EvidenceError> readErrors, CancellationToken cancellationToken)
    {
        var period = await db.Periods.Include(p => p.Packs).SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
        if (period is null)
        {
            return ManualScoreOutcome.Refused(StatusCodes.Status404NotFound, "考核期不存在", "考核期不存在。");
        }

        if (period.State != PeriodState.Scoring)
        {
            return ManualScoreOutcome.Refused(
                StatusCodes.Status409Conflict,
                "考核期不在评分阶段",
                $"{period.AsQuarter}的考核期当前为“{period.State.DisplayName()}”，只有“{PeriodState.Scoring.DisplayName()}”的考核期可以录入人工评分。");
        }

        if (string.IsNullOrWhiteSpace(branchCode))
        {
            return ManualScoreOutcome.Invalid([new EvidenceError(-1, EvidenceFields.BranchCode, "“branchCode”不能为空"), .. readErrors]);
        }

        var branch = await FindBranchAsync(branchCode.Trim(), cancellationToken);
        if (branch is null)
        {
            // Out of scope reads exactly like non-existent.
            return ManualScoreOutcome.Refused(StatusCodes.Status404NotFound, "支部不存在", $"支部“{branchCode.Trim()}”不存在。");
        }

        var vocabulary = Vocabulary(period, branch);
        if (vocabulary is null)
        {
            return ManualScoreOutcome.Refused(
                StatusCodes.Status409Conflict,
                "支部类别不属于本期指标包",
                $"支部“{branch.Code}”的类别“{branch.CategoryCode}”不属于本考核期所用的指标包，不能人工评分。");
        }

        var errors = readErrors.ToList();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var accepted = new List<(ManualScoreDraft Draft, Indicator Indicator)>();
        foreach (var draft in drafts)
        {
            var indicator = vocabulary.ManualIndicator(draft.IndicatorCode);
            if (indicator is null)
            {
                errors.Add(new(draft.Position, EvidenceFields.IndicatorCode,
                    $"“{draft.IndicatorCode}”不是“{vocabulary.Category.Name}”类别的人工评分指标（可用：{string.Join("、", vocabulary.ManualIndicators.Select(i => i.Code))}）"));
                continue;
            }

            if (draft.Score > indicator.MaxPoints)
            {
                errors.Add(new(draft.Position, EvidenceFields.Score,
                    $"“{indicator.Name}”满分{EvidenceValues.Show(indicator.MaxPoints)}分，评分不能大于满分，实际为{EvidenceValues.Show(draft.Score)}"));
                continue;
            }

            if (!seen.TryAdd(indicator.Code, draft.Position))
            {
                errors.Add(new(draft.Position, EvidenceFields.IndicatorCode, $"指标“{indicator.Code}”在第{seen[indicator.Code] + 1}项已填写，同一指标只能评一次"));
                continue;
            }

            accepted.Add((draft, indicator));
        }

        if (errors.Count == 0 && drafts.Count == 0)
        {
            errors.Add(new(-1, "scores", "没有要保存的评分"));
        }

        if (errors.Count > 0)
        {
            return ManualScoreOutcome.Invalid(errors.OrderBy(e => e.Position).ToList());
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var stored = await db.ManualScores.Where(m => m.PeriodId == period.Id && m.BranchId == branch.Id)
            .ToDictionaryAsync(m => m.IndicatorCode, StringComparer.Ordinal, cancellationToken);
        var now = clock.GetUtcNow();
        var saved = 0;
        foreach (var (draft, indicator) in accepted)
        {
            stored.TryGetValue(indicator.Code, out var existing);
            if (existing is not null && existing.Score == draft.Score && existing.Evidence == draft.Evidence && existing.Comment == draft.Comment)
            {
                continue;
            }

            var before = existing is null ? "未评分" : $"{EvidenceValues.Show(existing.Score)}分（{existing.Assessor}）";
            if (existing is null)
            {
                existing = new BranchManualScore { PeriodId = period.Id, BranchId = branch.Id, IndicatorCode = indicator.Code, Evidence = draft.Evidence, Comment = draft.Comment, Assessor = user.Login };
                db.ManualScores.Add(existing);
            }

            existing.Score = draft.Score;
            existing.Evidence = draft.Evidence;
            existing.Comment = draft.Comment;
            existing.Assessor = user.Login;
            existing.At = now;
            var detail = $"{indicator.Name}：{before}→{EvidenceValues.Show(draft.Score)}分；依据：{draft.Evidence}；评语：{draft.Comment}";
            // Everyone who ever set this score is kept (not only the latest): none of them may decide an appeal against it.
            await scorers.RecordAsync(period.Id, branch.Id, indicator.Code, user.Login, Core.Appeals.ScoreSource.Manual, now, cancellationToken);
            audit.Record(user.Login, "evidence.manual-score", $"{period.Year}Q{period.Quarter}/{branch.Code}/{indicator.Code}", detail.Length <= 4000 ? detail : detail[..3999] + "…", branch.Path);
            saved++;
        }

        if (saved > 0)
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another assessor scored the same indicator between the read and the insert: the unique index decides.
                return ManualScoreOutcome.Refused(StatusCodes.Status409Conflict, "评分冲突", "同一时间有其他考核员评了相同的指标，本次未保存，请刷新后重试。");
            }

            var rescored = await scoring.RunAsync(period.Id, vocabulary.Category.Code, user.Login, cancellationToken);
            if (rescored.Error is not null)
            {
                // Leaving without commit rolls the scores back: a score the stored result does not show is not saved.
                return ManualScoreOutcome.Refused(rescored.Status, "不能重新计分，评分未保存", rescored.Error);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        var result = await db.BranchResults.AsNoTracking().Include(r => r.Branch).Include(r => r.Indicators)
            .SingleOrDefaultAsync(r => r.PeriodId == period.Id && r.BranchId == branch.Id, cancellationToken);
        return new ManualScoreOutcome(StatusCodes.Status200OK, null, null, [], saved, accepted.Count - saved, result);
    }

    private async Task<Organization?> FindBranchAsync(string code, CancellationToken cancellationToken)
    {
        var visible = await user.VisibleOrganizationsAsync(cancellationToken);
        var candidates = await visible.AsNoTracking().Where(o => o.Kind == OrganizationKind.Branch && o.Code.ToUpper() == code.ToUpper()).ToListAsync(cancellationToken);
        return candidates.FirstOrDefault(c => c.Code == code) ?? candidates.FirstOrDefault();
    }

    /// <summary>The branch's category codes in the pack version the period pinned; null when the period pinned none with it.</summary>
    private CategoryEvidence? Vocabulary(Period period, Organization branch)
    {
        if (branch.CategoryCode is null || catalog.PinnedBy(period).FindCategory(branch.CategoryCode) is not { } category)
        {
            return null;
        }

        return CategoryEvidence.Of(category);
    }
}

/// <summary>A branch's manual indicators for a period, its current scores by indicator code and its stored result.</summary>
public sealed record ManualScoreBranch(
    Organization Branch,
    CategoryEvidence Vocabulary,
    IReadOnlyDictionary<string, BranchManualScore> Scores,
    BranchResult? Result)
{
    public int Scored => Vocabulary.ManualIndicators.Count(i => Scores.ContainsKey(i.Code));
}

/// <summary>A page of the branches to score by hand, and how many of all of them are fully scored.</summary>
public sealed record ManualScoreBranches(ListPage<ManualScoreBranch> Page, int Complete);

/// <summary>The result of saving manual scores.</summary>
public sealed record ManualScoreOutcome(
    int Status,
    string? Title,
    string? Detail,
    IReadOnlyList<EvidenceError> Errors,
    int Saved,
    int Unchanged,
    BranchResult? Result)
{
    public bool Succeeded => Status == StatusCodes.Status200OK;

    public static ManualScoreOutcome Refused(int status, string title, string detail) => new(status, title, detail, [], 0, 0, null);

    public static ManualScoreOutcome Invalid(IReadOnlyList<EvidenceError> errors) =>
        new(StatusCodes.Status400BadRequest, "评分有误，未保存", $"共{errors.Count}处错误，请修改后重新提交。", errors, 0, 0, null);
}
