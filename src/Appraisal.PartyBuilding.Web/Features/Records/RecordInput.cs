using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Meetings;
using Appraisal.PartyBuilding.Excel.Records;

namespace Appraisal.PartyBuilding.Web.Features.Records;

/// <summary>A meeting as the phone form posts it and the API receives it (JSON, camelCase).</summary>
public sealed class RecordInput
{
    /// <summary>The branch; may be left out by a secretary, whose scope is their branch.</summary>
    public string? BranchCode { get; set; }

    /// <summary>A meeting type code (<c>committee</c>), or its Simplified or Traditional name.</summary>
    public string? Type { get; set; }

    /// <summary>The date, e.g. <c>2026-07-03</c>.</summary>
    public string? Date { get; set; }

    public int? Expected { get; set; }

    public int? Present { get; set; }

    public string? Topic { get; set; }

    /// <summary>The party group, for 党小组会 only.</summary>
    public string? Group { get; set; }

    public string? Minutes { get; set; }

    /// <summary>The entry, or the fields that are missing or not understood.</summary>
    public (MeetingEntry? Entry, Dictionary<string, string[]> Errors) Parse()
    {
        var errors = new Dictionary<string, string[]>();
        var type = MeetingTypes.Parse(Type);
        if (type is null)
        {
            errors["type"] = [string.IsNullOrWhiteSpace(Type) ? "请选择会议类型" : $"会议类型应为{RecordSheet.TypeNames}之一，实际为“{Type}”"];
        }

        var date = string.IsNullOrWhiteSpace(Date) ? null : RecordSheet.ParseDate(Date);
        if (date is null)
        {
            errors["date"] = [string.IsNullOrWhiteSpace(Date) ? "请填写会议日期" : $"会议日期应为日期，如2026-07-03，实际为“{Date}”"];
        }

        if (Expected is null)
        {
            errors["expected"] = ["请填写应到人数（整数）"];
        }

        if (Present is null)
        {
            errors["present"] = ["请填写实到人数（整数）"];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new MeetingEntry(type!.Value, date!.Value, Expected!.Value, Present!.Value, Topic ?? "", Group, Minutes), errors);
    }

    /// <summary>
    /// The entry with a stand-in for each field that is missing or not understood, so that the rules can check every
    /// other field in the same round (the form used to report its errors one at a time). Only for checking: the
    /// stand-ins never reach the database, and errors on their fields are dropped (see <see cref="RecordEntry.CheckInputAsync"/>).
    /// </summary>
    public MeetingEntry Draft(DateOnly today) => new(
        MeetingTypes.Parse(Type) ?? MeetingType.Assembly,
        (string.IsNullOrWhiteSpace(Date) ? null : RecordSheet.ParseDate(Date)) ?? today,
        Expected ?? Math.Max(Present ?? 1, 1),
        Present ?? 0,
        Topic ?? "",
        Group,
        Minutes);

    public static RecordInput From(MeetingRecord record, string branchCode) => new()
    {
        BranchCode = branchCode,
        Type = record.Type.Code(),
        Date = record.Date.ToString("yyyy-MM-dd"),
        Expected = record.Expected,
        Present = record.Present,
        Topic = record.Topic,
        Group = record.GroupName,
        Minutes = record.Minutes,
    };
}

/// <summary>An approval or a return.</summary>
/// <param name="Decision"><c>approve</c> or <c>return</c>.</param>
/// <param name="Opinion">The reviewer's opinion; required for a return.</param>
public sealed record ReviewInput(string? Decision, string? Opinion);
