using System.Net;
using System.Net.Http.Json;
using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Meetings;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Core.Reminders;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Features.Cycle;
using Appraisal.PartyBuilding.Web.Features.Schedule;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// The scheduled jobs' logic, driven directly with the manual clock (Hangfire's cron clock is real time, so the
/// jobs compute every business date from the app's TimeProvider): quarter close, appeal window close and the
/// monthly reminder, each idempotent.
/// </summary>
public abstract class CycleJobTests(DatabaseProvider provider)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static void SetClock(AppFactory app, DateTimeOffset at) => app.Clock.Advance(at - app.Clock.GetUtcNow());

    private static Task<T> RunAsync<T>(AppFactory app, Func<IServiceProvider, Task<T>> job) => app.WithScopeAsync(job);

    private static async Task<AppFactory> WithBranchesAsync(OwnedApp owned)
    {
        var app = owned.App;
        await app.AddOrganizationAsync("CJ-DW", "周期党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync("CJ-ZB1", "周期第一党支部", "CJ-DW", OrganizationKind.Branch, "community/rural", 10, 3, "一组");
        await app.AddOrganizationAsync("CJ-ZB2", "周期第二党支部", "CJ-DW", OrganizationKind.Branch, "community/rural", 9, 3);
        await app.AddUserAsync("cj-admin", Role.OrgAdmin, Organization.RootCode);
        return app;
    }

    private static Task AddMeetingsAsync(AppFactory app, string branchCode, params (MeetingType Type, DateOnly Date, string? Group)[] meetings) =>
        app.WithDbAsync(async db =>
        {
            var branch = await db.Organizations.SingleAsync(o => o.Code == branchCode);
            foreach (var (type, date, group) in meetings)
            {
                db.MeetingRecords.Add(new MeetingRecord
                {
                    BranchId = branch.Id,
                    Type = type,
                    Date = date,
                    Expected = type == MeetingType.Committee ? 3 : 9,
                    Present = type == MeetingType.Committee ? 3 : 8,
                    Topic = "学习",
                    GroupName = group,
                    CreatedAt = DateTimeOffset.UnixEpoch,
                });
            }

            await db.SaveChangesAsync();
        });

    private static Task<Period> PeriodAsync(AppFactory app, int year, int quarter) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<AppraisalDbContext>().Periods.AsNoTracking().Include(p => p.Packs).SingleAsync(p => p.Year == year && p.Quarter == quarter));

    [Fact]
    public async Task Quarter_close_moves_an_ended_quarters_open_period_to_scoring_with_scores_once()
    {
        await using var owned = await OwnedApp.StartAsync(provider);
        var app = await WithBranchesAsync(owned);
        await AddMeetingsAsync(app, "CJ-ZB1", (MeetingType.Assembly, new DateOnly(2026, 8, 15), null));
        SetClock(app, new DateTimeOffset(2026, 9, 20, 10, 0, 0, China));
        var admin = await app.BearerClientAsync("cj-admin");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/periods", new { year = 2026, quarter = 3 })).StatusCode);

        SetClock(app, new DateTimeOffset(2026, 9, 30, 23, 59, 0, China));
        var early = await RunAsync(app, sp => sp.GetRequiredService<QuarterClose>().RunAsync(SchedulerSetup.Actor, default));
        Assert.Equal(PeriodState.Open, (await PeriodAsync(app, 2026, 3)).State);

        var fifth = new DateTimeOffset(2026, 10, 5, 2, 0, 0, China);
        SetClock(app, fifth);
        var closed = await RunAsync(app, sp => sp.GetRequiredService<QuarterClose>().RunAsync(SchedulerSetup.Actor, default));
        var again = await RunAsync(app, sp => sp.GetRequiredService<QuarterClose>().RunAsync(SchedulerSetup.Actor, default));

        // On 30 September the quarter that had ended was the second, which had no period: it was opened and scored.
        Assert.Equal("2026Q2", early.Opened);
        Assert.Equal(["2026Q2"], early.Scored);
        Assert.Null(closed.Opened);
        Assert.Equal(["2026Q3"], closed.Scored);
        Assert.Empty(closed.Refused);
        Assert.Null(again.Opened);
        Assert.Empty(again.Scored);
        var q3 = await PeriodAsync(app, 2026, 3);
        Assert.Equal(PeriodState.Scoring, q3.State);
        Assert.Equal(fifth, q3.ScoringStartedAt);
        await app.WithDbAsync(async db =>
        {
            var results = await db.BranchResults.Where(r => r.PeriodId == q3.Id).Include(r => r.Branch).ToListAsync();
            Assert.Equal(["CJ-ZB1", "CJ-ZB2"], results.Select(r => r.Branch!.Code).Order(StringComparer.Ordinal));
            // 支部党员大会 10, plus the rural deduction indicators with no events at full marks: 三资 8, 越级上访 6, 党费 3.
            Assert.Equal(10m + 8m + 6m + 3m, results.Single(r => r.Branch!.Code == "CJ-ZB1").Total);
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "periods.scoring" && a.Target == "2026Q3"));
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "periods.transition" && a.Target == "2026Q3" && a.Actor == SchedulerSetup.Actor));
        });
    }

    [Fact]
    public async Task Quarter_close_opens_a_quarter_nobody_opened_pinning_the_installed_packs()
    {
        await using var owned = await OwnedApp.StartAsync(provider);
        var app = await WithBranchesAsync(owned);
        SetClock(app, new DateTimeOffset(2027, 1, 5, 2, 0, 0, China));

        var summary = await RunAsync(app, sp => sp.GetRequiredService<QuarterClose>().RunAsync(SchedulerSetup.Actor, default));

        Assert.Equal("2026Q4", summary.Opened);
        var q4 = await PeriodAsync(app, 2026, 4);
        Assert.Equal(PeriodState.Scoring, q4.State);
        Assert.Equal(SchedulerSetup.Actor, q4.OpenedBy);
        Assert.Equal(["community", "five-good", "one-plus-n"], q4.Packs.Select(p => p.PackId).Order(StringComparer.Ordinal));
        await app.WithDbAsync(async db =>
            Assert.Contains("由定时任务开启", (await db.AuditEntries.SingleAsync(a => a.Action == "periods.open" && a.Target == "2026Q4")).Detail));
    }

    [Fact]
    public async Task Appeal_window_close_finalizes_after_the_window_only_and_pending_appeals_hold_the_period()
    {
        await using var owned = await OwnedApp.StartAsync(provider);
        var app = await WithBranchesAsync(owned);
        var admin = await app.BearerClientAsync("cj-admin");
        SetClock(app, new DateTimeOffset(2026, 10, 10, 15, 0, 0, China));
        var held = (await (await admin.PostAsJsonAsync("/api/v1/periods", new { year = 2026, quarter = 2 })).JsonAsync()).GetProperty("id").GetInt32();
        var id = (await (await admin.PostAsJsonAsync("/api/v1/periods", new { year = 2026, quarter = 3 })).JsonAsync()).GetProperty("id").GetInt32();
        foreach (var period in new[] { held, id })
        {
            Assert.True((await admin.PostAsJsonAsync($"/api/v1/periods/{period}/transitions", new { to = "scoring" })).IsSuccessStatusCode);
            Assert.True((await admin.PostAsJsonAsync($"/api/v1/periods/{period}/transitions", new { to = "published", confirmMissingManualScores = true })).IsSuccessStatusCode);
        }

        SetClock(app, new DateTimeOffset(2026, 10, 17, 23, 59, 0, China));
        var during = await RunAsync(app, sp => sp.GetRequiredService<AppealWindowClose>().RunAsync(SchedulerSetup.Actor, default));
        SetClock(app, new DateTimeOffset(2026, 10, 18, 0, 5, 0, China));
        var pending = await RunAsync(app, sp => WithPendingAppeals(sp, _ => 2).RunAsync(SchedulerSetup.Actor, default));
        var oneDecided = await RunAsync(app, sp => WithPendingAppeals(sp, period => period == held ? 0 : 1).RunAsync(SchedulerSetup.Actor, default));
        var again = await RunAsync(app, sp => sp.GetRequiredService<AppealWindowClose>().RunAsync(SchedulerSetup.Actor, default));
        var idle = await RunAsync(app, sp => sp.GetRequiredService<AppealWindowClose>().RunAsync(SchedulerSetup.Actor, default));

        Assert.Empty(during.Finalized);
        Assert.Empty(during.Held);
        Assert.Empty(pending.Finalized);
        Assert.Equal(["2026Q2：2026年第2季度还有2件申诉未处理，处理完毕后才能定稿。", "2026Q3：2026年第3季度还有2件申诉未处理，处理完毕后才能定稿。"], pending.Held);
        Assert.Equal(["2026Q2"], oneDecided.Finalized);
        Assert.Equal(["2026Q3：2026年第3季度还有1件申诉未处理，处理完毕后才能定稿。"], oneDecided.Held);
        Assert.Equal(["2026Q3"], again.Finalized);
        Assert.Empty(idle.Finalized);
        Assert.Empty(idle.Held);
        Assert.Equal(PeriodState.Final, (await PeriodAsync(app, 2026, 3)).State);
        Assert.Equal(new DateTimeOffset(2026, 10, 18, 0, 5, 0, China), (await PeriodAsync(app, 2026, 3)).FinalizedAt);
        await app.WithDbAsync(async db =>
            Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "periods.transition" && a.Actor == SchedulerSetup.Actor && a.Detail == "公示中 → 已定稿")));
    }

    [Fact]
    public async Task The_monthly_reminder_names_what_each_branch_lacks_shows_it_to_the_secretary_and_a_rerun_follows_the_records()
    {
        await using var owned = await OwnedApp.StartAsync(provider);
        var app = await WithBranchesAsync(owned);
        await app.AddUserAsync("cj-secretary", Role.Secretary, "CJ-ZB1");
        await AddMeetingsAsync(app, "CJ-ZB1", (MeetingType.ThemeDay, new DateOnly(2026, 11, 1), null), (MeetingType.Committee, new DateOnly(2026, 10, 9), null));
        await AddMeetingsAsync(app, "CJ-ZB2", (MeetingType.ThemeDay, new DateOnly(2026, 11, 1), null), (MeetingType.Committee, new DateOnly(2026, 11, 3), null));
        SetClock(app, new DateTimeOffset(2026, 11, 20, 9, 0, 0, China));

        var first = await RunAsync(app, sp => sp.GetRequiredService<MeetingReminders>().RunAsync(SchedulerSetup.Actor, default));
        var rerun = await RunAsync(app, sp => sp.GetRequiredService<MeetingReminders>().RunAsync(SchedulerSetup.Actor, default));

        Assert.Equal(new ReminderSummary("2026-11", 1, 0), first);
        Assert.Equal(new ReminderSummary("2026-11", 1, 0), rerun);
        var reminder = await app.WithScopeAsync(sp => sp.GetRequiredService<AppraisalDbContext>().Reminders.Include(r => r.Organization).SingleAsync());
        Assert.Equal("CJ-ZB1", reminder.Organization!.Code);
        Assert.Equal(Reminder.MonthlyMeetings, reminder.Kind);
        Assert.Equal("截至11月20日，本月尚缺：支部委员会、党小组会（一组）。请及时召开并录入记录。", reminder.Message);

        var secretary = await app.SignedInClientAsync("cj-secretary");
        var home = await secretary.GetStringAsync("/");
        Assert.Contains("data-testid=\"reminders\"", home);
        Assert.Contains("截至11月20日，本月尚缺：支部委员会、党小组会（一组）。", home);

        await AddMeetingsAsync(app, "CJ-ZB1", (MeetingType.Committee, new DateOnly(2026, 11, 21), null));
        SetClock(app, new DateTimeOffset(2026, 11, 25, 9, 0, 0, China));
        await RunAsync(app, sp => sp.GetRequiredService<MeetingReminders>().RunAsync(SchedulerSetup.Actor, default));
        Assert.Equal("截至11月25日，本月尚缺：党小组会（一组）。请及时召开并录入记录。", (await app.WithScopeAsync(sp => sp.GetRequiredService<AppraisalDbContext>().Reminders.SingleAsync())).Message);

        await AddMeetingsAsync(app, "CJ-ZB1", (MeetingType.Group, new DateOnly(2026, 11, 26), "一组"));
        var caughtUp = await RunAsync(app, sp => sp.GetRequiredService<MeetingReminders>().RunAsync(SchedulerSetup.Actor, default));

        Assert.Equal(new ReminderSummary("2026-11", 0, 1), caughtUp);
        Assert.Equal(0, await app.WithScopeAsync(sp => sp.GetRequiredService<AppraisalDbContext>().Reminders.CountAsync()));
        // Signed in again: the sign-in cookie expired while the clock moved on.
        Assert.DoesNotContain("data-testid=\"reminders\"", await (await app.SignedInClientAsync("cj-secretary")).GetStringAsync("/"));
        Assert.Equal(4, await app.CountAuditAsync("reminders.meetings"));
    }

    /// <summary>The appeal window job with given numbers of pending appeals (appeals are not built yet; this is their seam).</summary>
    private static AppealWindowClose WithPendingAppeals(IServiceProvider services, Func<int, int> pendingOfPeriod)
    {
        var transitions = ActivatorUtilities.CreateInstance<PeriodTransitions>(services, new FixedPendingAppeals(pendingOfPeriod));
        return ActivatorUtilities.CreateInstance<AppealWindowClose>(services, transitions, NullLogger<AppealWindowClose>.Instance);
    }

    private sealed class FixedPendingAppeals(Func<int, int> pendingOfPeriod) : IPendingAppeals
    {
        public Task<int> CountAsync(int periodId, CancellationToken cancellationToken) => Task.FromResult(pendingOfPeriod(periodId));
    }
}

public sealed class SqliteCycleJobTests() : CycleJobTests(DatabaseProvider.Sqlite);

public sealed class PostgresCycleJobTests() : CycleJobTests(DatabaseProvider.PostgreSql);
