using System.ComponentModel.DataAnnotations;
using Appraisal.PartyBuilding.Core.Incentives;

namespace Appraisal.PartyBuilding.Web.Features.Incentives;

/// <summary>The <c>Incentives</c> configuration section: defaults of the coefficient table and the nomination rules.</summary>
public sealed class IncentiveOptions
{
    public const string Section = "Incentives";

    /// <summary>
    /// Coefficients of grades the 组织部 has not set in the table (e.g. <c>Incentives:DefaultCoefficients:五星=1.2</c>);
    /// see <see cref="IncentiveRules.DefaultCoefficients"/>. Grades not listed get 1.0.
    /// </summary>
    public Dictionary<string, decimal> DefaultCoefficients { get; set; } = new(IncentiveRules.DefaultCoefficients, StringComparer.Ordinal);

    /// <summary>四强党支部: the top share of the category (percent) a top-grade branch must rank within.</summary>
    [Range(0, 100)]
    public decimal FourStrongTopSharePercent { get; set; } = 20;

    /// <summary>党员先锋岗 candidates: the least total as a percentage of the maximum.</summary>
    [Range(0, 100)]
    public decimal VanguardMinScorePercent { get; set; } = 85;

    /// <summary>党员先锋岗 candidates: the least percentile within the category (50 = the upper half).</summary>
    [Range(0, 100)]
    public decimal VanguardMinPercentile { get; set; } = 50;

    public NominationRules Rules => new(FourStrongTopSharePercent, VanguardMinScorePercent, VanguardMinPercentile);
}
