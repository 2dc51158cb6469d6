namespace Appraisal.PartyBuilding.Core.Reports;

/// <summary>
/// One line of a period's indicator tally over all its results (what the organization-wide report's indicator table
/// counts), stored by the scoring that wrote the results and deleted by every later change of them
/// (<c>AppraisalDbContext.NoteResultsChangedAsync</c>): a period has stored lines only while they describe its results.
/// At 100,000 branches the tally groups about 3 million indicator rows; stored, the report reads about 30 lines.
/// </summary>
public sealed class StoredIndicatorTally
{
    public int PeriodId { get; set; }

    public required string Code { get; set; }

    public decimal MaxScore { get; set; }

    public int Branches { get; set; }

    public decimal ScoreSum { get; set; }

    public int FullMarks { get; set; }

    public int Zero { get; set; }

    public IndicatorTally ToTally() => new(Code, MaxScore, Branches, ScoreSum, FullMarks, Zero);

    public static StoredIndicatorTally Of(int periodId, IndicatorTally tally) => new()
    {
        PeriodId = periodId,
        Code = tally.Code,
        MaxScore = tally.MaxScore,
        Branches = tally.Branches,
        ScoreSum = tally.ScoreSum,
        FullMarks = tally.FullMarks,
        Zero = tally.Zero,
    };
}
