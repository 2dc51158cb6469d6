using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Core.Periods;

/// <summary>
/// An assessment period: one quarter of the whole organization. It pins the pack versions it was opened with, so an
/// upgrade installed later never changes how this period is scored.
/// </summary>
public sealed class Period
{
    public int Id { get; set; }

    public int Year { get; set; }

    public int Quarter { get; set; }

    public PeriodState State { get; set; } = PeriodState.Open;

    public DateTimeOffset OpenedAt { get; set; }

    public required string OpenedBy { get; set; }

    /// <summary>When the period entered <see cref="PeriodState.Scoring"/>.</summary>
    public DateTimeOffset? ScoringStartedAt { get; set; }

    /// <summary>When the results were published (公示).</summary>
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>When the appeal window of the publication closes (exclusive): see <see cref="PeriodLifecycle.AppealsCloseAt"/>.</summary>
    public DateTimeOffset? AppealsCloseAt { get; set; }

    /// <summary>When the period became <see cref="PeriodState.Final"/>.</summary>
    public DateTimeOffset? FinalizedAt { get; set; }

    public List<PinnedPack> Packs { get; set; } = [];

    /// <summary>
    /// Counts every change of the period's stored results (a whole or category scoring, the ranking step of a split scoring, an appeal's re-score),
    /// raised in the database by the transaction that changes them (<c>AppraisalDbContext.NoteResultsChangedAsync</c>).
    /// What is derived from the results and kept in memory, such as the category sizes, is keyed by it, so every node sees
    /// a change with the period it reads anyway.
    /// </summary>
    public int ResultsVersion { get; set; }

    public AssessmentQuarter AsQuarter => new(Year, Quarter);

    public const int FirstYear = 2000;
    public const int LastYear = 2100;
}

/// <summary>A pack version a period was opened with.</summary>
public sealed class PinnedPack
{
    public int Id { get; set; }

    public int PeriodId { get; set; }

    public required string PackId { get; set; }

    public required string Version { get; set; }
}

/// <summary>open → scoring → published → final (SPEC, "The cycle").</summary>
public enum PeriodState
{
    Open = 1,
    Scoring = 2,
    Published = 3,
    Final = 4,
}

public static class PeriodStates
{
    public static string DisplayName(this PeriodState state) => state switch
    {
        PeriodState.Open => "收集中",
        PeriodState.Scoring => "评分中",
        PeriodState.Published => "公示中",
        PeriodState.Final => "已定稿",
        _ => state.ToString(),
    };
}
