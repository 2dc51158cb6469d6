using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Core.Surveys;

/// <summary>
/// One invitation to answer a survey once, for one rater group. Only the SHA-256 of the token is stored: the token
/// itself is shown (link and QR code) when it is issued and never again, so a database copy cannot answer.
/// </summary>
public sealed class SurveyInvitation
{
    public long Id { get; set; }

    public int SurveyId { get; set; }

    public Survey? Survey { get; set; }

    /// <summary>Lower-case hex SHA-256 of the token.</summary>
    public required string TokenHash { get; set; }

    public RaterGroup RaterGroup { get; set; }

    public required string IssuedBy { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>When the one answer was stored; null while the token is unused.</summary>
    public DateTimeOffset? AnsweredAt { get; set; }
}
