namespace Appraisal.PartyBuilding.Contracts;

/// <summary>
/// The entry point of an indicator pack. A pack assembly holds exactly one public, non-abstract class
/// implementing this interface, with a public parameterless constructor. The host creates it once at start-up.
/// </summary>
public interface IIndicatorPack
{
    /// <summary>What the pack defines: its identity, categories and indicator trees.</summary>
    PackManifest Manifest { get; }

    /// <summary>
    /// Scorers written in code, referenced from indicators by <see cref="CodeRule.ScorerId"/>.
    /// Most packs need none: the rule kinds of <see cref="IndicatorRule"/> are evaluated by the host.
    /// </summary>
    IReadOnlyList<IIndicatorScorer> Scorers => [];
}

/// <summary>An indicator scorer written in code by a pack author.</summary>
public interface IIndicatorScorer
{
    /// <summary>The identifier that <see cref="CodeRule.ScorerId"/> refers to; unique within the pack.</summary>
    string Id { get; }

    /// <summary>
    /// Scores one indicator for one branch. Must be deterministic: the same evidence gives the same result.
    /// The host clamps the score to <c>0..indicator.MaxPoints</c>.
    /// </summary>
    /// <param name="indicator">The indicator being scored.</param>
    /// <param name="evidence">Everything the host knows about the branch for the period.</param>
    IndicatorResult Score(Indicator indicator, BranchEvidence evidence);
}

/// <summary>The score of one indicator with the reason, in Chinese, a branch secretary can act on.</summary>
/// <param name="Score">Points awarded, between 0 and the indicator's maximum.</param>
/// <param name="Explanation">What was counted and what was missing, e.g. "支委会：7月、9月已开，8月缺".</param>
public sealed record IndicatorResult(decimal Score, string Explanation);
