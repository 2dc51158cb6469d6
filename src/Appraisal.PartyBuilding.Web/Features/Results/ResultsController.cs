using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Features.Packs;
using Appraisal.PartyBuilding.Web.Features.Periods;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Results;

/// <summary>
/// The stored results of a period as pages: the periods, the ranking per category and a branch's score card.
/// Everything is read within the caller's subtree; a branch outside it answers 404 like a missing one.
/// </summary>
[Authorize(Policy = Policies.ReadPeriods)]
public sealed class ResultsController(AppraisalDbContext db, CurrentUser user, PackCatalog catalog, CategorySizes sizes, RankingPages pages, ResultsPeriod periods, TimeProvider clock) : Controller
{
    // The pages' queries are compiled once (EF.CompileAsyncQuery) instead of looked up in EF's query cache on every
    // request; and the page's offset, which the subquery's Skip kept as a constant of the LINQ tree, made EF compile
    // the ranking's page query again for every new page number (issue 11, docs/PERFORMANCE.md, goal 3).

    /// <summary>
    /// The lines of the root's ranking page whose branches <see cref="RankingPages"/> found (cached per results
    /// version): 50 lookups on the (period, branch) index, joined to the organizations for their current names.
    /// </summary>
    private static readonly CompiledQuery<Func<AppraisalDbContext, int, int[], IAsyncEnumerable<RankingLine>>> RankingLinesOf = new(() =>
        EF.CompileAsyncQuery((AppraisalDbContext db, int periodId, int[] branchIds) =>
            db.BranchResults.AsNoTracking()
                .Where(r => r.PeriodId == periodId && branchIds.Contains(r.BranchId))
                .OrderBy(r => r.Rank).ThenBy(r => r.BranchId)
                .Select(r => new RankingLine(r.Rank, r.Branch!.Code, r.Branch.Name, r.Total, r.MaxPoints, r.Grade, r.Percentile))));

    /// <summary>
    /// A page of a category's ranking within the subtree at <c>path</c>: one join of the results to the subtree's
    /// organizations, sorted and cut there. (A subquery that found the page's branches first and joined them again, as
    /// the root's page once did, planned two joins on every call: sub-tree statements keep custom plans, because the
    /// path is a <c>LIKE</c> on a parameter, and their planning cost more than running them.)
    /// </summary>
    private static readonly CompiledQuery<Func<AppraisalDbContext, int, string, string, int, int, IAsyncEnumerable<RankingLine>>> RankingPageWithin = new(() =>
        EF.CompileAsyncQuery((AppraisalDbContext db, int periodId, string path, string category, int skip, int take) =>
            db.BranchResults.AsNoTracking()
                .Where(r => r.PeriodId == periodId && r.CategoryCode == category && r.Branch!.Path.StartsWith(path))
                .OrderBy(r => r.Rank).ThenBy(r => r.BranchId)
                .Skip(skip).Take(take)
                .Select(r => new RankingLine(r.Rank, r.Branch!.Code, r.Branch.Name, r.Total, r.MaxPoints, r.Grade, r.Percentile))));

    /// <summary>How many branches of each category the subtree at <c>path</c> has results for.</summary>
    private static readonly CompiledQuery<Func<AppraisalDbContext, int, string, IAsyncEnumerable<CategoryCount>>> CategoryCountsWithin = new(() =>
        EF.CompileAsyncQuery((AppraisalDbContext db, int periodId, string path) =>
            db.BranchResults.AsNoTracking()
                .Where(r => r.PeriodId == periodId && r.Branch!.Path.StartsWith(path))
                .GroupBy(r => r.CategoryCode)
                .Select(g => new CategoryCount(g.Key, g.Count()))));

    /// <summary>
    /// A branch's own line of the ranking and its category: a secretary's ranking, since a branch is a leaf and its
    /// subtree is itself. Found by key, a statement PostgreSQL plans once, where the subtree's page and category counts
    /// (a <c>LIKE</c> on the path, planned on every call) cost two statements and 0.6 ms of planning a request under
    /// the load benchmark (docs/PERFORMANCE.md, goal 3).
    /// </summary>
    private static readonly CompiledQuery<Func<AppraisalDbContext, int, int, CancellationToken, Task<OwnLine?>>> OwnLineOf = new(() =>
        EF.CompileAsyncQuery((AppraisalDbContext db, int periodId, int branchId, CancellationToken _) =>
            db.BranchResults.AsNoTracking()
                .Where(r => r.PeriodId == periodId && r.BranchId == branchId)
                .Select(r => new OwnLine(r.CategoryCode, new RankingLine(r.Rank, r.Branch!.Code, r.Branch.Name, r.Total, r.MaxPoints, r.Grade, r.Percentile)))
                .SingleOrDefault()));

    /// <summary>A branch's result with its indicators, when the branch is in the subtree at <c>path</c>.</summary>
    private static readonly CompiledQuery<Func<AppraisalDbContext, int, string, string, CancellationToken, Task<BranchResult?>>> ScoreCardWithin = new(() =>
        EF.CompileAsyncQuery((AppraisalDbContext db, int periodId, string code, string path, CancellationToken _) =>
            db.BranchResults.AsNoTracking()
                .Include(r => r.Branch)
                .Include(r => r.Indicators)
                .SingleOrDefault(r => r.PeriodId == periodId && r.Branch!.Code == code && r.Branch.Path.StartsWith(path))));

    [HttpGet("/periods")]
    public async Task<IActionResult> Periods([FromServices] Evidence.MissingManualScores missingManualScores, [FromServices] Jobs.BackgroundWork work, string? job, CancellationToken cancellationToken)
    {
        var scope = await user.ScopeAsync(cancellationToken);
        var periods = await db.Periods.AsNoTracking()
            .OrderByDescending(p => p.Year).ThenByDescending(p => p.Quarter)
            .ToListAsync(cancellationToken);
        var counts = await db.BranchResults.AsNoTracking()
            .Where(r => r.Branch!.Path.StartsWith(scope.Path))
            .GroupBy(r => r.PeriodId)
            .Select(g => new { PeriodId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.PeriodId, x => x.Count, cancellationToken);

        // A secretary's branch goes straight to its card; everyone else to the ranking.
        var ownBranch = user.Role == Role.Secretary && scope.IsBranch ? scope.Code : null;
        var canManage = user.Role == Role.OrgAdmin && scope.ParentId is null;

        // Before publishing or finalizing, the 组织部 sees how many manual indicators nobody has scored yet.
        var lines = new List<PeriodLine>();
        foreach (var period in periods)
        {
            var gaps = canManage && period.State is PeriodState.Scoring or PeriodState.Published
                ? await missingManualScores.CountAsync(period.Id, cancellationToken)
                : null;
            lines.Add(new PeriodLine(period, counts.GetValueOrDefault(period.Id), gaps is { Missing: > 0 } ? gaps : null));
        }

        // A finished scoring job sends the browser here with its id; only the user's own job is found.
        var (scoredMessage, scoringError) = Jobs.JobsController.Outcome(string.IsNullOrEmpty(job) ? null : work.Find(job, user.Login));
        return View("Periods", new PeriodList(
            lines,
            ownBranch,
            canManage,
            AssessmentQuarter.Of(Core.ChinaTime.DateOf(clock.GetUtcNow())),
            scoredMessage ?? TempData["PeriodMessage"] as string,
            scoringError ?? TempData["PeriodError"] as string));
    }

    /// <summary>The 组织部 of the root opens a quarter's period (the same service as the API and the scheduler).</summary>
    [HttpPost("/periods")]
    [Authorize(Policy = Policies.RootOrgAdmin)]
    public async Task<IActionResult> Open([FromServices] PeriodOpening opening, int? year, int? quarter, CancellationToken cancellationToken)
    {
        var errors = PeriodOpening.Check(year, quarter);
        if (errors.Count > 0)
        {
            TempData["PeriodError"] = string.Join("；", errors.Values.SelectMany(v => v));
        }
        else
        {
            var wanted = new AssessmentQuarter(year!.Value, quarter!.Value);
            var period = await opening.OpenAsync(wanted, user.Login, null, cancellationToken);
            TempData[period is null ? "PeriodError" : "PeriodMessage"] = period is null ? PeriodOpening.AlreadyOpen(wanted) : $"已开启{wanted}考核期。";
        }

        return Redirect("/periods");
    }

    /// <summary>Moves a period one step: open → scoring (computes the scores) → published → final.</summary>
    [HttpPost("/periods/{id:int}/next")]
    [Authorize(Policy = Policies.RootOrgAdmin)]
    public async Task<IActionResult> Next([FromServices] Cycle.PeriodTransitions transitions, [FromServices] Jobs.BackgroundWork work, int id, bool closeAppealsEarly, bool confirmed, bool confirmMissingManualScores, CancellationToken cancellationToken)
    {
        var period = await db.Periods.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (period is null || PeriodLifecycle.Next(period.State) is not { } to)
        {
            return NotFound();
        }

        if (closeAppealsEarly && !confirmed)
        {
            TempData["PeriodError"] = "提前结束公示期需要勾选确认。";
            return Redirect("/periods");
        }

        if (to == PeriodState.Scoring)
        {
            // Entering scoring computes every branch's scores: a job (split by subtree) whose page shows the progress.
            var login = user.Login;
            return Redirect(Jobs.JobsApi.PageUrl(work.Start<Jobs.PeriodScoringJob>(job => job.RunAsync(id, login, null!, CancellationToken.None), Jobs.PeriodScoringJob.Kind, $"{period.AsQuarter}计分", login)));
        }

        var result = await transitions.MoveAsync(id, to, PeriodActor.OrgAdmin, user.Login, closeAppealsEarly && to == PeriodState.Final, cancellationToken, confirmMissingManualScores);
        TempData[result.Error is null ? "PeriodMessage" : "PeriodError"] = result.Error ?? $"{period.AsQuarter}考核期已进入“{to.DisplayName()}”。";
        return Redirect("/periods");
    }

    [HttpGet("/periods/{id:int}/ranking")]
    public async Task<IActionResult> Ranking(int id, string? category, int? page, CancellationToken cancellationToken)
    {
        var period = await periods.FindAsync(id, cancellationToken);
        if (period is null)
        {
            return NotFound();
        }

        // Counted and paged by the database, reading only the columns the table shows: a province has 100,000 rows.
        // The root's scope is every branch, so its queries skip the join on the organization tree and count and page
        // on the (period, category, rank) index alone.
        var scope = await user.ScopeAsync(cancellationToken);
        var pinned = catalog.PinnedBy(period);
        IReadOnlyDictionary<string, int> counts;
        OwnLine? own = null;
        if (scope.ParentId is null)
        {
            counts = await sizes.OfAsync(period, cancellationToken);
        }
        else if (scope.IsBranch)
        {
            own = await OwnLineOf.For(db)(db, id, scope.Id, cancellationToken);
            counts = own is null ? new Dictionary<string, int>() : new Dictionary<string, int> { [own.CategoryCode] = 1 };
        }
        else
        {
            var within = new Dictionary<string, int>(StringComparer.Ordinal);
            await foreach (var count in CategoryCountsWithin.For(db)(db, id, scope.Path).WithCancellation(cancellationToken))
            {
                within.Add(count.Code, count.Count);
            }

            counts = within;
        }

        var categories = counts
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new CategoryChoice(c.Key, pinned.FindCategory(c.Key)?.Name ?? c.Key, c.Value))
            .ToList();
        var chosen = categories.FirstOrDefault(c => c.Code == category) ?? categories.FirstOrDefault();
        var (number, size) = ListPaging.Clamp(page, null);
        if (chosen is null)
        {
            return View(new Ranking(period, categories, null, new ListPage<RankingLine>([], 1, size, 0)));
        }

        // The page's branches are found on the index alone (rank, then branch id for equal ranks), and only those 50
        // are joined to their organizations: joining first made the database sort the whole category for every page.
        // The root's pages are the same for every reader of a results version: their branches are found once per node.
        // A page past the category's end is empty without a query: nothing is cached for it, and page numbers up to
        // int.MaxValue do not overflow the offset.
        if ((long)(number - 1) * size >= chosen.Count)
        {
            return View(new Ranking(period, categories, chosen, new ListPage<RankingLine>([], number, size, chosen.Count)));
        }

        if (own is not null)
        {
            return View(new Ranking(period, categories, chosen, new ListPage<RankingLine>([own.Line], number, size, chosen.Count)));
        }

        var skip = (number - 1) * size;
        var lines = new List<RankingLine>(size);
        var query = scope.ParentId is null
            ? RankingLinesOf.For(db)(db, id, await pages.BranchesAsync(period, chosen.Code, skip, size, cancellationToken))
            : RankingPageWithin.For(db)(db, id, scope.Path, chosen.Code, skip, size);
        await foreach (var line in query.WithCancellation(cancellationToken))
        {
            lines.Add(line);
        }

        return View(new Ranking(period, categories, chosen, new ListPage<RankingLine>(lines, number, size, chosen.Count)));
    }

    [HttpGet("/periods/{id:int}/branches/{code}")]
    public async Task<IActionResult> ScoreCard(int id, string code, CancellationToken cancellationToken)
    {
        var period = await periods.FindAsync(id, cancellationToken);
        if (period is null)
        {
            return NotFound();
        }

        var scope = await user.ScopeAsync(cancellationToken);
        var result = await ScoreCardWithin.For(db)(db, id, code, scope.Path, cancellationToken);
        if (result is null)
        {
            return NotFound();
        }

        var categorySize = await sizes.OfAsync(period, result.CategoryCode, cancellationToken);
        return View(ScoreCardModel.Build(period, result, catalog.PinnedBy(period).FindCategory(result.CategoryCode), categorySize));
    }
}

public sealed record PeriodList(IReadOnlyList<PeriodLine> Periods, string? OwnBranchCode, bool CanManage, AssessmentQuarter Current, string? Message, string? Error);

/// <param name="Gaps">For the 组织部, a period about to be published or finalized with manual indicators unscored.</param>
public sealed record PeriodLine(Period Period, int ResultCount, Evidence.ManualScoreGaps? Gaps = null);

public sealed record CategoryChoice(string Code, string Name, int Count);

/// <summary>How many results a category has in a scope.</summary>
public sealed record CategoryCount(string Code, int Count);

public sealed record Ranking(Period Period, IReadOnlyList<CategoryChoice> Categories, CategoryChoice? Chosen, ListPage<RankingLine> Lines);

/// <summary>The columns of one ranking row, and nothing else (no explanations).</summary>
public sealed record RankingLine(int Rank, string BranchCode, string BranchName, decimal Total, decimal MaxPoints, string Grade, decimal Percentile);

/// <summary>A branch's own line of a ranking, with the category it was ranked in.</summary>
public sealed record OwnLine(string CategoryCode, RankingLine Line);

/// <summary>A branch's stored result laid out along its category's indicator tree, with the points it lost.</summary>
public sealed record ScoreCardModel(
    Period Period,
    BranchResult Result,
    string CategoryName,
    int CategorySize,
    IReadOnlyList<ScoreCardDimension> Dimensions)
{
    /// <summary>The indicators that lost points, the biggest loss first: what to work on.</summary>
    public IEnumerable<ScoreCardLine> Lost =>
        Dimensions.SelectMany(d => d.Lines).Where(l => l.Lost > 0).OrderByDescending(l => l.Lost).ThenBy(l => l.Code, StringComparer.Ordinal);

    public static ScoreCardModel Build(Period period, BranchResult result, BranchCategory? category, int categorySize)
    {
        var stored = result.Indicators.OrderBy(i => i.Id).ToList();
        var names = category?.Dimensions.SelectMany(d => d.Indicators).ToDictionary(i => i.Code, i => i.Name, StringComparer.Ordinal)
            ?? new Dictionary<string, string>(StringComparer.Ordinal);

        // Dimension order and names come from the pack when it is loaded; otherwise from the stored codes alone.
        var dimensionNames = category?.Dimensions.ToDictionary(d => d.Code, d => d.Name, StringComparer.Ordinal)
            ?? new Dictionary<string, string>(StringComparer.Ordinal);
        var dimensions = stored
            .GroupBy(i => i.DimensionCode)
            .Select(g => new ScoreCardDimension(
                g.Key,
                dimensionNames.GetValueOrDefault(g.Key, g.Key),
                g.Select(i => new ScoreCardLine(i.Code, names.GetValueOrDefault(i.Code, i.Code), i.Score, i.MaxScore, i.Explanation)).ToList()))
            .ToList();
        return new ScoreCardModel(period, result, category?.Name ?? result.CategoryCode, categorySize, dimensions);
    }
}

public sealed record ScoreCardDimension(string Code, string Name, IReadOnlyList<ScoreCardLine> Lines)
{
    public decimal Score => Lines.Sum(l => l.Score);

    public decimal MaxScore => Lines.Sum(l => l.MaxScore);
}

public sealed record ScoreCardLine(string Code, string Name, decimal Score, decimal MaxScore, string Explanation)
{
    public decimal Lost => MaxScore - Score;
}
