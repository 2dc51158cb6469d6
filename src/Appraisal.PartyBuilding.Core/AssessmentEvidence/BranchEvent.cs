using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Core.AssessmentEvidence;

/// <summary>
/// A dated event of a branch: a deduction event (late 党费, a complaint), a bonus case (急难愁盼 solved) or a veto
/// event (a serious discipline case). What it counts for is decided by the rule of the branch's pack that names its
/// type; the event itself only says what happened and when.
/// </summary>
public sealed class BranchEvent
{
    public long Id { get; set; }

    public int BranchId { get; set; }

    public Organizations.Organization? Branch { get; set; }

    /// <summary>The calendar date it happened, China time.</summary>
    public DateOnly Date { get; set; }

    /// <summary>The type a deduction, bonus or veto rule names, e.g. <c>late-dues</c>.</summary>
    public required string EventType { get; set; }

    /// <summary>What happened, shown in the explanation; null when not given.</summary>
    public string? Description { get; set; }

    /// <summary>
    /// Only approved events are given to the scorers. Events entered by the 组织部 or an assessor (API or import) are
    /// approved as they are entered; a case reported by a branch itself would wait for approval.
    /// </summary>
    public bool Approved { get; set; }

    public EvidenceSource Source { get; set; }

    public required string EnteredBy { get; set; }

    public DateTimeOffset EnteredAt { get; set; }

    public EvidenceEvent ToFact() => new(EventType, Date, Description);
}
