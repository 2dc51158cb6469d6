using System.ComponentModel.DataAnnotations;
using Appraisal.PartyBuilding.Core.Reports;

namespace Appraisal.PartyBuilding.Web.Features.Reports;

/// <summary>The <c>Reports</c> configuration section: thresholds of the quarterly report's analyses.</summary>
public sealed class ReportOptions
{
    public const string Section = "Reports";

    /// <summary>无差别考核: flag an indicator when at least this share (0.5..1) of the branches assessed on it got full marks.</summary>
    [Range(0.5, 1.0)]
    public decimal FullMarksShare { get; set; } = 0.95m;

    /// <summary>…and at least this many branches were assessed on it.</summary>
    [Range(1, 100_000)]
    public int MinBranchesForFlag { get; set; } = 5;

    /// <summary>How many of the weakest indicators the report lists.</summary>
    [Range(1, 100)]
    public int WeakIndicatorCount { get; set; } = 10;

    public ReportRules Rules => new(FullMarksShare, MinBranchesForFlag, WeakIndicatorCount);
}
