namespace Appraisal.PartyBuilding.Core.Periods;

/// <summary>A branch's computed result for a period: total, grade, rank and percentile within its category.</summary>
public sealed class BranchResult
{
    public long Id { get; set; }

    public int PeriodId { get; set; }

    public int BranchId { get; set; }

    public Organizations.Organization? Branch { get; set; }

    public required string CategoryCode { get; set; }

    public decimal Total { get; set; }

    public decimal MaxPoints { get; set; }

    public required string Grade { get; set; }

    /// <summary>1 is best; branches with equal totals share a rank.</summary>
    public int Rank { get; set; }

    /// <summary>Share (0..100) of the category's other branches with a lower total: comparable across categories.</summary>
    public decimal Percentile { get; set; }

    /// <summary>Why the grade is what it is, including any veto (一票否决).</summary>
    public required string GradeExplanation { get; set; }

    public DateTimeOffset ComputedAt { get; set; }

    public List<BranchIndicatorScore> Indicators { get; set; } = [];
}

/// <summary>One indicator's score within a <see cref="BranchResult"/>, with the explanation a secretary reads.</summary>
public sealed class BranchIndicatorScore
{
    public long Id { get; set; }

    public long BranchResultId { get; set; }

    /// <summary>
    /// The period of its result, stored with the row: a period's indicator rows are found by this column, not by
    /// joining every period's rows to their results (the report's tally and the dashboard's 无差别考核 grew with every
    /// stored period, issue 11).
    /// </summary>
    public int PeriodId { get; set; }

    public required string Code { get; set; }

    public required string DimensionCode { get; set; }

    public decimal Score { get; set; }

    public decimal MaxScore { get; set; }

    public required string Explanation { get; set; }

    /// <summary>
    /// Whether this is a veto indicator (一票否决) whose events were found: set by scoring, read by everything that
    /// re-grades or pays by the result (appeals, incentives), never recovered from the explanation text.
    /// </summary>
    public bool VetoTriggered { get; set; }
}
