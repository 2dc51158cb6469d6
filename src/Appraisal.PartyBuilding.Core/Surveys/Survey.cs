using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;

namespace Appraisal.PartyBuilding.Core.Surveys;

/// <summary>
/// A satisfaction or 360 survey (一哨一评, 群众满意度) about one branch for one period: its questions are the rating
/// rules of the branch's category in the period's pinned pack version, answered without an account through
/// invitation tokens between <see cref="OpensOn"/> and <see cref="ClosesOn"/> (China dates, inclusive).
/// </summary>
public sealed class Survey
{
    public const int MaxTitleLength = 100;

    public int Id { get; set; }

    public int PeriodId { get; set; }

    public Period? Period { get; set; }

    public int BranchId { get; set; }

    public Organization? Branch { get; set; }

    public required string Title { get; set; }

    public DateOnly OpensOn { get; set; }

    public DateOnly ClosesOn { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set when an org-admin or assessor closes the survey before its last day; no answer is taken after it.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    public string? ClosedBy { get; set; }

    public List<SurveyInvitation> Invitations { get; set; } = [];
}
