using System.ComponentModel.DataAnnotations;

namespace Appraisal.PartyBuilding.Web.Features.Scoring;

/// <summary>
/// The <c>Scoring</c> configuration section: how a period's scoring streams its branches, and so does the final move's
/// listing of rectification items (<see cref="Rectification.RectificationLists"/>).
/// </summary>
public sealed class ScoringOptions
{
    public const string Section = "Scoring";

    /// <summary>
    /// Branches read, scored and bulk-written together. 2,000 is about 60,000 indicator rows, a few tens of megabytes;
    /// at most three chunks are in memory at once (one written, one waiting, one computed), whatever the organization's size.
    /// </summary>
    [Range(1, 50_000)]
    public int ChunkSize { get; set; } = 2000;
}
