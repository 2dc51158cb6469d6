using System.ComponentModel;
using System.Text.Json;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Features.Scoring;
using Hangfire;
using Hangfire.Common;
using Hangfire.Server;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Jobs;

/// <summary>
/// Scoring a period as queued work that several nodes share: the first job splits the organization into subtrees
/// (one per child of the root) and queues one part per subtree (<see cref="PeriodScoring.ScoreSubtreeAsync"/>); the
/// part that completes the set queues the final step, which ranks per category over the whole organization and moves
/// an open period into scoring (<see cref="PeriodScoring.RankAsync"/>). Each step is idempotent, so a retry or a node
/// taking over a dead node's step changes nothing twice.
/// </summary>
public sealed class PeriodScoringJob(AppraisalDbContext db, PeriodScoring scoring, PeriodLifecycle lifecycle, JobOwner owner, JobStorage storage, IBackgroundJobClient jobs, TimeProvider clock)
{
    public const string Kind = "scoring";

    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan Keep = TimeSpan.FromDays(1);

    [DisplayName("计分：考核期 {0}（{1}）")]
    public async Task RunAsync(int periodId, string login, PerformContext context, CancellationToken cancellationToken)
    {
        if (await owner.PrincipalAsync(login, cancellationToken) is not { } principal)
        {
            JobRun.AccountGone(context, login);
            return;
        }

        owner.Act(principal);
        var period = await db.Periods.AsNoTracking().SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
        if (period is null)
        {
            JobRun.Refuse(context, StatusCodes.Status404NotFound, "不能计分", "考核期不存在。");
            return;
        }

        // Checked before any part runs, so that a refused move answers without scoring anything (as one-step scoring).
        var now = clock.GetUtcNow();
        var refusal = PeriodLifecycle.Refuses(period, PeriodActivity.ComputeScores, now)
            ?? (period.State == PeriodState.Open ? lifecycle.Check(period, PeriodState.Scoring, PeriodActor.OrgAdmin, new TransitionFacts(now)) : null);
        if (refusal is not null)
        {
            JobRun.Refuse(context, StatusCodes.Status409Conflict, "不能计分", refusal);
            return;
        }

        using var connection = storage.GetConnection();
        var id = context.BackgroundJob.Id;
        if (BackgroundWork.Parameter(connection, id, BackgroundWork.PartsParameter) is not null)
        {
            return; // a re-run of this step (retry, or a node taking over): the parts it queued stay the parts
        }

        var rootId = await db.Organizations.AsNoTracking().Where(o => o.ParentId == null).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync(cancellationToken);
        var subtrees = await db.Organizations.AsNoTracking().Where(o => o.ParentId == rootId).OrderBy(o => o.Path).Select(o => o.Path).ToListAsync(cancellationToken);
        if (subtrees.Count == 0)
        {
            await RankAsync(periodId, id, login, context, cancellationToken);
            return;
        }

        var parts = subtrees.Select(path => jobs.Enqueue<PeriodScoringJob>(job => job.ScorePartAsync(periodId, path, id, subtrees.Count, login, null!, CancellationToken.None))).ToArray();
        context.SetJobParameter(BackgroundWork.PartsParameter, JsonSerializer.Serialize(parts, BackgroundWork.Json));
        JobRun.Report(context, 5, $"已分为{parts.Length}个分片");
    }

    [DisplayName("计分分片：考核期 {0}，{1}")]
    public async Task ScorePartAsync(int periodId, string subtreePath, string parentId, int partCount, string login, PerformContext context, CancellationToken cancellationToken)
    {
        if (await owner.PrincipalAsync(login, cancellationToken) is not { } principal)
        {
            JobRun.AccountGone(context, login);
            return;
        }

        owner.Act(principal);
        var outcome = await scoring.ScoreSubtreeAsync(periodId, subtreePath, login, cancellationToken);
        if (outcome.Error is not null)
        {
            JobRun.Refuse(context, outcome.Status, "不能计分", outcome.Error);
            return;
        }

        JobRun.Succeed(context, new ScoringPart(subtreePath, outcome.Scored, outcome.Skipped));

        // The part that completes the set queues the final step, once: the set and the flag are kept under a lock.
        var done = $"scoring:{parentId}:done";
        using var connection = storage.GetConnection();
        using (connection.AcquireDistributedLock($"scoring:{parentId}", LockTimeout))
        {
            using (var transaction = connection.CreateWriteTransaction())
            {
                transaction.AddToSet(done, subtreePath);
                if (transaction is JobStorageTransaction expiring)
                {
                    expiring.ExpireSet(done, Keep);
                }

                transaction.Commit();
            }

            var count = connection is JobStorageConnection counting ? counting.GetSetCount(done) : connection.GetAllItemsFromSet(done).Count;
            if (count >= partCount && connection.GetJobParameter(parentId, BackgroundWork.ThenParameter) is null)
            {
                var rank = jobs.Enqueue<PeriodScoringJob>(job => job.RankAsync(periodId, parentId, login, null!, CancellationToken.None));
                connection.SetJobParameter(parentId, BackgroundWork.ThenParameter, SerializationHelper.Serialize(rank, SerializationOption.User));
            }
        }
    }

    [DisplayName("计分汇总排名：考核期 {0}")]
    public async Task RankAsync(int periodId, string parentId, string login, PerformContext context, CancellationToken cancellationToken)
    {
        if (await owner.PrincipalAsync(login, cancellationToken) is not { } principal)
        {
            JobRun.AccountGone(context, login);
            return;
        }

        owner.Act(principal);
        JobRun.Report(context, 95, "正在汇总排名");
        var outcome = await scoring.RankAsync(periodId, login, PeriodActor.OrgAdmin, cancellationToken);
        if (outcome.Error is not null)
        {
            JobRun.Refuse(context, outcome.Status, "不能计分", outcome.Error);
            return;
        }

        JobRun.Succeed(context, new ScoringResponse(periodId, outcome.Scored, SkippedIn(parentId)));
    }

    /// <summary>Branches the parts skipped (their category is not in the period's packs), as the one-step scoring reports them.</summary>
    private int SkippedIn(string parentId)
    {
        using var connection = storage.GetConnection();
        var parts = BackgroundWork.Parameter(connection, parentId, BackgroundWork.PartsParameter) is { } list ? JsonSerializer.Deserialize<string[]>(list, BackgroundWork.Json)! : [];
        return parts
            .Select(part => BackgroundWork.Parameter(connection, part, BackgroundWork.OutcomeParameter))
            .OfType<string>()
            .Select(text => JsonSerializer.Deserialize<JobOutcome>(text, BackgroundWork.Json)!.Result)
            .Where(result => result is not null)
            .Sum(result => JsonSerializer.Deserialize<ScoringPart>(result!.Value, BackgroundWork.Json)!.Skipped);
    }
}

/// <summary>One part's answer: the subtree and its counts.</summary>
public sealed record ScoringPart(string Subtree, int Scored, int Skipped);
