using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Core.AssessmentEvidence;

/// <summary>One rater's answer (0..100) to one question of a multi-rater (360) survey about a branch for a quarter.</summary>
public sealed class BranchRating
{
    public long Id { get; set; }

    public int BranchId { get; set; }

    public Organizations.Organization? Branch { get; set; }

    public int Year { get; set; }

    public int Quarter { get; set; }

    /// <summary>The question code a <see cref="RatingRule"/> names.</summary>
    public required string Question { get; set; }

    public RaterGroup RaterGroup { get; set; }

    public decimal Score { get; set; }

    /// <summary>
    /// The survey system's reference of the rater or answer sheet, when it has one: with it a re-sent answer replaces
    /// the earlier one instead of counting twice. No personal data: an opaque id.
    /// </summary>
    public string? RaterReference { get; set; }

    public EvidenceSource Source { get; set; }

    public required string EnteredBy { get; set; }

    public DateTimeOffset EnteredAt { get; set; }

    public RatingAnswer ToFact() => new(Question, RaterGroup, Score);
}
