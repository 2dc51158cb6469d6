using System.Text;
using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Meetings;

namespace Appraisal.PartyBuilding.Core.Scoring;

/// <summary>
/// Scores a <see cref="RecordFrequencyRule"/>: the indicator's maximum × covered units / required units, rounded to
/// 2 decimals (midpoint away from zero); the maximum when the rule does not apply to the branch.
/// </summary>
public static class RecordFrequencyScorer
{
    /// <summary>Scores an indicator whose rule is a <see cref="RecordFrequencyRule"/>.</summary>
    public static IndicatorResult Score(Indicator indicator, BranchEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        if (indicator.Rule is not RecordFrequencyRule rule)
        {
            throw new ArgumentException($"指标“{indicator.Code}”不是按记录频次计分的指标。", nameof(indicator));
        }

        return Score(indicator, rule, evidence);
    }

    /// <summary>Scores one record-frequency indicator for one branch and quarter.</summary>
    public static IndicatorResult Score(Indicator indicator, RecordFrequencyRule rule, BranchEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(evidence);

        var report = MeetingCoverage.Compute(evidence, rule.MeetingType, rule.Unit);
        return new IndicatorResult(Points(indicator.MaxPoints, report), Explain(report));
    }

    /// <summary>The points a coverage report earns out of <paramref name="maxPoints"/>.</summary>
    public static decimal Points(decimal maxPoints, CoverageReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!report.IsApplicable || report.Required == 0)
        {
            return maxPoints;
        }

        return Math.Round(maxPoints * report.Covered / report.Required, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// The explanation of a coverage report, e.g. <c>支委会：7月、9月已开，8月缺；8月3日支委会不计：实到2人，未超过支委人数5人的半数</c>.
    /// </summary>
    public static string Explain(CoverageReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!report.IsApplicable)
        {
            return $"不适用：{report.NotApplicableReason}，按满分计";
        }

        var text = new StringBuilder();
        text.Append(report.MeetingType.ShortName()).Append('：');
        switch (report.Unit)
        {
            case CoverageUnit.Quarter:
                text.Append(Period("本季度", report.Cells[0]));
                break;

            case CoverageUnit.Year:
                text.Append(Period("本年度", report.Cells[0]));
                break;

            case CoverageUnit.Month:
                text.Append(Months(report.Cells, listAllWhenComplete: true));
                break;

            case CoverageUnit.GroupMonth:
                var parts = report.Cells
                    .GroupBy(c => c.Group!, StringComparer.Ordinal)
                    .Select(g => g.Key + Months(g.ToList(), listAllWhenComplete: false));
                text.Append(string.Join("；", parts));
                break;

            default:
                throw new ArgumentOutOfRangeException(nameof(report), report.Unit, null);
        }

        foreach (var check in report.Invalid)
        {
            text.Append('；').Append(check.NotCountedText);
        }

        return text.ToString();
    }

    private static string Period(string period, CoverageCell cell) =>
        cell.IsCovered
            ? $"{period}已开（{MeetingText.Join(cell.ValidDates.Distinct().Order().Select(MeetingText.Date))}）"
            : $"{period}未开";

    private static string Months(IReadOnlyList<CoverageCell> cells, bool listAllWhenComplete)
    {
        var covered = cells.Where(c => c.IsCovered).Select(c => MeetingText.Month(c.Month!.Value)).ToList();
        var missing = cells.Where(c => !c.IsCovered).Select(c => MeetingText.Month(c.Month!.Value)).ToList();
        var all = listAllWhenComplete ? MeetingText.Join(cells.Select(c => MeetingText.Month(c.Month!.Value))) : string.Empty;
        if (missing.Count == 0)
        {
            return all + "均已开";
        }

        if (covered.Count == 0)
        {
            return all + "均未开";
        }

        return $"{MeetingText.Join(covered)}已开，{MeetingText.Join(missing)}缺";
    }
}
