using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Meetings;

namespace Appraisal.PartyBuilding.Web.Features.Records;

/// <summary>How the record pages show statuses, states and dates.</summary>
public static class RecordText
{
    public static string Badge(RecordStatus status) => status switch
    {
        RecordStatus.Approved => "text-bg-success",
        RecordStatus.Returned => "text-bg-danger",
        _ => "text-bg-warning",
    };

    public static string Cell(CompletenessCell cell) => cell.Pending ? "table-info" : Cell(cell.State);

    public static string Mark(CompletenessCell cell) => cell.Pending ? "待审核" : Mark(cell.State);

    public static string Cell(CompletenessState state) => state switch
    {
        CompletenessState.Covered => "table-success",
        CompletenessState.Invalid => "table-warning",
        CompletenessState.Missing => "table-danger",
        _ => "table-light",
    };

    public static string Mark(CompletenessState state) => state switch
    {
        CompletenessState.Covered => "已开",
        CompletenessState.Invalid => "不计",
        CompletenessState.Missing => "缺",
        _ => "未到期",
    };

    public static string Date(DateOnly date) => $"{date.Month}月{date.Day}日";

    public static string Percent(decimal similarity) => (similarity * 100).ToString("0") + "%";

    public static string Time(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm");

    public static string Frequency(CoverageUnit unit) => unit switch
    {
        CoverageUnit.Quarter => "每季度至少1次",
        CoverageUnit.Month => "每月1次",
        CoverageUnit.GroupMonth => "每个党小组每月1次",
        CoverageUnit.Year => "每年1次",
        _ => "",
    };

    public static string QuarterLink(string path, AssessmentQuarter quarter, string? extra = null) =>
        $"{path}?year={quarter.Year}&quarter={quarter.Number}{(extra is null ? "" : "&" + extra)}";

    public static AssessmentQuarter Next(AssessmentQuarter quarter) =>
        quarter.Number == 4 ? new AssessmentQuarter(quarter.Year + 1, 1) : new AssessmentQuarter(quarter.Year, quarter.Number + 1);
}
