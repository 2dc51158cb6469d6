using Appraisal.PartyBuilding.Core.Periods;

namespace Appraisal.PartyBuilding.Core.Tests;

/// <summary>SPEC "The cycle": open → scoring → published (appeal window) → final, who may move it and what each state allows.</summary>
public sealed class PeriodLifecycleTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>10 October 2026, 15:00 China time.</summary>
    private static readonly DateTimeOffset PublishedAt = new(2026, 10, 10, 15, 0, 0, China);

    private readonly PeriodLifecycle lifecycle = new();

    private static Period PeriodIn(PeriodState state) => new() { Year = 2026, Quarter = 3, State = state, OpenedBy = "admin" };

    private Period Published(DateTimeOffset at)
    {
        var period = PeriodIn(PeriodState.Scoring);
        Assert.True(lifecycle.Move(period, PeriodState.Published, PeriodActor.OrgAdmin, new TransitionFacts(at, ScoredBranches: 3)).Moved);
        return period;
    }

    [Fact]
    public void The_org_admin_walks_a_period_through_every_state_and_each_move_records_its_time()
    {
        var period = PeriodIn(PeriodState.Open);
        var scoringAt = new DateTimeOffset(2026, 10, 5, 2, 0, 0, China);
        var finalAt = new DateTimeOffset(2026, 10, 20, 9, 0, 0, China);

        Assert.True(lifecycle.Move(period, PeriodState.Scoring, PeriodActor.OrgAdmin, new TransitionFacts(scoringAt)).Moved);
        Assert.True(lifecycle.Move(period, PeriodState.Published, PeriodActor.OrgAdmin, new TransitionFacts(PublishedAt, ScoredBranches: 12)).Moved);
        Assert.True(lifecycle.Move(period, PeriodState.Final, PeriodActor.OrgAdmin, new TransitionFacts(finalAt)).Moved);

        Assert.Equal(PeriodState.Final, period.State);
        Assert.Equal(scoringAt, period.ScoringStartedAt);
        Assert.Equal(PublishedAt, period.PublishedAt);
        Assert.Equal(new DateTimeOffset(2026, 10, 18, 0, 0, 0, China), period.AppealsCloseAt);
        Assert.Equal(finalAt, period.FinalizedAt);
    }

    [Theory]
    [InlineData(7, "2026-10-10T15:00:00+08:00", "2026-10-18T00:00:00+08:00")]
    [InlineData(7, "2026-10-10T00:00:00+08:00", "2026-10-18T00:00:00+08:00")]
    [InlineData(7, "2026-10-10T23:59:59+08:00", "2026-10-18T00:00:00+08:00")]
    [InlineData(7, "2026-10-09T17:00:00+00:00", "2026-10-18T00:00:00+08:00")] // 01:00 on the 10th in Beijing
    [InlineData(1, "2026-12-31T10:00:00+08:00", "2027-01-02T00:00:00+08:00")]
    [InlineData(10, "2027-02-20T10:00:00+08:00", "2027-03-03T00:00:00+08:00")]
    public void The_window_closes_at_midnight_China_time_after_the_configured_number_of_full_days(int days, string published, string closes)
    {
        var closesAt = new PeriodLifecycle(days).AppealsCloseAt(DateTimeOffset.Parse(published, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateTimeOffset.Parse(closes, System.Globalization.CultureInfo.InvariantCulture), closesAt);
    }

    [Fact]
    public void A_window_of_less_than_a_day_is_not_a_valid_setting()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PeriodLifecycle(0));
    }

    [Theory]
    [InlineData(PeriodState.Open, PeriodState.Published, "须先进入“评分中”，不能直接进入“公示中”")]
    [InlineData(PeriodState.Open, PeriodState.Final, "须先进入“评分中”，不能直接进入“已定稿”")]
    [InlineData(PeriodState.Scoring, PeriodState.Final, "须先进入“公示中”，不能直接进入“已定稿”")]
    [InlineData(PeriodState.Scoring, PeriodState.Open, "已是“评分中”，不能退回“收集中”")]
    [InlineData(PeriodState.Published, PeriodState.Scoring, "已是“公示中”，不能退回“评分中”")]
    [InlineData(PeriodState.Scoring, PeriodState.Scoring, "已是“评分中”")]
    [InlineData(PeriodState.Final, PeriodState.Published, "2026年第3季度已定稿，状态不能再变更")]
    [InlineData(PeriodState.Final, PeriodState.Final, "已定稿，状态不能再变更")]
    public void Skipping_going_back_or_staying_is_refused_in_Chinese_and_changes_nothing(PeriodState from, PeriodState to, string message)
    {
        var period = PeriodIn(from);

        var outcome = lifecycle.Move(period, to, PeriodActor.OrgAdmin, new TransitionFacts(PublishedAt, ScoredBranches: 5));

        Assert.False(outcome.Moved);
        Assert.Contains(message, outcome.Refusal);
        Assert.Equal(from, period.State);
        Assert.Null(period.PublishedAt);
        Assert.Null(period.FinalizedAt);
    }

    [Fact]
    public void Publishing_needs_scores()
    {
        var period = PeriodIn(PeriodState.Scoring);

        var outcome = lifecycle.Move(period, PeriodState.Published, PeriodActor.OrgAdmin, new TransitionFacts(PublishedAt, ScoredBranches: 0));

        Assert.Equal("2026年第3季度还没有计分结果，不能公示：请先计分。", outcome.Refusal);
        Assert.Equal(PeriodState.Scoring, period.State);
    }

    [Fact]
    public void The_scheduler_starts_scoring_but_never_publishes()
    {
        var open = PeriodIn(PeriodState.Open);
        var scoring = PeriodIn(PeriodState.Scoring);

        Assert.True(lifecycle.Move(open, PeriodState.Scoring, PeriodActor.Scheduler, new TransitionFacts(PublishedAt)).Moved);
        var refused = lifecycle.Move(scoring, PeriodState.Published, PeriodActor.Scheduler, new TransitionFacts(PublishedAt, ScoredBranches: 9));

        Assert.Equal("公示考核结果须由组织部确认，定时任务不能发布。", refused.Refusal);
        Assert.Equal(PeriodState.Scoring, scoring.State);
    }

    [Fact]
    public void Final_waits_for_the_window_to_close_then_the_scheduler_may_finalize()
    {
        var period = Published(PublishedAt);
        var lastMinute = new DateTimeOffset(2026, 10, 17, 23, 59, 0, China);
        var closed = new DateTimeOffset(2026, 10, 18, 0, 0, 0, China);

        var early = lifecycle.Move(period, PeriodState.Final, PeriodActor.Scheduler, new TransitionFacts(lastMinute));
        Assert.Equal("2026年第3季度的申诉期至2026-10-18 00:00截止，截止前不能定稿。", early.Refusal);
        Assert.Equal(PeriodState.Published, period.State);

        Assert.True(lifecycle.Move(period, PeriodState.Final, PeriodActor.Scheduler, new TransitionFacts(closed)).Moved);
        Assert.Equal(closed, period.FinalizedAt);
    }

    [Fact]
    public void The_org_admin_may_close_the_window_early_only_when_asked_explicitly_and_no_appeal_is_open()
    {
        var during = PublishedAt.AddDays(2);
        var implicitly = Published(PublishedAt);
        var withAppeals = Published(PublishedAt);
        var explicitly = Published(PublishedAt);
        var byScheduler = Published(PublishedAt);

        var notAsked = lifecycle.Move(implicitly, PeriodState.Final, PeriodActor.OrgAdmin, new TransitionFacts(during));
        var pending = lifecycle.Move(withAppeals, PeriodState.Final, PeriodActor.OrgAdmin, new TransitionFacts(during, OpenAppeals: 2, CloseAppealsEarly: true));
        var scheduler = lifecycle.Move(byScheduler, PeriodState.Final, PeriodActor.Scheduler, new TransitionFacts(during, CloseAppealsEarly: true));
        var asked = lifecycle.Move(explicitly, PeriodState.Final, PeriodActor.OrgAdmin, new TransitionFacts(during, CloseAppealsEarly: true));

        Assert.Contains("截止前不能定稿（没有待处理的申诉时，可选择提前结束申诉期）", notAsked.Refusal);
        Assert.Equal("2026年第3季度还有2件申诉未处理，处理完毕后才能定稿。", pending.Refusal);
        Assert.Contains("截止前不能定稿", scheduler.Refusal);
        Assert.True(asked.Moved);
        Assert.Equal(PeriodState.Final, explicitly.State);
        Assert.Equal(PeriodState.Published, byScheduler.State);
    }

    [Fact]
    public void Open_appeals_hold_the_period_even_after_the_window_closed()
    {
        var period = Published(PublishedAt);
        var afterWindow = PublishedAt.AddDays(30);

        var held = lifecycle.Move(period, PeriodState.Final, PeriodActor.Scheduler, new TransitionFacts(afterWindow, OpenAppeals: 1));

        Assert.Equal("2026年第3季度还有1件申诉未处理，处理完毕后才能定稿。", held.Refusal);
        Assert.True(lifecycle.Move(period, PeriodState.Final, PeriodActor.Scheduler, new TransitionFacts(afterWindow, OpenAppeals: 0)).Moved);
    }

    [Theory]
    [InlineData(PeriodState.Open, true, false, false, true)]
    [InlineData(PeriodState.Scoring, false, true, false, true)]
    [InlineData(PeriodState.Published, false, false, true, false)]
    [InlineData(PeriodState.Final, false, false, false, false)]
    public void Each_state_allows_its_own_activities(PeriodState state, bool records, bool manualScores, bool appeals, bool computeScores)
    {
        var period = PeriodIn(state);
        period.AppealsCloseAt = state >= PeriodState.Published ? lifecycle.AppealsCloseAt(PublishedAt) : null;
        var now = PublishedAt.AddDays(1);

        Assert.Equal(records, PeriodLifecycle.Allows(period, PeriodActivity.SubmitRecords, now));
        Assert.Equal(manualScores, PeriodLifecycle.Allows(period, PeriodActivity.EnterManualScores, now));
        Assert.Equal(appeals, PeriodLifecycle.Allows(period, PeriodActivity.FileAppeals, now));
        Assert.Equal(computeScores, PeriodLifecycle.Allows(period, PeriodActivity.ComputeScores, now));
    }

    [Fact]
    public void Appeals_are_accepted_until_the_window_closes_and_the_refusals_say_why()
    {
        var period = Published(PublishedAt);
        var close = period.AppealsCloseAt!.Value;

        Assert.True(PeriodLifecycle.IsAppealWindowOpen(period, close.AddTicks(-1)));
        Assert.False(PeriodLifecycle.IsAppealWindowOpen(period, close));
        Assert.Equal("2026年第3季度的申诉期已于2026-10-18 00:00结束。", PeriodLifecycle.Refuses(period, PeriodActivity.FileAppeals, close));
        Assert.Equal("2026年第3季度的考核结果尚未公示，还不能申诉。", PeriodLifecycle.Refuses(PeriodIn(PeriodState.Scoring), PeriodActivity.FileAppeals, close));
        Assert.Equal("2026年第3季度的考核期已进入“公示中”，不能再提交该季度的记录。", PeriodLifecycle.Refuses(period, PeriodActivity.SubmitRecords, close));
        Assert.Equal("2026年第3季度尚未进入评分阶段，不能录入考核员评分。", PeriodLifecycle.Refuses(PeriodIn(PeriodState.Open), PeriodActivity.EnterManualScores, close));
        Assert.Equal("2026年第3季度已定稿，成绩不再重新计算。", PeriodLifecycle.Refuses(PeriodIn(PeriodState.Final), PeriodActivity.ComputeScores, close));
        Assert.Contains("已公示，不再整体重新计算", PeriodLifecycle.Refuses(period, PeriodActivity.ComputeScores, close));
    }

    [Theory]
    [InlineData(PeriodState.Open, PeriodState.Scoring)]
    [InlineData(PeriodState.Scoring, PeriodState.Published)]
    [InlineData(PeriodState.Published, PeriodState.Final)]
    [InlineData(PeriodState.Final, null)]
    public void Next_is_the_one_step_forward(PeriodState state, PeriodState? next)
    {
        Assert.Equal(next, PeriodLifecycle.Next(state));
    }
}
