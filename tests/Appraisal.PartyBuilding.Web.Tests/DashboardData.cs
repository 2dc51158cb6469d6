using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Appeals;
using Appraisal.PartyBuilding.Core.Meetings;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Rectification;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// The report's small organization (<see cref="ReportData"/>: 2026 Q2 final, Q3 published) plus what the dashboards
/// read besides results: 2026 Q3 支部委员会 records of the rural branches that beat R5 (one returned, one of an urban
/// branch: neither counts), three rectification items and an open appeal of R5. The test clock stands on 2026-11-21.
/// </summary>
internal static class DashboardData
{
    public const string SharedTopic = "学习党的二十届四中全会精神";
    public const string SecondTopic = "研究村集体经济增收项目";
    public const string LoneTopic = "讨论发展党员";

    /// <summary>Committee records in Q3: branch → (month, topic, status).</summary>
    private static readonly (string Branch, int Month, string Topic, RecordStatus Status)[] Committee =
    [
        ("R1", 7, SharedTopic, RecordStatus.Approved),
        ("R1", 8, SharedTopic, RecordStatus.Approved),
        ("R1", 9, SecondTopic, RecordStatus.Submitted),
        ("R2", 7, SharedTopic, RecordStatus.Approved),
        ("R2", 9, SecondTopic, RecordStatus.Approved),
        ("R6", 7, SharedTopic, RecordStatus.Approved),
        ("R6", 8, "研究秋粮收购", RecordStatus.Approved),
        ("R6", 9, "研究冬季防火", RecordStatus.Approved),
        ("R4", 8, LoneTopic, RecordStatus.Approved),
        ("R3", 8, "退回的记录", RecordStatus.Returned),
        ("U1", 8, SharedTopic, RecordStatus.Approved),
    ];

    public static async Task<(int Q2, int Q3)> SeedAsync(AppFactory app)
    {
        var periods = await ReportData.SeedAsync(app);
        await app.WithDbAsync(async db =>
        {
            var branches = await db.Organizations.Where(o => o.Kind == OrganizationKind.Branch).ToDictionaryAsync(o => o.Code);
            foreach (var (branch, month, topic, status) in Committee)
            {
                db.MeetingRecords.Add(new MeetingRecord
                {
                    BranchId = branches[branch].Id,
                    Type = MeetingType.Committee,
                    Date = new DateOnly(2026, month, 10),
                    Expected = 3,
                    Present = 3,
                    Topic = topic,
                    Status = status,
                    CreatedAt = DateTimeOffset.UnixEpoch,
                });
            }

            db.RectificationItems.AddRange(
                Item(periods.Q2, branches["R5"].Id, RectificationState.Open, new DateOnly(2026, 11, 1)),
                Item(periods.Q2, branches["R3"].Id, RectificationState.Submitted, new DateOnly(2026, 12, 1)),
                Item(periods.Q2, branches["U2"].Id, RectificationState.SignedOff, new DateOnly(2026, 10, 1)));
            db.Appeals.Add(new Appeal
            {
                PeriodId = periods.Q3,
                BranchId = branches["R5"].Id,
                IndicatorCode = "shyk.committee",
                Reason = "九月的支委会已召开",
                Evidence = "会议记录",
                FiledBy = "test",
                FiledAt = new DateTimeOffset(2026, 10, 12, 2, 0, 0, TimeSpan.Zero),
                OriginalScore = 0,
                MaxScore = 12,
                OriginalExplanation = "测试数据",
                OriginalScorer = "system",
            });
            await db.SaveChangesAsync();
        });
        return periods;
    }

    private static RectificationItem Item(int periodId, int branchId, RectificationState state, DateOnly deadline) => new()
    {
        PeriodId = periodId,
        BranchId = branchId,
        IndicatorCode = "shyk.committee",
        IndicatorName = "支部委员会",
        Score = 4,
        MaxScore = 12,
        PassScore = 7.2m,
        Reasons = "测试数据",
        Deadline = deadline,
        State = state,
        CreatedAt = new DateTimeOffset(2026, 7, 10, 2, 0, 0, TimeSpan.Zero),
    };
}
