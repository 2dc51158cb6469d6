using Appraisal.PartyBuilding.Core.Appeals;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Core.Scoring;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Features.Loop;
using Appraisal.PartyBuilding.Web.Features.Packs;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Appeals;

/// <summary>
/// The feedback chain (反馈/申辩): a secretary files an appeal against an indicator of the branch's published result;
/// an assessor or the 组织部 in scope, not the original scorer, decides. An upheld appeal re-scores the indicator,
/// re-totals and re-grades the result and ranks its category again, in one audited transaction.
/// </summary>
public sealed class AppealWorkflow(AppraisalDbContext db, PackCatalog catalog, IIndicatorScorers scorers, AuditLog audit, TimeProvider clock)
{
    public const string FileAction = "appeals.file";
    public const string DecideAction = "appeals.decide";

    private const int MaxExplanationLength = 2000;

    /// <summary>Appeals of branches within <paramref name="scopePath"/>.</summary>
    public IQueryable<Appeal> Visible(string scopePath) =>
        db.Appeals.AsNoTracking().Include(a => a.Branch).Where(a => a.Branch!.Path.StartsWith(scopePath));

    public async Task<StepOutcome<Appeal>> FileAsync(int periodId, Organization scope, string login, string? indicatorCode, string? reason, string? evidence, CancellationToken cancellationToken)
    {
        var period = await db.Periods.AsNoTracking().SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
        if (period is null)
        {
            return StepOutcome<Appeal>.NotFound("考核期不存在");
        }

        if (!scope.IsBranch)
        {
            return StepOutcome<Appeal>.Refused(StatusCodes.Status403Forbidden, "不能申诉", "申诉由党支部书记为本支部提出：您的账号不属于某个党支部。");
        }

        var errors = AppealRules.ValidateFiling(indicatorCode, reason, evidence);
        if (errors.Count > 0)
        {
            return StepOutcome<Appeal>.Invalid("申诉内容有误", errors);
        }

        var now = clock.GetUtcNow();
        if (AppealRules.RefusesFiling(period, now) is { } closed)
        {
            return StepOutcome<Appeal>.Refused(StatusCodes.Status409Conflict, "不在申诉期内", closed);
        }

        var code = indicatorCode!.Trim();
        var result = await db.BranchResults.AsNoTracking().Include(r => r.Indicators)
            .SingleOrDefaultAsync(r => r.PeriodId == periodId && r.BranchId == scope.Id, cancellationToken);
        if (result is null)
        {
            return StepOutcome<Appeal>.Refused(StatusCodes.Status409Conflict, "没有考核结果", $"本支部在{period.AsQuarter}没有考核结果，无从申诉。");
        }

        var indicator = result.Indicators.SingleOrDefault(i => i.Code == code);
        if (indicator is null)
        {
            return StepOutcome<Appeal>.Invalid("申诉内容有误", new() { ["indicatorCode"] = [$"本支部{period.AsQuarter}的考核结果中没有指标“{code}”"] });
        }

        if (indicator.MaxScore == 0)
        {
            return StepOutcome<Appeal>.Invalid("申诉内容有误", new() { ["indicatorCode"] = [$"“{code}”是一票否决项，不计分，不能按分数申诉；对否决事项有异议请直接向组织部反映"] });
        }

        if (indicator.Score >= indicator.MaxScore)
        {
            return StepOutcome<Appeal>.Invalid("申诉内容有误", new() { ["indicatorCode"] = [$"本支部的“{code}”已得满分，无需申诉"] });
        }

        if (await db.Appeals.AnyAsync(a => a.PeriodId == periodId && a.BranchId == scope.Id && a.IndicatorCode == code && a.State == AppealState.Open, cancellationToken))
        {
            return Duplicate(code);
        }

        var appeal = new Appeal
        {
            PeriodId = periodId,
            BranchId = scope.Id,
            IndicatorCode = code,
            Reason = reason!.Trim(),
            Evidence = evidence!.Trim(),
            FiledBy = login,
            FiledAt = now,
            OriginalScore = indicator.Score,
            MaxScore = indicator.MaxScore,
            OriginalExplanation = indicator.Explanation,
            OriginalScorer = (await scorers.ScorersOfAsync(periodId, scope.Id, code, cancellationToken)).LastOrDefault() ?? AppealRules.AutomaticScorer,
        };
        db.Appeals.Add(appeal);
        audit.Record(login, FileAction, Target(period, scope.Code, code), $"原得分{ScoreText(indicator.Score)}/{ScoreText(indicator.MaxScore)}分：{Shorten(appeal.Reason, 300)}", scope.Path);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Filed twice at once: the unique index on the open marker decides.
            return Duplicate(code);
        }

        appeal.Branch = scope;
        return StepOutcome<Appeal>.Done(appeal);
    }

    public async Task<StepOutcome<Appeal>> DecideAsync(long appealId, string scopePath, string login, bool? upheld, decimal? newScore, string? opinion, CancellationToken cancellationToken)
    {
        var appeal = await db.Appeals.Include(a => a.Branch)
            .SingleOrDefaultAsync(a => a.Id == appealId && a.Branch!.Path.StartsWith(scopePath), cancellationToken);
        if (appeal is null)
        {
            return StepOutcome<Appeal>.NotFound("申诉不存在");
        }

        if (AppealRules.RefusesDecider(appeal, login, await ScorersAsync(appeal, cancellationToken)) is { } refusal)
        {
            return StepOutcome<Appeal>.Refused(refusal.Status, refusal.Status == StatusCodes.Status403Forbidden ? "不能处理本申诉" : "申诉已处理", refusal.Message);
        }

        var errors = AppealRules.ValidateDecision(appeal, upheld, newScore, opinion);
        if (errors.Count > 0)
        {
            return StepOutcome<Appeal>.Invalid("复核内容有误", errors);
        }

        var period = await db.Periods.AsNoTracking().Include(p => p.Packs).SingleAsync(p => p.Id == appeal.PeriodId, cancellationToken);
        if (period.State == PeriodState.Final)
        {
            return StepOutcome<Appeal>.Refused(StatusCodes.Status409Conflict, "考核期已定稿", $"{period.AsQuarter}已定稿，成绩不再更改。");
        }

        AppealRules.Decide(appeal, upheld!.Value, newScore, opinion!, login, clock.GetUtcNow());
        var target = Target(period, appeal.Branch!.Code, appeal.IndicatorCode);
        if (appeal.State == AppealState.Upheld)
        {
            var change = await RescoreAsync(period, appeal, cancellationToken);
            if (change is null)
            {
                return StepOutcome<Appeal>.Refused(StatusCodes.Status409Conflict, "不能重算", $"支部的类别已不在已安装的指标包中，无法重算{period.AsQuarter}的总分和等级。");
            }

            await scorers.RecordAsync(appeal.PeriodId, appeal.BranchId, appeal.IndicatorCode, login, ScoreSource.Appeal, appeal.DecidedAt!.Value, cancellationToken);
            audit.Record(login, DecideAction, target, $"采纳：{ScoreText(appeal.OriginalScore)} → {ScoreText(appeal.NewScore!.Value)}分；{change}；意见：{Shorten(appeal.Opinion!, 300)}", appeal.Branch.Path);
        }
        else
        {
            audit.Record(login, DecideAction, target, $"驳回，维持{ScoreText(appeal.OriginalScore)}分；意见：{Shorten(appeal.Opinion!, 300)}", appeal.Branch.Path);
        }

        // The new scores, the raised results version and the deletion of the period's stored indicator tally commit
        // together: no report reads the old tally beside the new scores.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return StepOutcome<Appeal>.Refused(StatusCodes.Status409Conflict, "申诉已处理", "该申诉刚刚已被他人处理，请刷新后查看。");
        }

        // After the save, which holds the audit chain's lock until the commit, as scoring raises it.
        if (appeal.State == AppealState.Upheld)
        {
            await db.NoteResultsChangedAsync(appeal.PeriodId, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return StepOutcome<Appeal>.Done(appeal);
    }

    /// <summary>Everyone who set the appealed score (manual scorers, deciders of earlier upheld appeals).</summary>
    public Task<IReadOnlyList<string>> ScorersAsync(Appeal appeal, CancellationToken cancellationToken) =>
        scorers.ScorersOfAsync(appeal.PeriodId, appeal.BranchId, appeal.IndicatorCode, cancellationToken);

    /// <summary>Changes the indicator, re-grades the result and re-ranks its category; returns what changed, or null when the category is unknown.</summary>
    private async Task<string?> RescoreAsync(Period period, Appeal appeal, CancellationToken cancellationToken)
    {
        var result = await db.BranchResults.Include(r => r.Indicators)
            .SingleAsync(r => r.PeriodId == appeal.PeriodId && r.BranchId == appeal.BranchId, cancellationToken);
        // Re-graded by the rules the period was scored with: the version it pinned, not the newest.
        var category = catalog.PinnedBy(period).FindCategory(result.CategoryCode);
        if (category is null)
        {
            return null;
        }

        var indicator = result.Indicators.Single(i => i.Code == appeal.IndicatorCode);
        indicator.Score = appeal.NewScore!.Value;
        indicator.Explanation = Shorten(AppealRules.RescoredExplanation(appeal), MaxExplanationLength);

        var triggered = result.Indicators
            .Where(i => i.VetoTriggered)
            .Select(i => i.Code)
            .ToHashSet(StringComparer.Ordinal);
        var regraded = ResultRegrading.Regrade(category, result.Indicators.ToDictionary(i => i.Code, i => i.Score, StringComparer.Ordinal), triggered);
        var change = $"总分{ScoreText(result.Total)} → {ScoreText(regraded.Total)}分，等级{result.Grade} → {regraded.Grade}";
        result.Total = regraded.Total;
        result.Grade = regraded.Grade;
        result.GradeExplanation = Shorten(regraded.GradeExplanation, MaxExplanationLength);

        // The category is ranked again by the engine's own rule, from the stored totals of every branch in it.
        var members = await db.BranchResults.Include(r => r.Branch)
            .Where(r => r.PeriodId == appeal.PeriodId && r.CategoryCode == result.CategoryCode)
            .ToListAsync(cancellationToken);
        var stubs = members.Select(r => new BranchScore(
            r.Branch!.Code, r.Branch.Name, r.CategoryCode, period.AsQuarter, [], [], r.Id == result.Id ? result.Total : r.Total, r.MaxPoints, r.Grade, r.Grade, "", []));
        var ranked = ScoringEngine.Rank(stubs).ToDictionary(r => r.Score.BranchCode, StringComparer.Ordinal);
        var oldRank = result.Rank;
        foreach (var member in members)
        {
            var rank = ranked[member.Branch!.Code];
            member.Rank = rank.Rank;
            member.Percentile = rank.Percentile;
        }

        return oldRank == result.Rank ? $"{change}，类别排名第{result.Rank}" : $"{change}，类别排名第{oldRank} → 第{result.Rank}";
    }

    private static StepOutcome<Appeal> Duplicate(string code) =>
        StepOutcome<Appeal>.Refused(StatusCodes.Status409Conflict, "申诉正在处理", $"本支部对指标“{code}”的申诉尚在处理中，不能重复提交。");

    public static string Target(Period period, string branchCode, string indicatorCode) => $"{period.Year}Q{period.Quarter}/{branchCode}/{indicatorCode}";

    private static string ScoreText(decimal value) => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
