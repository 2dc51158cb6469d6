using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// A small known organization for the quarterly report: 党委 QR-DW with five rural branches (R1–R5) and two urban
/// ones (U1, U2), 党委 QR-DW2 with rural branch R6; 2026 Q2 final and Q3 published, with stored results whose
/// numbers the tests know (the standard 三会一课 indicators: assembly 10, committee 12, group 6, lecture 6, theme-day 6).
/// Results are stored directly so that the expected numbers do not depend on how a pack scores records.
/// </summary>
internal static class ReportData
{
    public const string Rural = "community/rural";
    public const string Urban = "community/urban";

    /// <summary>Q3: code → (category, assembly, committee, group, lecture, theme-day, grade, rank, percentile).</summary>
    public static readonly (string Code, string Category, int[] Scores, string Grade, int Rank, decimal Percentile)[] Q3 =
    [
        ("R1", Rural, [10, 12, 6, 6, 6], "优秀", 1, 100),
        ("R2", Rural, [10, 8, 6, 6, 6], "优秀", 2, 80),
        ("R6", Rural, [10, 12, 6, 0, 6], "良好", 3, 60),
        ("R4", Rural, [0, 12, 6, 6, 6], "一般", 4, 40),
        ("R3", Rural, [10, 4, 6, 0, 6], "较差", 5, 20),
        ("R5", Rural, [0, 0, 6, 0, 6], "较差", 6, 0),
        ("U1", Urban, [10, 12, 6, 6, 6], "优秀", 1, 100),
        ("U2", Urban, [0, 0, 6, 0, 6], "较差", 2, 0),
    ];

    /// <summary>Q2 (R6 did not exist yet).</summary>
    public static readonly (string Code, string Category, int[] Scores, string Grade, int Rank, decimal Percentile)[] Q2 =
    [
        ("R2", Rural, [10, 12, 6, 6, 4], "优秀", 1, 100),
        ("R3", Rural, [10, 12, 6, 0, 6], "良好", 2, 75),
        ("R1", Rural, [10, 8, 6, 0, 6], "一般", 3, 50),
        ("R5", Rural, [0, 12, 6, 0, 6], "较差", 4, 25),
        ("R4", Rural, [0, 4, 6, 6, 4], "较差", 5, 0),
        ("U1", Urban, [10, 12, 6, 6, 6], "优秀", 1, 100),
        ("U2", Urban, [0, 0, 6, 0, 6], "较差", 2, 0),
    ];

    private static readonly string[] Indicators = ["shyk.assembly", "shyk.committee", "shyk.group", "shyk.lecture", "shyk.theme-day"];
    private static readonly decimal[] Max = [10, 12, 6, 6, 6];

    /// <summary>Seeds the organization and both periods; returns the periods' ids.</summary>
    public static async Task<(int Q2, int Q3)> SeedAsync(AppFactory app, PeriodState q3State = PeriodState.Published)
    {
        await app.AddOrganizationAsync("QR-DW", "通报测试党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync("QR-DW2", "通报测试第二党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        foreach (var code in new[] { "R1", "R2", "R3", "R4", "R5" })
        {
            await app.AddOrganizationAsync(code, $"{code}党支部", "QR-DW", OrganizationKind.Branch, Rural, 10, 3);
        }

        await app.AddOrganizationAsync("U1", "U1党支部", "QR-DW", OrganizationKind.Branch, Urban, 8, 3);
        await app.AddOrganizationAsync("U2", "U2党支部", "QR-DW", OrganizationKind.Branch, Urban, 8, 3);
        await app.AddOrganizationAsync("R6", "R6党支部", "QR-DW2", OrganizationKind.Branch, Rural, 12, 3);

        var q2 = await AddPeriodAsync(app, 2, PeriodState.Final, Q2);
        var q3 = await AddPeriodAsync(app, 3, q3State, Q3);
        return (q2, q3);
    }

    private static async Task<int> AddPeriodAsync(AppFactory app, int quarter, PeriodState state, (string Code, string Category, int[] Scores, string Grade, int Rank, decimal Percentile)[] results)
    {
        var id = 0;
        var published = new DateTimeOffset(2026, quarter * 3 + 1, 10, 7, 0, 0, TimeSpan.Zero);
        await app.WithDbAsync(async db =>
        {
            var period = new Period
            {
                Year = 2026,
                Quarter = quarter,
                State = state,
                OpenedAt = published.AddDays(-90),
                OpenedBy = "test",
                ScoringStartedAt = state >= PeriodState.Scoring ? published.AddDays(-5) : null,
                PublishedAt = state >= PeriodState.Published ? published : null,
                AppealsCloseAt = state >= PeriodState.Published ? published.AddDays(8) : null,
                FinalizedAt = state == PeriodState.Final ? published.AddDays(9) : null,
                // The version the build ships: the report reads names and grade scales from the versions a period pinned.
                Packs = [new PinnedPack { PackId = "community", Version = "1.0.0" }],
            };
            db.Periods.Add(period);
            await db.SaveChangesAsync();
            var branches = await db.Organizations.Where(o => o.Kind == OrganizationKind.Branch).ToDictionaryAsync(o => o.Code);
            foreach (var (code, category, scores, grade, rank, percentile) in results)
            {
                db.BranchResults.Add(new BranchResult
                {
                    PeriodId = period.Id,
                    BranchId = branches[code].Id,
                    CategoryCode = category,
                    Total = scores.Sum(),
                    MaxPoints = 40,
                    Grade = grade,
                    GradeExplanation = "测试数据",
                    Rank = rank,
                    Percentile = percentile,
                    ComputedAt = published.AddDays(-5),
                    Indicators = Indicators.Select((c, i) => new BranchIndicatorScore
                    {
                        PeriodId = period.Id,
                        Code = c,
                        DimensionCode = "shyk",
                        Score = scores[i],
                        MaxScore = Max[i],
                        Explanation = "测试数据",
                    }).ToList(),
                });
            }

            await db.SaveChangesAsync();
            id = period.Id;
        });
        return id;
    }
}
