using System.ComponentModel.DataAnnotations;

namespace Appraisal.PartyBuilding.Web.Features.Cycle;

/// <summary>The <c>Cycle</c> configuration section: rules of the quarterly assessment cycle.</summary>
public sealed class CycleOptions
{
    public const string Section = "Cycle";

    /// <summary>
    /// Length of the appeal window (公示期) in calendar days after the day of publication; it closes at midnight
    /// China time after the last day.
    /// </summary>
    [Range(1, 60)]
    public int AppealWindowDays { get; set; } = Core.Periods.PeriodLifecycle.DefaultAppealWindowDays;
}
