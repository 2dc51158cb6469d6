namespace Appraisal.PartyBuilding.Core.Periods;

/// <summary>Who asks to move a period.</summary>
public enum PeriodActor
{
    /// <summary>组织部: every forward move.</summary>
    OrgAdmin,

    /// <summary>The scheduler: starts scoring after the quarter and finalizes once the appeal window has passed; never publishes.</summary>
    Scheduler,
}

/// <summary>What people do during a period; each is allowed in one state only.</summary>
public enum PeriodActivity
{
    /// <summary>Submit or import the quarter's records (evidence): while open.</summary>
    SubmitRecords,

    /// <summary>Assessors enter manual indicator scores: while scoring.</summary>
    EnterManualScores,

    /// <summary>Secretaries appeal a score (反馈/申辩): while published and inside the appeal window.</summary>
    FileAppeals,

    /// <summary>Compute every branch's automatic scores (again): while open (which starts scoring) or scoring.</summary>
    ComputeScores,
}

/// <summary>
/// What a move depends on besides the period itself, read by the caller so that the lifecycle stays free of I/O.
/// </summary>
/// <param name="Now">The current instant (from the app's <see cref="TimeProvider"/>).</param>
/// <param name="ScoredBranches">How many branch results the period holds: publishing needs at least one.</param>
/// <param name="OpenAppeals">Appeals filed and not yet decided: the period is not finalized while there are any.</param>
/// <param name="CloseAppealsEarly">The org-admin finalizes before the window's end (allowed only with no open appeals).</param>
public sealed record TransitionFacts(DateTimeOffset Now, int ScoredBranches = 0, int OpenAppeals = 0, bool CloseAppealsEarly = false);

/// <summary>The answer to a move: done (the period was changed), or refused with a message for people.</summary>
public sealed record TransitionOutcome(PeriodState From, PeriodState To, string? Refusal)
{
    public bool Moved => Refusal is null;
}

/// <summary>
/// The period state machine of SPEC "The cycle": open → scoring → published (公示, the appeal window) → final.
/// Moves go forward one step at a time; an illegal move is refused with a message in Chinese and changes nothing.
/// Pure: the caller reads the facts (results, open appeals, the time) and saves the period.
/// </summary>
public sealed class PeriodLifecycle
{
    public const int DefaultAppealWindowDays = 7;

    /// <param name="appealWindowDays">
    /// Length of the appeal window in calendar days after the day of publication (China time).
    /// </param>
    public PeriodLifecycle(int appealWindowDays = DefaultAppealWindowDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(appealWindowDays, 1);
        AppealWindowDays = appealWindowDays;
    }

    public int AppealWindowDays { get; }

    /// <summary>The state after <paramref name="state"/>, or null for <see cref="PeriodState.Final"/>.</summary>
    public static PeriodState? Next(PeriodState state) => state switch
    {
        PeriodState.Open => PeriodState.Scoring,
        PeriodState.Scoring => PeriodState.Published,
        PeriodState.Published => PeriodState.Final,
        _ => null,
    };

    /// <summary>
    /// When the appeal window of a publication closes: midnight (China time) after the last of
    /// <see cref="AppealWindowDays"/> full days following the day of publication. Published on 10 October at
    /// 15:00 with 7 days, appeals are accepted until 17 October 24:00.
    /// </summary>
    public DateTimeOffset AppealsCloseAt(DateTimeOffset publishedAt) =>
        ChinaTime.StartOf(ChinaTime.DateOf(publishedAt).AddDays(AppealWindowDays + 1));

    /// <summary>Whether appeals are accepted now: published and before the window's end.</summary>
    public static bool IsAppealWindowOpen(Period period, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(period);
        return period.State == PeriodState.Published && period.AppealsCloseAt is { } close && now < close;
    }

    /// <summary>Why <paramref name="actor"/> may not move the period to <paramref name="to"/> now, or null when it may.</summary>
    public string? Check(Period period, PeriodState to, PeriodActor actor, TransitionFacts facts)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(facts);
        var quarter = period.AsQuarter;
        var from = period.State;
        if (from == PeriodState.Final)
        {
            return $"{quarter}已定稿，状态不能再变更。";
        }

        if (to == from)
        {
            return $"{quarter}的考核期已是“{from.DisplayName()}”。";
        }

        if (to < from)
        {
            return $"{quarter}的考核期已是“{from.DisplayName()}”，不能退回“{to.DisplayName()}”。";
        }

        var next = Next(from)!.Value;
        if (to != next)
        {
            return $"{quarter}的考核期当前为“{from.DisplayName()}”，须先进入“{next.DisplayName()}”，不能直接进入“{to.DisplayName()}”。";
        }

        switch (to)
        {
            case PeriodState.Published when actor != PeriodActor.OrgAdmin:
                return "公示考核结果须由组织部确认，定时任务不能发布。";

            case PeriodState.Published when facts.ScoredBranches == 0:
                return $"{quarter}还没有计分结果，不能公示：请先计分。";

            case PeriodState.Final when facts.OpenAppeals > 0:
                return $"{quarter}还有{facts.OpenAppeals}件申诉未处理，处理完毕后才能定稿。";

            case PeriodState.Final when period.AppealsCloseAt is { } close && facts.Now < close:
                if (actor == PeriodActor.OrgAdmin && facts.CloseAppealsEarly)
                {
                    return null;
                }

                return $"{quarter}的申诉期至{ChinaTime.Format(close)}截止，截止前不能定稿"
                    + (actor == PeriodActor.OrgAdmin ? "（没有待处理的申诉时，可选择提前结束申诉期）。" : "。");

            default:
                return null;
        }
    }

    /// <summary>
    /// Moves the period when <see cref="Check"/> allows it, recording the time of the move (and, on publication,
    /// the appeal window's end); otherwise leaves it unchanged.
    /// </summary>
    public TransitionOutcome Move(Period period, PeriodState to, PeriodActor actor, TransitionFacts facts)
    {
        var from = period.State;
        if (Check(period, to, actor, facts) is { } refusal)
        {
            return new TransitionOutcome(from, to, refusal);
        }

        period.State = to;
        switch (to)
        {
            case PeriodState.Scoring:
                period.ScoringStartedAt = facts.Now;
                break;

            case PeriodState.Published:
                period.PublishedAt = facts.Now;
                period.AppealsCloseAt = AppealsCloseAt(facts.Now);
                break;

            case PeriodState.Final:
                period.FinalizedAt = facts.Now;
                break;
        }

        return new TransitionOutcome(from, to, null);
    }

    /// <summary>Why <paramref name="activity"/> is not allowed in the period now, or null when it is.</summary>
    public static string? Refuses(Period period, PeriodActivity activity, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(period);
        var quarter = period.AsQuarter;
        var state = period.State;
        return activity switch
        {
            PeriodActivity.SubmitRecords when state != PeriodState.Open =>
                $"{quarter}的考核期已进入“{state.DisplayName()}”，不能再提交该季度的记录。",

            PeriodActivity.EnterManualScores when state == PeriodState.Open =>
                $"{quarter}尚未进入评分阶段，不能录入考核员评分。",

            PeriodActivity.EnterManualScores when state != PeriodState.Scoring =>
                $"{quarter}的考核期已是“{state.DisplayName()}”，评分已结束。",

            PeriodActivity.FileAppeals when state is PeriodState.Open or PeriodState.Scoring =>
                $"{quarter}的考核结果尚未公示，还不能申诉。",

            PeriodActivity.FileAppeals when !IsAppealWindowOpen(period, now) =>
                $"{quarter}的申诉期已于{(period.AppealsCloseAt is { } close ? ChinaTime.Format(close) : "此前")}结束。",

            PeriodActivity.ComputeScores when state == PeriodState.Published =>
                $"{quarter}的考核结果已公示，不再整体重新计算；如需更正，请通过申诉复核。",

            PeriodActivity.ComputeScores when state == PeriodState.Final =>
                $"{quarter}已定稿，成绩不再重新计算。",

            _ => null,
        };
    }

    /// <summary>Whether <paramref name="activity"/> is allowed in the period now.</summary>
    public static bool Allows(Period period, PeriodActivity activity, DateTimeOffset now) => Refuses(period, activity, now) is null;
}
