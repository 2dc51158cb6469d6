using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Core.AssessmentEvidence;

/// <summary>
/// An assessor's current score of a manual indicator of a branch for a period, with the evidence looked at and the
/// comment shown to the branch. One per period, branch and indicator; every change is in the audit log with the
/// value it replaced.
/// </summary>
public sealed class BranchManualScore
{
    public long Id { get; set; }

    public int PeriodId { get; set; }

    public int BranchId { get; set; }

    public Organizations.Organization? Branch { get; set; }

    /// <summary>The code of an indicator scored by a <see cref="ManualRule"/>.</summary>
    public required string IndicatorCode { get; set; }

    public decimal Score { get; set; }

    /// <summary>What the assessor looked at (依据), e.g. which minutes and ledgers.</summary>
    public required string Evidence { get; set; }

    /// <summary>The comment (评语) the branch reads in the explanation.</summary>
    public required string Comment { get; set; }

    public required string Assessor { get; set; }

    public DateTimeOffset At { get; set; }

    public ManualScore ToFact() => new(IndicatorCode, Score, Comment);
}
