using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Core.Scoring;

/// <summary>The score of one indicator for one branch.</summary>
/// <param name="Code">Indicator code.</param>
/// <param name="Name">Indicator name.</param>
/// <param name="DimensionCode">The code of the dimension holding the indicator.</param>
/// <param name="Score">Points counted, 0..<paramref name="MaxPoints"/>; 0 when a veto zeroed the dimension.</param>
/// <param name="MaxPoints">The indicator's maximum.</param>
/// <param name="Explanation">What was counted and what was missing, in Chinese.</param>
/// <param name="RawScore">The points the rule gave before any veto zeroed the dimension.</param>
public sealed record IndicatorScore(
    string Code,
    string Name,
    string DimensionCode,
    decimal Score,
    decimal MaxPoints,
    string Explanation,
    decimal RawScore);

/// <summary>The total of one dimension for one branch.</summary>
/// <param name="Code">Dimension code.</param>
/// <param name="Name">Dimension name.</param>
/// <param name="Score">The sum of its indicators' scores; 0 when a veto zeroed it.</param>
/// <param name="MaxPoints">The dimension's maximum.</param>
/// <param name="Zeroed">Whether a <see cref="VetoEffect.ZeroDimension"/> veto zeroed it.</param>
public sealed record DimensionScore(string Code, string Name, decimal Score, decimal MaxPoints, bool Zeroed);

/// <summary>A veto triggered for a branch in a quarter.</summary>
/// <param name="IndicatorCode">The veto indicator.</param>
/// <param name="IndicatorName">Its name.</param>
/// <param name="DimensionCode">The dimension holding it.</param>
/// <param name="Effect">What the veto does.</param>
/// <param name="GradeCap">With <see cref="VetoEffect.CapGrade"/>: the best grade the branch can get.</param>
/// <param name="Events">The events that triggered it, by date.</param>
/// <param name="Explanation">The veto indicator's explanation, naming the events.</param>
public sealed record AppliedVeto(
    string IndicatorCode,
    string IndicatorName,
    string DimensionCode,
    VetoEffect Effect,
    string? GradeCap,
    IReadOnlyList<EvidenceEvent> Events,
    string Explanation);

/// <summary>The assessment of one branch for one quarter.</summary>
/// <param name="BranchCode">Branch code.</param>
/// <param name="BranchName">Branch name.</param>
/// <param name="CategoryCode">The category the branch was scored in.</param>
/// <param name="Quarter">The quarter assessed.</param>
/// <param name="Indicators">Every indicator of the category, in the category's order.</param>
/// <param name="Dimensions">Every dimension of the category, in the category's order.</param>
/// <param name="Total">The sum of the dimensions, 2 decimals.</param>
/// <param name="MaxPoints">The category's maximum.</param>
/// <param name="Grade">The grade after any veto cap.</param>
/// <param name="GradeBeforeVeto">The grade the total alone gives.</param>
/// <param name="GradeExplanation">How the grade was reached, in Chinese.</param>
/// <param name="Vetoes">The vetoes triggered, in the category's order.</param>
public sealed record BranchScore(
    string BranchCode,
    string BranchName,
    string CategoryCode,
    AssessmentQuarter Quarter,
    IReadOnlyList<IndicatorScore> Indicators,
    IReadOnlyList<DimensionScore> Dimensions,
    decimal Total,
    decimal MaxPoints,
    string Grade,
    string GradeBeforeVeto,
    string GradeExplanation,
    IReadOnlyList<AppliedVeto> Vetoes);

/// <summary>A branch's score with its place in its category.</summary>
/// <param name="Score">The branch's score.</param>
/// <param name="Rank">1 for the best total of the category; equal totals share a rank and the next rank skips (1, 1, 3).</param>
/// <param name="Percentile">
/// The share of the category's other branches with a strictly lower total, 0..100, 2 decimals; 100 in a category of one.
/// </param>
/// <param name="CategorySize">The number of branches ranked in the category.</param>
public sealed record RankedScore(BranchScore Score, int Rank, decimal Percentile, int CategorySize);
