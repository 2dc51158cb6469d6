using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Features.Organizations;
using Appraisal.PartyBuilding.Web.Features.Packs;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Home;

/// <summary>A home page per role.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class HomeController(CurrentUser user, AppraisalDbContext db, MeetingBoard board, PackCatalog catalog, BranchSubtrees subtrees, TimeProvider clock) : Controller
{
    private static readonly TimeSpan ChinaTime = TimeSpan.FromHours(8);

    [HttpGet("/")]
    public async Task<IActionResult> Index(int? year, int? quarter, int? page, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(ChinaTime).DateTime);
        var period = year is { } y && quarter is >= 1 and <= 4 && y is >= 2000 and <= 2100
            ? new AssessmentQuarter(y, quarter.Value)
            : AssessmentQuarter.Of(today);
        var scope = await user.ScopeAsync(cancellationToken);
        switch (user.Role)
        {
            case Role.Auditor:
                return Redirect("/audit");

            case Role.SysAdmin:
                var visible = await user.VisibleOrganizationsAsync(cancellationToken);
                var (number, size) = ListPaging.Clamp(page, null);
                var accounts = await db.Users.AsNoTracking()
                    .Where(u => visible.Any(o => o.Id == u.OrganizationId))
                    .Include(u => u.Organization)
                    .OrderBy(u => u.Login).ThenBy(u => u.Id)
                    .ToListPageAsync(number, size, cancellationToken);
                return View("SysAdmin", new SysAdminHome(scope, accounts));

            case Role.Secretary when scope.IsBranch:
                var own = await db.Organizations.AsNoTracking().Include(o => o.Groups).SingleAsync(o => o.Id == scope.Id, cancellationToken);
                var score = (await board.ScoreAsync([own], period, cancellationToken)).Single();
                var recent = await db.MeetingRecords.AsNoTracking().Where(r => r.BranchId == own.Id)
                    .OrderByDescending(r => r.Date).ThenByDescending(r => r.Id).Take(10).ToListAsync(cancellationToken);
                // The newest scored period of the branch: its score card is one tap from home.
                var scoredPeriod = await (from r in db.BranchResults.AsNoTracking()
                                          join p in db.Periods.AsNoTracking() on r.PeriodId equals p.Id
                                          where r.BranchId == own.Id
                                          orderby p.Year descending, p.Quarter descending
                                          select (int?)p.Id).FirstOrDefaultAsync(cancellationToken);
                return View("Secretary", new SecretaryHome(score, period, recent, scoredPeriod));

            default:
                // Every branch is scored in memory for the overview, so only a bounded subtree is (BranchSubtrees);
                // a larger scope shows its branch count, counted by the database, and links to choose an organization.
                var names = (await catalog.ForQuarterAsync(db, period, cancellationToken)).Categories.ToDictionary(c => c.Code, c => c.Name);
                var count = await subtrees.CountAsync(scope, cancellationToken);
                if (count > subtrees.MaxComputed)
                {
                    return View("Overview", new OverviewHome(scope, user.Role, period, [], names) { BranchCount = count, MaxComputed = subtrees.MaxComputed });
                }

                var scores = await board.ScoreAsync(await subtrees.BranchesAsync(scope, cancellationToken), period, cancellationToken);
                return View("Overview", new OverviewHome(scope, user.Role, period, scores, names) { BranchCount = count, MaxComputed = subtrees.MaxComputed });
        }
    }
}

public sealed record SysAdminHome(Core.Organizations.Organization Scope, ListPage<UserAccount> Accounts);

public sealed record SecretaryHome(BranchMeetingScore Score, AssessmentQuarter Quarter, IReadOnlyList<Core.Meetings.MeetingRecord> Recent, int? ScoreCardPeriodId);

public sealed record OverviewHome(
    Core.Organizations.Organization Scope,
    string Role,
    AssessmentQuarter Quarter,
    IReadOnlyList<BranchMeetingScore> Scores,
    IReadOnlyDictionary<string, string> CategoryNames)
{
    /// <summary>The branches in scope, counted by the database.</summary>
    public int BranchCount { get; init; }

    public int MaxComputed { get; init; }

    /// <summary>Whether the scope holds more branches than are scored for the overview at once (then <see cref="Scores"/> is empty).</summary>
    public bool TooMany => BranchCount > MaxComputed;

    public IEnumerable<IGrouping<string, BranchMeetingScore>> ByCategory =>
        Scores.Where(s => s.Category is not null)
            .OrderBy(s => s.Category!.Code, StringComparer.Ordinal)
            .ThenByDescending(s => s.Score)
            .ThenBy(s => s.Branch.Code, StringComparer.Ordinal)
            .GroupBy(s => s.Category!.Code);
}
