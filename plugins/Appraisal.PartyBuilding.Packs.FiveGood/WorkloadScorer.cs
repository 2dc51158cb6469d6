using System.Globalization;
using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Packs.FiveGood;

/// <summary>
/// The workload factor of 业绩好: the work an office completed in the quarter divided by its own declared workload
/// (核定工作量), so that every office is measured against what it had to do rather than ranked on raw counts.
/// </summary>
/// <remarks>
/// <para>Both values are KPI values in the same standard units (标准件, e.g. cases handled, visitors served, activities
/// held, weighted by the 党委's workload standard): <see cref="OutputKpi"/>, the work completed, and
/// <see cref="WorkloadKpi"/>, the workload the 党委 declared for the office for the quarter from its duties and the
/// tasks assigned (a busy 流动人口管理办公室 may be declared 6,000, a quiet 老年协会 30).</para>
/// <para>Score = max × min(completed ÷ declared, 1): finishing its own workload gives full marks whatever its size;
/// of two offices that completed the same raw amount, the one that was declared more work completed a smaller share
/// and scores less. Work beyond the declared workload earns nothing more — 突发任务 belong in the declared workload.</para>
/// </remarks>
public sealed class WorkloadScorer : IIndicatorScorer
{
    /// <summary>The id <see cref="CodeRule.ScorerId"/> refers to.</summary>
    public const string ScorerId = "workload-normalised-output";

    /// <summary>The KPI of the work completed in the quarter, in standard units.</summary>
    public const string OutputKpi = "work-output";

    /// <summary>The KPI of the office's declared workload for the quarter, in the same units.</summary>
    public const string WorkloadKpi = "declared-workload";

    /// <inheritdoc />
    public string Id => ScorerId;

    /// <inheritdoc />
    public IndicatorResult Score(Indicator indicator, BranchEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(evidence);

        var max = Math.Max(indicator.MaxPoints, 0m);
        var (output, outputProblem) = Single(evidence, OutputKpi, "完成工作量");
        var (workload, workloadProblem) = Single(evidence, WorkloadKpi, "核定工作量");
        var problems = new[] { workloadProblem, outputProblem }.OfType<string>().ToList();
        if (problems.Count > 0)
        {
            return new IndicatorResult(0m, $"{string.Join("；", problems)}，无法按工作量折算，得0分");
        }

        if (workload <= 0)
        {
            return new IndicatorResult(0m, $"核定工作量为{N(workload!.Value)}，须大于0，无法按工作量折算，得0分");
        }

        if (output < 0)
        {
            return new IndicatorResult(0m, $"完成工作量为{N(output!.Value)}，不能为负数，得0分");
        }

        var ratio = output!.Value / workload!.Value;
        var score = Round(max * Math.Min(ratio, 1m));
        var head = $"完成工作量{N(output.Value)}，本科室核定工作量{N(workload.Value)}，完成率{N(ratio * 100m)}%";
        var tail = ratio >= 1m
            ? ratio > 1m ? "，已完成核定工作量（超出部分不加分），得满分" : "，已完成核定工作量，得满分"
            : $"，按完成率得{N(score)}分";
        return new IndicatorResult(score, $"{head}{tail}（按本科室核定工作量折算，不与其他科室比原始件数）");
    }

    private static (decimal? Value, string? Problem) Single(BranchEvidence evidence, string kpi, string name)
    {
        var values = (evidence.Kpis ?? [])
            .Where(k => k is not null && string.Equals(k.KpiCode, kpi, StringComparison.Ordinal))
            .ToList();
        return values.Count switch
        {
            0 => (null, $"未报送{name}"),
            1 => (values[0].Value, null),
            _ => (null, $"{name}报送了{values.Count}个值，每期只能有一个"),
        };
    }

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    private static string N(decimal value) => Round(value).ToString("0.##", CultureInfo.InvariantCulture);
}
