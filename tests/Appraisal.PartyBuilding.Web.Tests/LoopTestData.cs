using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.AssessmentEvidence;
using Appraisal.PartyBuilding.Core.Meetings;
using Appraisal.PartyBuilding.Core.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// What a branch recorded in a quarter, as counts of the 三会一课 section of the community/rural category (40 points:
/// assembly 10, committee 4 a month, group 2 a month with one group, lecture 6, theme day 2 a month).
/// </summary>
internal sealed record QuarterPlan(bool Assembly = true, int CommitteeMonths = 3, int GroupMonths = 3, bool Lecture = true, int ThemeDayMonths = 3)
{
    public static readonly QuarterPlan Full = new();

    public decimal Points => (Assembly ? 10 : 0) + CommitteeMonths * 4 + GroupMonths * 2 + (Lecture ? 6 : 0) + ThemeDayMonths * 2;
}

internal static class LoopTestData
{
    public const string Group = "一组";

    /// <summary>Adds a community/rural branch with 10 members, a committee of 3 and one group.</summary>
    public static Task AddBranchAsync(this AppFactory app, string code, string name, string parent) =>
        app.AddOrganizationAsync(code, name, parent, OrganizationKind.Branch, "community/rural", 10, 3, Group);

    /// <summary>Stores valid records of the quarter as the plan says (the first N months of the quarter).</summary>
    public static Task RecordAsync(this AppFactory app, string branchCode, AssessmentQuarter quarter, QuarterPlan plan) =>
        app.WithDbAsync(async db =>
        {
            var branch = await db.Organizations.SingleAsync(o => o.Code == branchCode);
            var months = quarter.Months;
            void Add(MeetingType type, int month, int day, int expected, int present, string? group = null) =>
                db.MeetingRecords.Add(new MeetingRecord
                {
                    BranchId = branch.Id,
                    Type = type,
                    Date = new DateOnly(quarter.Year, month, day),
                    Expected = expected,
                    Present = present,
                    Topic = "学习贯彻党的二十届三中全会精神",
                    GroupName = group,
                    Status = RecordStatus.Approved,
                    CreatedAt = DateTimeOffset.UnixEpoch,
                });

            if (plan.Assembly)
            {
                Add(MeetingType.Assembly, months[1], 15, 10, 8);
            }

            if (plan.Lecture)
            {
                Add(MeetingType.Lecture, months[2], 10, 10, 9);
            }

            for (var i = 0; i < plan.CommitteeMonths; i++)
            {
                Add(MeetingType.Committee, months[i], 5, 3, 3);
            }

            for (var i = 0; i < plan.GroupMonths; i++)
            {
                Add(MeetingType.Group, months[i], 12, 4, 4, Group);
            }

            for (var i = 0; i < plan.ThemeDayMonths; i++)
            {
                Add(MeetingType.ThemeDay, months[i], 1, 10, 9);
            }

            await db.SaveChangesAsync();
        });

    /// <summary>
    /// Stores evidence that earns a community/rural branch the full 60 points outside 三会一课 in a period of
    /// <paramref name="quarter"/>: KPI <c>collective-income-growth-rate</c> 10 % (12), three approved
    /// <c>urgent-need-solved</c> cases (bonus capped at 6), villagers and leaders rating <c>villager-satisfaction</c> 100
    /// (8), manual scores 产业 8, 人居环境 6, 公开 3; no deduction or veto events (assets 8, petitions 6, dues 3).
    /// The branch's total is then its 三会一课 points + 60, out of 100. Entered as an assessor would, directly in the
    /// database (the evidence API is another slice); manual scores belong to <paramref name="periodId"/>.
    /// </summary>
    public static Task RecordEvidenceAsync(this AppFactory app, string branchCode, AssessmentQuarter quarter, int periodId) =>
        app.WithDbAsync(async db =>
        {
            var branch = await db.Organizations.SingleAsync(o => o.Code == branchCode);
            const string Assessor = "loop-assessor";
            db.KpiValues.Add(new BranchKpiValue
            {
                BranchId = branch.Id, Year = quarter.Year, Quarter = quarter.Number, KpiCode = "collective-income-growth-rate", Value = 10m,
                Source = EvidenceSource.Api, EnteredBy = Assessor, EnteredAt = DateTimeOffset.UnixEpoch,
            });
            for (var i = 0; i < 3; i++)
            {
                db.EvidenceEvents.Add(new BranchEvent
                {
                    BranchId = branch.Id, Date = new DateOnly(quarter.Year, quarter.Months[i], 20), EventType = "urgent-need-solved",
                    Description = $"{quarter.Months[i]}月为村民办结急难愁盼事项", Approved = true,
                    Source = EvidenceSource.Api, EnteredBy = Assessor, EnteredAt = DateTimeOffset.UnixEpoch,
                });
            }

            foreach (var group in new[] { RaterGroup.ServiceRecipient, RaterGroup.ServiceRecipient, RaterGroup.Leader })
            {
                db.RatingAnswers.Add(new BranchRating
                {
                    BranchId = branch.Id, Year = quarter.Year, Quarter = quarter.Number, Question = "villager-satisfaction", RaterGroup = group, Score = 100m,
                    Source = EvidenceSource.Api, EnteredBy = Assessor, EnteredAt = DateTimeOffset.UnixEpoch,
                });
            }

            foreach (var (code, score) in new[] { ("revitalization.industry", 8m), ("revitalization.living-environment", 6m), ("governance.openness", 3m) })
            {
                db.ManualScores.Add(new BranchManualScore
                {
                    PeriodId = periodId, BranchId = branch.Id, IndicatorCode = code, Score = score,
                    Evidence = "实地查看", Comment = "达到要求", Assessor = Assessor, At = DateTimeOffset.UnixEpoch,
                });
            }

            await db.SaveChangesAsync();
        });

    /// <summary>Moves the app's clock to <paramref name="chinaTime"/> (e.g. <c>2026-04-01 09:00</c>, UTC+8).</summary>
    public static DateTimeOffset MoveClockTo(this AppFactory app, string chinaTime)
    {
        var target = DateTimeOffset.ParseExact(chinaTime + " +08:00", "yyyy-MM-dd HH:mm zzz", System.Globalization.CultureInfo.InvariantCulture);
        app.Clock.Advance(target - app.Clock.GetUtcNow());
        return target;
    }
}
