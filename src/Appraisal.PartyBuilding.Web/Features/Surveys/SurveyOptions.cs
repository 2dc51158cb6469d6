using System.ComponentModel.DataAnnotations;

namespace Appraisal.PartyBuilding.Web.Features.Surveys;

/// <summary>The <c>Surveys</c> configuration section.</summary>
public sealed class SurveyOptions
{
    public const string Section = "Surveys";

    /// <summary>Answers per rater group below which the results flag the sample as too thin to rely on (样本不足).</summary>
    [Range(1, 10_000)]
    public int MinResponses { get; set; } = 5;

    /// <summary>Requests to the answer pages per client address and minute; more get 429. Generous: a meeting room of raters may share one address.</summary>
    [Range(1, 100_000)]
    public int AnswerRequestsPerMinute { get; set; } = 120;

    /// <summary>Invitations one request may issue (the printable sheet stays printable).</summary>
    [Range(1, 10_000)]
    public int MaxInvitationsPerIssue { get; set; } = 200;
}
