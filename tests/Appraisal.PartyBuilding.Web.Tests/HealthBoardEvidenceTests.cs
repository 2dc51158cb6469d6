using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Features.Packs;
using Appraisal.PartyBuilding.Web.Features.Scoring;
using Appraisal.PartyBuilding.Web.Features.Warnings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// Issue 11: the health board reads only the monthly meetings of the months it checks
/// (<see cref="BranchEvidenceReader.LoadMeetingsAsync"/>) instead of the year's records of every type with the quarter's
/// other evidence. On a generated quarter (records of every type, of the neighbouring months, returned, short of quorum,
/// of groups that do not exist), every branch's missed months are the same from both reads, for each set of months the
/// board checks during a quarter.
/// </summary>
public sealed class HealthBoardEvidenceTests
{
    [Fact]
    public Task The_missed_months_from_the_monthly_records_equal_those_from_the_whole_evidence_on_SQLite() => AgreeAsync(new SqliteApp());

    [Fact]
    public Task The_missed_months_from_the_monthly_records_equal_those_from_the_whole_evidence_on_PostgreSQL() => AgreeAsync(new PostgresApp());

    private static async Task AgreeAsync(AppFactory app)
    {
        await using (app)
        {
            await app.InitializeAsync();
            await CompletenessParityTests.GenerateAsync(app, 60);
            var quarter = new AssessmentQuarter(2026, 3);
            var missing = 0;
            int[][] checkedMonths = [[7], [7, 8], [7, 8, 9]];
            foreach (var months in checkedMonths)
            {
                missing += await app.WithScopeAsync(async services =>
                {
                    var db = services.GetRequiredService<AppraisalDbContext>();
                    var packs = await services.GetRequiredService<PackCatalog>().ForQuarterAsync(db, quarter, CancellationToken.None);
                    var branches = await db.Organizations.AsNoTracking().Include(o => o.Groups)
                        .Where(o => o.Code.StartsWith("CP") && o.CategoryCode != null)
                        .OrderBy(o => o.Code)
                        .ToListAsync();
                    var ids = branches.Select(b => b.Id).ToList();
                    var whole = await BranchEvidenceReader.LoadAsync(db, quarter, null, ids, CancellationToken.None);
                    var monthly = await BranchEvidenceReader.LoadMeetingsAsync(db, quarter, BranchHealthBoard.Monthly, BranchHealthBoard.LastDayOf(quarter, months), ids, CancellationToken.None);

                    Assert.Equal(60, branches.Count);
                    var found = 0;
                    foreach (var branch in branches)
                    {
                        var category = packs.FindCategory(branch.CategoryCode!)!;
                        var expected = BranchHealthBoard.MissedMonths(whole.For(branch, category), months);
                        Assert.Equal(expected, BranchHealthBoard.MissedMonths(monthly.For(branch, category), months));
                        found += expected.Count;
                    }

                    return found;
                });
            }

            // The generated quarter has gaps to find, so the comparison is not between empty lists.
            Assert.True(missing > 30, $"only {missing} missed months found");
        }
    }
}
