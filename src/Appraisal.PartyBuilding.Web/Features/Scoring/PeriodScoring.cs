using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Core.Scoring;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Features.Rectification;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Scoring;

/// <summary>
/// Computes every branch's scores for a period with the <see cref="ScoringEngine"/> from all its evidence (records,
/// KPI values, events, ratings, manual scores) and stores them, replacing the previous computation of the same
/// period — or of one category, ranks recomputed within it — in one transaction. A final period is never re-scored.
/// </summary>
public sealed class PeriodScoring(AppraisalDbContext db, PackCatalog catalog, AuditLog audit, TimeProvider clock, PeriodLifecycle lifecycle, RectificationRecheck recheck)
{
    private const int MaxExplanationLength = 2000;

    public Task<ScoringOutcome> RunAsync(int periodId, string actor, CancellationToken cancellationToken) =>
        RunAsync(periodId, null, actor, PeriodActor.OrgAdmin, cancellationToken);

    /// <summary>Scores the period as <paramref name="role"/> (the scheduler enters scoring as the system).</summary>
    public Task<ScoringOutcome> RunAsync(int periodId, string actor, PeriodActor role, CancellationToken cancellationToken) =>
        RunAsync(periodId, null, actor, role, cancellationToken);

    /// <summary>Re-scores one category of the period (a manual score changed): see the full overload.</summary>
    public Task<ScoringOutcome> RunAsync(int periodId, string? categoryCode, string actor, CancellationToken cancellationToken) =>
        RunAsync(periodId, categoryCode, actor, PeriodActor.OrgAdmin, cancellationToken);

    /// <summary>
    /// Scores the period's branches, or only those of <paramref name="categoryCode"/> (their ranks are recomputed
    /// within the category; other categories' results stay as they are). An open period enters scoring
    /// (<see cref="PeriodLifecycle"/>) in the same transaction. Joins the caller's transaction when one is open, so
    /// that a change and the re-score it causes are saved together.
    /// </summary>
    public async Task<ScoringOutcome> RunAsync(int periodId, string? categoryCode, string actor, PeriodActor role, CancellationToken cancellationToken)
    {
        var period = await db.Periods.Include(p => p.Packs).SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
        if (period is null)
        {
            return ScoringOutcome.Refused(StatusCodes.Status404NotFound, "考核期不存在。");
        }

        // Published results are what people appeal against and final ones are locked: neither is recomputed.
        if (PeriodLifecycle.Refuses(period, PeriodActivity.ComputeScores, clock.GetUtcNow()) is { } refusal)
        {
            return ScoringOutcome.Refused(StatusCodes.Status409Conflict, refusal);
        }

        // A period is scored by the pack versions it pinned, loaded side by side with any newer ones.
        var pinnedPacks = new List<LoadedPack>();
        foreach (var pinned in period.Packs)
        {
            var loaded = catalog.Find(pinned.PackId, pinned.Version);
            if (loaded is null)
            {
                return ScoringOutcome.Refused(
                    StatusCodes.Status409Conflict,
                    $"本考核期按指标包“{pinned.PackId}”{pinned.Version}版开启，该版本当前没有加载（{catalog.NotLoadedReason(pinned.PackId, pinned.Version)}），不能计分。");
            }

            pinnedPacks.Add(loaded);
        }

        var quarter = period.AsQuarter;
        var branches = await db.Organizations.AsNoTracking()
            .Where(o => o.Kind == OrganizationKind.Branch && o.CategoryCode != null && (categoryCode == null || o.CategoryCode == categoryCode))
            .Include(o => o.Groups)
            .ToListAsync(cancellationToken);
        var evidence = await BranchEvidenceReader.LoadAsync(db, quarter, period.Id, categoryCode is null ? null : branches.Select(b => b.Id).ToList(), cancellationToken);

        var scores = new List<(Organization Branch, BranchScore Score)>();
        var skipped = 0;
        foreach (var branch in branches)
        {
            var pack = pinnedPacks.FirstOrDefault(p => p.FindCategory(branch.CategoryCode!) is not null);
            var category = pack?.FindCategory(branch.CategoryCode!);
            if (category is null || pack is null)
            {
                skipped++;
                continue;
            }

            scores.Add((branch, ScoringEngine.Score(category, evidence.For(branch, category), pack.FindScorer)));
        }

        var ranked = ScoringEngine.Rank(scores.Select(s => s.Score)).ToDictionary(r => r.Score.BranchCode, StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        if (categoryCode is null)
        {
            await db.BranchResults.Where(r => r.PeriodId == period.Id).ExecuteDeleteAsync(cancellationToken);
        }
        else
        {
            // A branch that moved into the category since the last run still holds a result under its old category.
            var scoredIds = scores.Select(s => s.Branch.Id).ToList();
            await db.BranchResults.Where(r => r.PeriodId == period.Id && (r.CategoryCode == categoryCode || scoredIds.Contains(r.BranchId)))
                .ExecuteDeleteAsync(cancellationToken);
        }

        foreach (var (branch, score) in scores)
        {
            var rank = ranked[score.BranchCode];
            db.BranchResults.Add(new BranchResult
            {
                PeriodId = period.Id,
                BranchId = branch.Id,
                CategoryCode = score.CategoryCode,
                Total = score.Total,
                MaxPoints = score.MaxPoints,
                Grade = score.Grade,
                GradeExplanation = Shorten(score.GradeExplanation),
                Rank = rank.Rank,
                Percentile = rank.Percentile,
                ComputedAt = now,
                Indicators = score.Indicators.Select(i => new BranchIndicatorScore
                {
                    Code = i.Code,
                    DimensionCode = i.DimensionCode,
                    Score = i.Score,
                    MaxScore = i.MaxPoints,
                    Explanation = Shorten(i.Explanation),
                    VetoTriggered = score.Vetoes.Any(v => v.IndicatorCode == i.Code),
                }).ToList(),
            });
        }

        if (period.State == PeriodState.Open)
        {
            var moved = lifecycle.Move(period, PeriodState.Scoring, role, new TransitionFacts(now));
            if (!moved.Moved)
            {
                return ScoringOutcome.Refused(StatusCodes.Status409Conflict, moved.Refusal!);
            }

            audit.Record(actor, "periods.transition", $"{quarter.Year}Q{quarter.Number}", $"{moved.From.DisplayName()} → {moved.To.DisplayName()}");
        }

        audit.Record(
            actor,
            "periods.scoring",
            $"{quarter.Year}Q{quarter.Number}",
            categoryCode is null
                ? $"计分{scores.Count}个党支部，跳过{skipped}个（类别不属于本期指标包）"
                : $"重新计分类别“{categoryCode}”的{scores.Count}个党支部，跳过{skipped}个（类别不属于本期指标包）");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone moved the period (e.g. published it) while this run computed: keep their move, store nothing.
            return ScoringOutcome.Refused(StatusCodes.Status409Conflict, $"{quarter}的考核期状态刚刚被他人变更，本次计分未保存。");
        }

        // Rectification (整改): items signed off in earlier quarters are re-checked against the scores just stored.
        await recheck.RunAsync(period, actor, cancellationToken);

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return new ScoringOutcome(StatusCodes.Status200OK, null, scores.Count, skipped);
    }

    private static string Shorten(string text) => text.Length <= MaxExplanationLength ? text : text[..(MaxExplanationLength - 1)] + "…";
}

public sealed record ScoringOutcome(int Status, string? Error, int Scored, int Skipped)
{
    public static ScoringOutcome Refused(int status, string error) => new(status, error, 0, 0);
}
