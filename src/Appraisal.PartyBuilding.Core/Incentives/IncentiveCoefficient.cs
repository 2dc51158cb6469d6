namespace Appraisal.PartyBuilding.Core.Incentives;

/// <summary>
/// One row of the incentive table (激励系数表): the performance-pay coefficient of a grade, as the 组织部 set it.
/// Grades without a row use the configured default (<see cref="IncentiveRules.DefaultCoefficients"/>).
/// </summary>
public sealed class IncentiveCoefficient
{
    public int Id { get; set; }

    /// <summary>A grade name of an installed grade scale, e.g. 五星.</summary>
    public required string Grade { get; set; }

    public decimal Coefficient { get; set; }

    public required string UpdatedBy { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
