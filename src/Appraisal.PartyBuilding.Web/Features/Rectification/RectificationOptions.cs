using System.ComponentModel.DataAnnotations;
using Appraisal.PartyBuilding.Core.Rectification;

namespace Appraisal.PartyBuilding.Web.Features.Rectification;

/// <summary>The <c>Rectification</c> configuration section: who is listed when a period becomes final, deadlines and reminders.</summary>
public sealed class RectificationOptions : IValidatableObject
{
    public const string Section = "Rectification";

    /// <summary>A branch whose total is below this percentage of the maximum is listed.</summary>
    [Range(0, 100)]
    public decimal BelowPercent { get; set; } = 60;

    /// <summary>The bottom share (percent, rounded down) of each category is listed.</summary>
    [Range(0, 100)]
    public decimal BottomSharePercent { get; set; } = 10;

    /// <summary>Any indicator below this percentage of its maximum is an item, whatever the branch's total.</summary>
    [Range(0, 100)]
    public decimal IndicatorBelowPercent { get; set; } = 50;

    /// <summary>The percentage of its maximum an item's indicator must reach in the next quarter for the re-check to close it.</summary>
    [Range(0, 100)]
    public decimal PassPercent { get; set; } = 80;

    /// <summary>A listed branch gets items for up to this many indicators with the most points lost.</summary>
    [Range(1, 50)]
    public int ItemsPerListedBranch { get; set; } = 3;

    /// <summary>Days from finalisation (or a re-check that reopens an item) to the deadline.</summary>
    [Range(1, 365)]
    public int DeadlineDays { get; set; } = 30;

    /// <summary>The first reminder, days before the deadline (T−7).</summary>
    [Range(1, 60)]
    public int FirstNoticeDays { get; set; } = 7;

    /// <summary>The second reminder, days before the deadline (T−3).</summary>
    [Range(0, 60)]
    public int SecondNoticeDays { get; set; } = 3;

    /// <summary>Days an item may stay overdue before the parent organization is told (escalation).</summary>
    [Range(0, 60)]
    public int EscalateAfterOverdueDays { get; set; } = 3;

    public RectificationRules Rules => new(BelowPercent, BottomSharePercent, IndicatorBelowPercent, PassPercent, ItemsPerListedBranch, DeadlineDays);

    public ReminderRules Reminders => new(FirstNoticeDays, SecondNoticeDays, EscalateAfterOverdueDays);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var error in RectificationPlanner.Validate(Rules))
        {
            yield return new ValidationResult(error, [nameof(PassPercent)]);
        }

        if (SecondNoticeDays >= FirstNoticeDays)
        {
            yield return new ValidationResult("SecondNoticeDays must be fewer than FirstNoticeDays.", [nameof(SecondNoticeDays)]);
        }
    }
}
