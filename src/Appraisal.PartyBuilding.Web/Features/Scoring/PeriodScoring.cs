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
/// Computes every branch's automatic scores for a period with the <see cref="ScoringEngine"/> and stores them,
/// replacing the previous computation of the same period in one transaction. A final period is never re-scored.
/// </summary>
public sealed class PeriodScoring(AppraisalDbContext db, PackCatalog catalog, AuditLog audit, TimeProvider clock, PeriodLifecycle lifecycle, RectificationRecheck recheck)
{
    private const int MaxExplanationLength = 2000;

    public Task<ScoringOutcome> RunAsync(int periodId, string actor, CancellationToken cancellationToken) =>
        RunAsync(periodId, actor, PeriodActor.OrgAdmin, cancellationToken);

    /// <summary>Scores the period; an open period enters scoring (<see cref="PeriodLifecycle"/>) in the same transaction.</summary>
    public async Task<ScoringOutcome> RunAsync(int periodId, string actor, PeriodActor role, CancellationToken cancellationToken)
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

        // Until packs of several versions can be loaded side by side, a period is scored only by the versions it pinned.
        foreach (var pinned in period.Packs)
        {
            var installed = catalog.Packs.SingleOrDefault(p => p.Manifest.Id == pinned.PackId);
            if (installed is null || installed.Manifest.Version != pinned.Version)
            {
                return ScoringOutcome.Refused(
                    StatusCodes.Status409Conflict,
                    $"本考核期按指标包“{pinned.PackId}”{pinned.Version}版开启，当前安装的是{installed?.Manifest.Version ?? "（未安装）"}，不能计分。");
            }
        }

        var quarter = period.AsQuarter;
        var branches = await db.Organizations.AsNoTracking()
            .Where(o => o.Kind == OrganizationKind.Branch && o.CategoryCode != null)
            .Include(o => o.Groups)
            .ToListAsync(cancellationToken);
        var records = await MeetingEvidence.LoadAsync(db, quarter, null, cancellationToken);

        var scores = new List<(Organization Branch, BranchScore Score)>();
        var skipped = 0;
        foreach (var branch in branches)
        {
            var category = catalog.FindCategory(branch.CategoryCode!);
            var pack = catalog.FindPackOfCategory(branch.CategoryCode!);
            if (category is null || pack is null || period.Packs.All(p => p.PackId != pack.Manifest.Id))
            {
                skipped++;
                continue;
            }

            var evidence = MeetingEvidence.For(branch, category, quarter, records[branch.Id]);
            scores.Add((branch, ScoringEngine.Score(category, evidence, pack.FindScorer)));
        }

        var ranked = ScoringEngine.Rank(scores.Select(s => s.Score)).ToDictionary(r => r.Score.BranchCode, StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.BranchResults.Where(r => r.PeriodId == period.Id).ExecuteDeleteAsync(cancellationToken);
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

        audit.Record(actor, "periods.scoring", $"{quarter.Year}Q{quarter.Number}", $"计分{scores.Count}个党支部，跳过{skipped}个（类别不属于本期指标包）");
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

        await transaction.CommitAsync(cancellationToken);
        return new ScoringOutcome(StatusCodes.Status200OK, null, scores.Count, skipped);
    }

    private static string Shorten(string text) => text.Length <= MaxExplanationLength ? text : text[..(MaxExplanationLength - 1)] + "…";
}

public sealed record ScoringOutcome(int Status, string? Error, int Scored, int Skipped)
{
    public static ScoringOutcome Refused(int status, string error) => new(status, error, 0, 0);
}
