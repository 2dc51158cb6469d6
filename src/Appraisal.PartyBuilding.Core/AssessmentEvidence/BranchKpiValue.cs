using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Core.AssessmentEvidence;

/// <summary>
/// A KPI value of a branch for a quarter (e.g. the grid-event handling rate), imported or pushed by another system.
/// At most one per branch, quarter and KPI code: a later value with another number replaces it.
/// </summary>
public sealed class BranchKpiValue
{
    public long Id { get; set; }

    public int BranchId { get; set; }

    public Organizations.Organization? Branch { get; set; }

    public int Year { get; set; }

    public int Quarter { get; set; }

    /// <summary>The code a <see cref="KpiTargetRule"/> of the branch's category names.</summary>
    public required string KpiCode { get; set; }

    public decimal Value { get; set; }

    public EvidenceSource Source { get; set; }

    public required string EnteredBy { get; set; }

    public DateTimeOffset EnteredAt { get; set; }

    /// <summary>With <see cref="EvidenceSource.Capture"/>: the source the value was pulled from (<see cref="EnteredAt"/> is the pull's time).</summary>
    public int? CaptureSourceId { get; set; }

    public KpiValue ToFact() => new(KpiCode, Value);
}
