using System.Data.Common;
using Appraisal.PartyBuilding.Core;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Features.Rectification;
using Appraisal.PartyBuilding.Web.Features.Scoring;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Cycle;

/// <summary>
/// Moves a period through its states for a person (the API) or the scheduler: reads the facts the
/// <see cref="PeriodLifecycle"/> needs, applies the move and audits it in one transaction. Entering scoring also
/// computes every branch's automatic scores (through <see cref="PeriodScoring"/>, in the same transaction as the move).
/// </summary>
public sealed class PeriodTransitions(
    AppraisalDbContext db,
    PeriodLifecycle lifecycle,
    PeriodScoring scoring,
    IPendingAppeals appeals,
    RectificationLists rectification,
    Evidence.MissingManualScores missingManualScores,
    AuditLog audit,
    TimeProvider clock,
    ILogger<PeriodTransitions> logger)
{
    public const string AuditAction = "periods.transition";

    /// <param name="confirmMissingManualScores">
    /// A person publishing or finalizing while manual indicators are unscored (they count 0) must say so; without it the
    /// move is refused with the counts. The scheduler's unattended final move does not ask: the 组织部 confirmed when
    /// publishing, and manual scores cannot change after scoring.
    /// </param>
    public async Task<TransitionResult> MoveAsync(int periodId, PeriodState to, PeriodActor actor, string actorName, bool closeAppealsEarly, CancellationToken cancellationToken, bool confirmMissingManualScores = false)
    {
        var period = await db.Periods.Include(p => p.Packs).SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
        if (period is null)
        {
            return TransitionResult.NotFound;
        }

        if (to == PeriodState.Scoring)
        {
            // Checked here first so that a refused move answers without scoring anything.
            if (lifecycle.Check(period, to, actor, new TransitionFacts(clock.GetUtcNow())) is { } early)
            {
                return TransitionResult.Refused(early);
            }

            var outcome = await scoring.RunAsync(periodId, actorName, actor, cancellationToken);
            if (outcome.Error is not null)
            {
                return TransitionResult.Refused(outcome.Error, outcome.Status);
            }

            await db.Entry(period).ReloadAsync(cancellationToken);
            return TransitionResult.Done(period);
        }

        var facts = new TransitionFacts(
            clock.GetUtcNow(),
            ScoredBranches: await db.BranchResults.CountAsync(r => r.PeriodId == periodId, cancellationToken),
            OpenAppeals: await appeals.CountAsync(periodId, cancellationToken),
            CloseAppealsEarly: closeAppealsEarly);
        Evidence.ManualScoreGaps? gaps = null;
        if (actor == PeriodActor.OrgAdmin && to is PeriodState.Published or PeriodState.Final && lifecycle.Check(period, to, actor, facts) is null)
        {
            gaps = await missingManualScores.CountAsync(period.Id, cancellationToken);
            if (gaps.Missing > 0 && !confirmMissingManualScores)
            {
                var verb = to == PeriodState.Final ? "定稿" : "公示";
                return TransitionResult.Refused($"{period.AsQuarter}{gaps.Describe()}确认仍要{verb}时请勾选确认（接口加 confirmMissingManualScores: true）。") with { Gaps = gaps };
            }
        }

        var moved = lifecycle.Move(period, to, actor, facts);
        if (!moved.Moved)
        {
            return TransitionResult.Refused(moved.Refusal!);
        }

        // A move made knowing that manual scores are missing says so in the audit log.
        var unscored = gaps is { Missing: > 0 } ? $"；确认时尚有{gaps.Branches}个党支部的{gaps.Missing}项人工评分未评" : "";
        audit.Record(actorName, AuditAction, Target(period), Describe(moved, period) + unscored);
        var concurrent = TransitionResult.Refused($"{period.AsQuarter}的考核期状态刚刚被他人变更，请刷新后重试。");

        // Results applied: the rectification lists come with the final move, written in bulk in its transaction.
        await using var transaction = moved.To == PeriodState.Final && db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            if (moved.To == PeriodState.Final)
            {
                await rectification.GenerateAsync(period, actorName, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            return concurrent;
        }
        catch (DbException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            // A parallel final move listed the same items first; its move stands, this one stores nothing.
            return concurrent;
        }

        logger.LogInformation("Period {Period} moved from {From} to {To} by {Actor}", Target(period), moved.From, moved.To, actorName);
        return TransitionResult.Done(period);
    }

    public static string Target(Period period) => $"{period.Year}Q{period.Quarter}";

    /// <summary>The audit detail of a move, e.g. <c>评分中 → 公示中，申诉期至2026-10-18 00:00</c>.</summary>
    public static string Describe(TransitionOutcome moved, Period period)
    {
        var text = $"{moved.From.DisplayName()} → {moved.To.DisplayName()}";
        return moved.To switch
        {
            PeriodState.Published => $"{text}，申诉期至{ChinaTime.Format(period.AppealsCloseAt!.Value)}",
            PeriodState.Final when period.AppealsCloseAt is { } close && period.FinalizedAt < close => $"{text}（提前结束申诉期，原定{ChinaTime.Format(close)}）",
            _ => text,
        };
    }
}

public sealed record TransitionResult(int Status, string? Error, Period? Period)
{
    /// <summary>Set when the move was refused because manual indicators are unscored and the caller did not confirm.</summary>
    public Evidence.ManualScoreGaps? Gaps { get; init; }

    public static readonly TransitionResult NotFound = new(StatusCodes.Status404NotFound, "考核期不存在。", null);

    public static TransitionResult Refused(string error, int status = StatusCodes.Status409Conflict) => new(status, error, null);

    public static TransitionResult Done(Period period) => new(StatusCodes.Status200OK, null, period);
}
