using System.ComponentModel.DataAnnotations;
using Appraisal.PartyBuilding.Core.Health;

namespace Appraisal.PartyBuilding.Web.Features.Warnings;

/// <summary>The <c>HealthWarnings</c> configuration section: where the health early warning turns yellow and red.</summary>
public sealed class HealthWarningOptions
{
    public const string Section = "HealthWarnings";

    [Range(1, 3)]
    public int MissedMonthsRed { get; set; } = 2;

    [Range(0, 100)]
    public decimal FallYellowPoints { get; set; } = 5;

    [Range(0, 100)]
    public decimal FallRedPoints { get; set; } = 15;

    [Range(1, 100)]
    public int OverdueRed { get; set; } = 2;

    [Range(0, 100)]
    public decimal SatisfactionYellowPercent { get; set; } = 70;

    [Range(0, 100)]
    public decimal SatisfactionRedPercent { get; set; } = 50;

    [Range(1, 4)]
    public int YellowReasonsForRed { get; set; } = 3;

    public HealthThresholds Thresholds => new(MissedMonthsRed, FallYellowPoints, FallRedPoints, OverdueRed, SatisfactionYellowPercent, SatisfactionRedPercent, YellowReasonsForRed);
}
