using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Meetings;

namespace Appraisal.PartyBuilding.Web.Features.Records;

public sealed record RecordImportResponse(int Imported, int Skipped, IReadOnlyList<SkippedRow> SkippedRows);

public sealed record RecordSummaryDto(
    long Id,
    string BranchCode,
    string BranchName,
    string Type,
    string TypeName,
    DateOnly Date,
    int Expected,
    int Present,
    string Topic,
    string? Group,
    string Status,
    string StatusName,
    string? ReviewOpinion)
{
    public static RecordSummaryDto Of(MeetingRecord r) => new(
        r.Id, r.Branch!.Code, r.Branch.Name, r.Type.Code(), r.Type.DisplayName(), r.Date, r.Expected, r.Present, r.Topic, r.GroupName,
        r.Status.Code(), r.Status.DisplayName(), r.ReviewOpinion);
}

public sealed record AttachmentDto(long Id, string FileName, string ContentType, long Size, DateTimeOffset UploadedAt, string UploadedBy, string Url);

public sealed record HistoryDto(DateTimeOffset At, string Actor, string Action, string ActionName, string Status, string StatusName, string? Opinion, string? Changes);

public sealed record CopyDto(long RecordId, decimal Similarity, string Direction, bool Visible, string? BranchName, DateOnly? Date, string? TypeName);

public sealed record RecordDto(
    long Id,
    string BranchCode,
    string BranchName,
    string Type,
    string TypeName,
    DateOnly Date,
    int Expected,
    int Present,
    string Topic,
    string? Group,
    string? Minutes,
    string Status,
    string StatusName,
    string? ReviewOpinion,
    bool Counts,
    string? NotCountedReason,
    DateTimeOffset CreatedAt,
    string? SubmittedBy,
    IReadOnlyList<AttachmentDto> Attachments,
    IReadOnlyList<HistoryDto> History,
    IReadOnlyList<CopyDto> Copies)
{
    public static RecordDto Of(RecordDetail d)
    {
        var r = d.Record;
        return new RecordDto(
            r.Id, r.Branch!.Code, r.Branch.Name, r.Type.Code(), r.Type.DisplayName(), r.Date, r.Expected, r.Present, r.Topic, r.GroupName, r.Minutes,
            r.Status.Code(), r.Status.DisplayName(), r.ReviewOpinion, d.Check.IsValid, d.Check.Reason, r.CreatedAt, d.Submitter,
            d.Attachments.Select(a => new AttachmentDto(a.Id, a.FileName, a.ContentType, a.Size, a.UploadedAt, a.UploadedBy, RecordApi.AttachmentUrl(a))).ToList(),
            d.History.Select(e => new HistoryDto(e.At, e.Actor, e.Action.ToString(), e.Action.DisplayName(), e.Status.Code(), e.Status.DisplayName(), e.Opinion, e.Changes)).ToList(),
            d.Copies.Select(c => new CopyDto(c.OtherRecordId, c.Similarity, c.IsLater ? "copyOf" : "copiedBy", c.Visible, c.BranchName, c.Date, c.Type?.DisplayName())).ToList());
    }
}

/// <remarks><c>Pending</c>: covered only by records waiting for review (shown as 待审核; they count, as SPEC says).</remarks>
public sealed record CompletenessCellDto(string Label, string? Group, int? Month, string State, IReadOnlyList<DateOnly> ValidDates, IReadOnlyList<string> Reasons, bool Pending);

public sealed record CompletenessRowDto(
    string MeetingType,
    string MeetingTypeName,
    string Unit,
    string? IndicatorCode,
    decimal? MaxPoints,
    decimal? Points,
    bool Applicable,
    string? NotApplicableReason,
    int Required,
    int Covered,
    IReadOnlyList<CompletenessCellDto> Cells,
    IReadOnlyList<string> NotCounted);

public sealed record CompletenessMonthDto(int Month, int Missing, int Invalid);

public sealed record BranchCompletenessDto(
    string BranchCode,
    string BranchName,
    string? CategoryCode,
    int Year,
    int Quarter,
    IReadOnlyList<CompletenessRowDto> Rows,
    IReadOnlyList<CompletenessMonthDto> Months,
    int QuarterMissing,
    int QuarterInvalid)
{
    public static BranchCompletenessDto Of(BranchCompleteness c) => new(
        c.Branch.Code,
        c.Branch.Name,
        c.Category?.Code,
        c.Quarter.Year,
        c.Quarter.Number,
        c.Rows.Select(r => new CompletenessRowDto(
            r.Report.MeetingType.Code(),
            r.Report.MeetingType.DisplayName(),
            Unit(r.Report.Unit),
            r.Indicator?.Code,
            r.Indicator?.MaxPoints,
            r.Points,
            r.Report.IsApplicable,
            r.Report.NotApplicableReason,
            r.Report.Required,
            r.Report.Covered,
            r.Cells.Select(x => new CompletenessCellDto(x.Cell.Label, x.Cell.Group, x.Cell.Month, State(x.State), x.Cell.ValidDates, x.Reasons, x.Pending)).ToList(),
            r.Report.Invalid.Select(i => i.Message!).ToList())).ToList(),
        c.Quarter.Months.Select(m => new CompletenessMonthDto(m, c.Month(m).Missing, c.Month(m).Invalid)).ToList(),
        c.QuarterWide.Missing,
        c.QuarterWide.Invalid);

    public static string Unit(CoverageUnit unit) => unit switch
    {
        CoverageUnit.Quarter => "quarter",
        CoverageUnit.Month => "month",
        CoverageUnit.GroupMonth => "group-month",
        CoverageUnit.Year => "year",
        _ => unit.ToString(),
    };

    public static string State(CompletenessState state) => state switch
    {
        CompletenessState.Covered => "covered",
        CompletenessState.Invalid => "invalid",
        CompletenessState.Missing => "missing",
        CompletenessState.NotYetDue => "not-yet-due",
        _ => state.ToString(),
    };
}
