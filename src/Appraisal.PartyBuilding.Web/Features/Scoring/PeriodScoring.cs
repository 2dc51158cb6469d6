using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Core.Scoring;
using System.Globalization;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Data.Results;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Features.Rectification;
using Appraisal.PartyBuilding.Web.Features.Reports;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Appraisal.PartyBuilding.Web.Features.Scoring;

/// <summary>
/// Computes every branch's scores for a period with the <see cref="ScoringEngine"/> from all its evidence (records,
/// KPI values, events, ratings, manual scores) and stores them, replacing the previous computation of the same
/// period — or of one category, ranks recomputed within it — in one transaction. A final period is never re-scored.
/// </summary>
public sealed class PeriodScoring(
    AppraisalDbContext db,
    IServiceScopeFactory scopes,
    PackCatalog catalog,
    AuditLog audit,
    TimeProvider clock,
    PeriodLifecycle lifecycle,
    RectificationRecheck recheck,
    IBranchResultWriter writer,
    IOptions<ScoringOptions> options)
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
        if (LoadPinned(period, out var unloaded) is not { } pinnedPacks)
        {
            return unloaded!;
        }

        var quarter = period.AsQuarter;
        var now = clock.GetUtcNow();
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        Expression<Func<Organization, bool>> scoredBranches =
            o => o.Kind == OrganizationKind.Branch && o.CategoryCode != null && (categoryCode == null || o.CategoryCode == categoryCode);
        var branches = db.Organizations.AsNoTracking().Where(scoredBranches);
        if (categoryCode is null)
        {
            await db.BranchResults.Where(r => r.PeriodId == period.Id).ExecuteDeleteAsync(cancellationToken);
        }
        else
        {
            // A branch that moved into the category since the last run still holds a result under its old category.
            await db.BranchResults.Where(r => r.PeriodId == period.Id && (r.CategoryCode == categoryCode || branches.Any(b => b.Id == r.BranchId)))
                .ExecuteDeleteAsync(cancellationToken);
        }

        var (scored, skipped) = await ScoreAsync(period, pinnedPacks, scoredBranches, ReadsAside(transaction), now, cancellationToken);
        await StoreRanksAsync(period, categoryCode, cancellationToken);

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
                ? $"计分{scored}个党支部，跳过{skipped}个（类别不属于本期指标包）"
                : $"重新计分类别“{categoryCode}”的{scored}个党支部，跳过{skipped}个（类别不属于本期指标包）");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone moved the period (e.g. published it) while this run computed: keep their move, store nothing.
            return ScoringOutcome.Refused(StatusCodes.Status409Conflict, $"{quarter}的考核期状态刚刚被他人变更，本次计分未保存。");
        }

        // After the save, which holds the audit chain's lock until the commit: every writer takes that lock before the
        // period's row (a state change saves both at once), so raising the version here cannot deadlock with them.
        // The period's indicator tally is stored again for the root's report (also after a category's re-score: the
        // tally is the whole period's).
        await db.NoteResultsChangedAsync(period.Id, cancellationToken);
        await QuarterlyReports.StoreIndicatorTallyAsync(db, period.Id, cancellationToken);

        // Rectification (整改): items signed off in earlier quarters are re-checked against the scores just stored.
        await recheck.RunAsync(period, actor, cancellationToken);

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
            if (categoryCode is null)
            {
                await RefreshPlannerStatisticsAsync(cancellationToken);
            }
        }

        return new ScoringOutcome(StatusCodes.Status200OK, null, scored, skipped);
    }

    /// <summary>
    /// Scores the branches matching <paramref name="branches"/> in chunks of <see cref="ScoringOptions.ChunkSize"/> by id and
    /// bulk-writes each chunk's results (rank 0 until <see cref="StoreRanksAsync"/>), so that memory holds a few chunks'
    /// evidence and results whatever the size of the organization. The caller has begun the transaction and removed
    /// the results being replaced.
    /// </summary>
    /// <remarks>
    /// When the run owns its transaction on a server database, the chunks are read and scored on a connection of their
    /// own while the previous chunk is written on the transaction's: the database inserts one chunk while the app
    /// computes the next (at 100,000 branches reading and computing were a third of the run, writing the rest). The
    /// evidence is committed data either way: the reading connection sees what the transaction's would. A run that
    /// joined its caller's transaction (a manual score and the re-score it causes) must see that transaction's own
    /// writes, and SQLite has one writer and no gain from a second connection: both read on the transaction's
    /// connection, one chunk after the other.
    /// </remarks>
    private async Task<(int Scored, int Skipped)> ScoreAsync(
        Period period, IReadOnlyList<LoadedPack> pinnedPacks, Expression<Func<Organization, bool>> branches, bool readAside, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!readAside)
        {
            var (scored, skipped) = (0, 0);
            await foreach (var chunk in ScoredChunksAsync(db, period, pinnedPacks, branches, options.Value.ChunkSize, now, cancellationToken))
            {
                await writer.InsertAsync(db, chunk.Results, cancellationToken);
                (scored, skipped) = (scored + chunk.Results.Count, skipped + chunk.Skipped);
            }

            return (scored, skipped);
        }

        // One chunk waits while one is written and the next is computed: three chunks in memory at most.
        var chunks = Channel.CreateBounded<ScoredChunk>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(
            async () =>
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var source = scope.ServiceProvider.GetRequiredService<AppraisalDbContext>();
                    await foreach (var chunk in ScoredChunksAsync(source, period, pinnedPacks, branches, options.Value.ChunkSize, now, stop.Token))
                    {
                        await chunks.Writer.WriteAsync(chunk, stop.Token);
                    }

                    chunks.Writer.Complete();
                }
                catch (Exception exception)
                {
                    chunks.Writer.Complete(exception);
                }
            },
            CancellationToken.None);
        try
        {
            var (scored, skipped) = (0, 0);
            await foreach (var chunk in chunks.Reader.ReadAllAsync(cancellationToken))
            {
                await writer.InsertAsync(db, chunk.Results, cancellationToken);
                (scored, skipped) = (scored + chunk.Results.Count, skipped + chunk.Skipped);
            }

            return (scored, skipped);
        }
        finally
        {
            // The writer failed or was cancelled: stop the reader before the transaction rolls back.
            await stop.CancelAsync();
            await reading;
        }
    }

    /// <summary>A chunk's results, and how many of its branches were skipped (category of no pinned pack).</summary>
    private sealed record ScoredChunk(List<BranchResult> Results, int Skipped);

    /// <summary>The branches' results chunk by chunk, each chunk's branches and evidence read on <paramref name="source"/>.</summary>
    private static async IAsyncEnumerable<ScoredChunk> ScoredChunksAsync(
        AppraisalDbContext source,
        Period period,
        IReadOnlyList<LoadedPack> pinnedPacks,
        Expression<Func<Organization, bool>> branches,
        int chunkSize,
        DateTimeOffset now,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = 0;
        while (true)
        {
            var chunk = await source.Organizations.AsNoTracking().Where(branches).Where(o => o.Id > after).OrderBy(o => o.Id).Take(chunkSize)
                .Include(o => o.Groups)
                .ToListAsync(cancellationToken);
            if (chunk.Count == 0)
            {
                yield break;
            }

            after = chunk[^1].Id;
            var evidence = await BranchEvidenceReader.LoadAsync(source, period.AsQuarter, period.Id, chunk[0].Id, after, cancellationToken);
            var results = new List<BranchResult>(chunk.Count);
            var skipped = 0;
            foreach (var branch in chunk)
            {
                var pack = pinnedPacks.FirstOrDefault(p => p.FindCategory(branch.CategoryCode!) is not null);
                var category = pack?.FindCategory(branch.CategoryCode!);
                if (category is null || pack is null)
                {
                    skipped++;
                    continue;
                }

                var score = ScoringEngine.Score(category, evidence.For(branch, category), pack.FindScorer);
                results.Add(new BranchResult
                {
                    PeriodId = period.Id,
                    BranchId = branch.Id,
                    CategoryCode = score.CategoryCode,
                    Total = score.Total,
                    MaxPoints = score.MaxPoints,
                    Grade = score.Grade,
                    GradeExplanation = Shorten(score.GradeExplanation),
                    ComputedAt = now,
                    Indicators = score.Indicators.Select(i => new BranchIndicatorScore
                    {
                        PeriodId = period.Id,
                        Code = i.Code,
                        DimensionCode = i.DimensionCode,
                        Score = i.Score,
                        MaxScore = i.MaxPoints,
                        Explanation = Shorten(i.Explanation),
                        VetoTriggered = score.Vetoes.Any(v => v.IndicatorCode == i.Code),
                    }).ToList(),
                });
            }

            yield return new ScoredChunk(results, skipped);
        }
    }

    /// <summary>
    /// Ranks the period's stored results within their categories (only <paramref name="categoryCode"/>'s when
    /// given) from their totals alone, with the engine's own <see cref="ScoringEngine.Rank"/>, and stores the ranks.
    /// Reads four columns per result, so a province's ranking fits in a few megabytes.
    /// </summary>
    private async Task StoreRanksAsync(Period period, string? categoryCode, CancellationToken cancellationToken)
    {
        var stored = await db.BranchResults.AsNoTracking()
            .Where(r => r.PeriodId == period.Id && (categoryCode == null || r.CategoryCode == categoryCode))
            .Select(r => new { r.Id, r.CategoryCode, r.Total })
            .ToListAsync(cancellationToken);
        var quarter = period.AsQuarter;
        var ranked = ScoringEngine.Rank(stored.Select(r => new BranchScore(
            r.Id.ToString(CultureInfo.InvariantCulture), "", r.CategoryCode, quarter, [], [], r.Total, 0, "", "", "", [])));
        await writer.SetRanksAsync(
            db,
            ranked.Select(r => new ResultRank(long.Parse(r.Score.BranchCode, CultureInfo.InvariantCulture), r.Rank, r.Percentile)).ToList(),
            cancellationToken);
    }

    /// <summary>
    /// Scores only the branches under <paramref name="subtreePath"/> (an organization's path; its own node included)
    /// and replaces their results, leaving every other branch's result alone. Ranks are not computed here — ranking is
    /// per category over the whole organization — and the stored rank and percentile stay 0 until
    /// <see cref="RankAsync"/> runs after the last subtree. The period's state does not change either. Several
    /// subtrees of one period can be scored at the same time (by different nodes): their branch sets are disjoint.
    /// </summary>
    public async Task<ScoringOutcome> ScoreSubtreeAsync(int periodId, string subtreePath, string actor, CancellationToken cancellationToken)
    {
        var period = await db.Periods.AsNoTracking().Include(p => p.Packs).SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
        if (period is null)
        {
            return ScoringOutcome.Refused(StatusCodes.Status404NotFound, "考核期不存在。");
        }

        if (PeriodLifecycle.Refuses(period, PeriodActivity.ComputeScores, clock.GetUtcNow()) is { } refusal)
        {
            return ScoringOutcome.Refused(StatusCodes.Status409Conflict, refusal);
        }

        if (LoadPinned(period, out var unloaded) is not { } pinnedPacks)
        {
            return unloaded!;
        }

        var quarter = period.AsQuarter;
        Expression<Func<Organization, bool>> subtreeBranches =
            o => o.Kind == OrganizationKind.Branch && o.CategoryCode != null && o.Path.StartsWith(subtreePath);
        var branches = db.Organizations.AsNoTracking().Where(subtreeBranches);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.BranchResults.Where(r => r.PeriodId == period.Id && branches.Any(b => b.Id == r.BranchId)).ExecuteDeleteAsync(cancellationToken);

        // The stored tally no longer describes the results once a part replaced some; the ranking step stores it again.
        await db.IndicatorTallies.Where(t => t.PeriodId == period.Id).ExecuteDeleteAsync(cancellationToken);
        var (scored, skipped) = await ScoreAsync(period, pinnedPacks, subtreeBranches, ReadsAside(transaction), clock.GetUtcNow(), cancellationToken);
        audit.Record(actor, "periods.scoring", $"{quarter.Year}Q{quarter.Number}", $"分片计分（{subtreePath}）：{scored}个党支部，跳过{skipped}个（类别不属于本期指标包）");
        // The results version is not raised here: the parts run side by side, and the ranking step that follows them
        // (RankAsync) raises it once, when the results are whole again.
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ScoringOutcome(StatusCodes.Status200OK, null, scored, skipped);
    }

    /// <summary>
    /// The final step after <see cref="ScoreSubtreeAsync"/> has run for every subtree: ranks the period's stored results
    /// per category over the whole organization (<see cref="ScoringEngine.Rank"/>), moves an open period into scoring
    /// as <paramref name="role"/>, and re-checks rectification items, in one transaction — what <see cref="RunAsync(int, string?, string, PeriodActor, CancellationToken)"/>
    /// does after computing. Idempotent: ranking the same results again stores the same ranks.
    /// </summary>
    public async Task<ScoringOutcome> RankAsync(int periodId, string actor, PeriodActor role, CancellationToken cancellationToken)
    {
        var period = await db.Periods.SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
        if (period is null)
        {
            return ScoringOutcome.Refused(StatusCodes.Status404NotFound, "考核期不存在。");
        }

        var now = clock.GetUtcNow();
        if (PeriodLifecycle.Refuses(period, PeriodActivity.ComputeScores, now) is { } refusal)
        {
            return ScoringOutcome.Refused(StatusCodes.Status409Conflict, refusal);
        }

        var quarter = period.AsQuarter;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await StoreRanksAsync(period, null, cancellationToken);
        var ranked = await db.BranchResults.CountAsync(r => r.PeriodId == period.Id, cancellationToken);
        if (period.State == PeriodState.Open)
        {
            var moved = lifecycle.Move(period, PeriodState.Scoring, role, new TransitionFacts(now));
            if (!moved.Moved)
            {
                return ScoringOutcome.Refused(StatusCodes.Status409Conflict, moved.Refusal!);
            }

            audit.Record(actor, "periods.transition", $"{quarter.Year}Q{quarter.Number}", $"{moved.From.DisplayName()} → {moved.To.DisplayName()}");
        }

        audit.Record(actor, "periods.scoring", $"{quarter.Year}Q{quarter.Number}", $"分片计分完成并排名：{ranked}个党支部");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ScoringOutcome.Refused(StatusCodes.Status409Conflict, $"{quarter}的考核期状态刚刚被他人变更，本次排名未保存。");
        }

        await db.NoteResultsChangedAsync(period.Id, cancellationToken);
        await QuarterlyReports.StoreIndicatorTallyAsync(db, period.Id, cancellationToken);

        await recheck.RunAsync(period, actor, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await RefreshPlannerStatisticsAsync(cancellationToken);
        return new ScoringOutcome(StatusCodes.Status200OK, null, ranked, 0);
    }

    /// <summary>
    /// After a whole period's results were replaced in bulk (inserted, then every row updated with its rank), PostgreSQL
    /// plans on the statistics of before, and the rank step's update left a dead version of every result row and its
    /// index entries, until autovacuum comes round a minute or more later. Measured at 100,000 branches right after
    /// scoring: a secretary's ranking page took 77 ms, 0.03 ms once the table was analysed; and the root's ranking pages
    /// (an index-only scan over a category's ranks) took 12 ms each instead of 1.8 ms until the table was vacuumed, so
    /// the first minute after a scoring served 600 pages a second instead of 1,000 (docs/PERFORMANCE.md, fifth session).
    /// <c>VACUUM (ANALYZE)</c> of the results table alone takes 0.3 s at 100,000 branches (the visibility map lets it
    /// skip other periods' pages). The indicators table, only inserted into, is analysed but not vacuumed: without
    /// statistics for its new rows PostgreSQL took the quarterly report's indicator tally for 120,000 rows instead of
    /// 3 million and sorted them on disk, 2.35 s instead of 0.8 s (docs/PERFORMANCE.md, sixth session); its
    /// <c>ANALYZE</c> reads a fixed sample, 0.25 s. <c>SKIP_LOCKED</c>: when autovacuum already holds a table this run
    /// does not wait for it. Only after whole runs, outside their transaction (VACUUM cannot run inside one): a
    /// category's re-score from the manual-score page stays quick. SQLite plans without statistics and SQL Server
    /// updates its own.
    /// </summary>
    private async Task RefreshPlannerStatisticsAsync(CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("""VACUUM (ANALYZE, SKIP_LOCKED) "BranchResults" """, cancellationToken);
            await db.Database.ExecuteSqlRawAsync("""ANALYZE (SKIP_LOCKED) "BranchIndicatorScores" """, cancellationToken);
        }
    }

    /// <summary>
    /// Whether the evidence is read on a connection of its own (<see cref="ScoreAsync"/>): only when this run began the
    /// transaction (<paramref name="owned"/>), and not on SQLite.
    /// </summary>
    private bool ReadsAside(IDbContextTransaction? owned) => owned is not null && !db.Database.IsSqlite();

    /// <summary>The pack versions the period pinned, all loaded; else the refusal naming the first that is not.</summary>
    private List<LoadedPack>? LoadPinned(Period period, out ScoringOutcome? refusal)
    {
        var packs = new List<LoadedPack>();
        foreach (var pinned in period.Packs)
        {
            if (catalog.Find(pinned.PackId, pinned.Version) is not { } loaded)
            {
                refusal = ScoringOutcome.Refused(
                    StatusCodes.Status409Conflict,
                    $"本考核期按指标包“{pinned.PackId}”{pinned.Version}版开启，该版本当前没有加载（{catalog.NotLoadedReason(pinned.PackId, pinned.Version)}），不能计分。");
                return null;
            }

            packs.Add(loaded);
        }

        refusal = null;
        return packs;
    }

    private static string Shorten(string text) => text.Length <= MaxExplanationLength ? text : text[..(MaxExplanationLength - 1)] + "…";
}

public sealed record ScoringOutcome(int Status, string? Error, int Scored, int Skipped)
{
    public static ScoringOutcome Refused(int status, string error) => new(status, error, 0, 0);
}
