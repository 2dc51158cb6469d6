using System.Globalization;
using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Imports;
using Appraisal.PartyBuilding.Core.Meetings;

namespace Appraisal.PartyBuilding.Excel.Records;

/// <summary>The outcome of <see cref="RecordSheet.Read"/>: cell errors, and the rows whose cells all parsed.</summary>
/// <param name="Errors">File, header and cell errors, ordered by row then column.</param>
/// <param name="Rows">The rows without a cell error (checked further by <see cref="MeetingImportPlanner"/>).</param>
public sealed record RecordSheetResult(IReadOnlyList<ImportError> Errors, IReadOnlyList<MeetingImportRow> Rows)
{
    /// <summary>True when there is no error.</summary>
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Reads the meeting record import file (<c>POST /api/v1/records/import</c>) and checks each cell's form: required
/// cells, known meeting types (Simplified or Traditional), dates, whole numbers. What the values mean (future dates,
/// present &gt; expected, negative numbers, groups, branches, duplicates) is checked by
/// <see cref="MeetingImportPlanner"/> with <see cref="MeetingEntryRules"/>, the same rules as the phone form.
/// </summary>
public static class RecordSheet
{
    /// <summary>Longest 支部编码.</summary>
    public const int MaxCodeLength = 50;

    /// <summary>The exact header row (SPEC, integration contract).</summary>
    public static IReadOnlyList<string> Headers { get; } = ["支部编码", "会议类型", "日期", "应到人数", "实到人数", "主题", "党小组"];

    private const int Branch = 0, Type = 1, Date = 2, Expected = 3, Present = 4, Topic = 5, Group = 6;

    private static readonly string[] DateFormats = ["yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyy年M月d日", "yyyyMMdd"];

    /// <summary>The names a 会议类型 cell may hold, as listed in messages.</summary>
    public static string TypeNames => string.Join("、", MeetingTypes.Each.Select(t => t.DisplayName()));

    /// <summary>Reads and checks <paramref name="stream"/>, listing every bad cell of every row.</summary>
    public static RecordSheetResult Read(Stream stream, SheetReaderOptions? options = null)
    {
        var sheet = SheetReader.Read(stream, Headers, options);
        if (sheet.Rows.Count == 0)
        {
            return new(sheet.Errors, []);
        }

        var errors = new List<ImportError>(sheet.Errors);
        var rows = new List<MeetingImportRow>(sheet.Rows.Count);
        foreach (var row in sheet.Rows)
        {
            if (ParseRow(row, errors) is { } parsed)
            {
                rows.Add(parsed);
            }
        }

        return new(errors.OrderBy(e => e.Row).ThenBy(e => e.Column.Length).ThenBy(e => e.Column, StringComparer.Ordinal).ToList(), rows);
    }

    /// <summary>Parses a date as secretaries type it: 2026-07-03, 2026/7/3, 2026.7.3, 2026年7月3日 or 20260703.</summary>
    public static DateOnly? ParseDate(string text) =>
        DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static MeetingImportRow? ParseRow(SheetRow row, List<ImportError> errors)
    {
        var before = errors.Count;
        void Add(int column, string message) => errors.Add(new ImportError(row.Row, ExcelColumns.Letter(column + 1), message));
        bool Usable(int column) => !row.HasReaderError(column);

        var code = row[Branch];
        if (Usable(Branch))
        {
            if (code.Length == 0)
            {
                Add(Branch, "“支部编码”不能为空");
            }
            else if (code.Length > MaxCodeLength)
            {
                Add(Branch, $"“支部编码”不能超过{MaxCodeLength}个字符");
            }
        }

        MeetingType? type = null;
        if (Usable(Type))
        {
            if (row[Type].Length == 0)
            {
                Add(Type, "“会议类型”不能为空");
            }
            else
            {
                type = MeetingTypes.Parse(row[Type]);
                if (type is null)
                {
                    Add(Type, $"“会议类型”应为{TypeNames}之一，实际为“{row[Type]}”");
                }
            }
        }

        DateOnly? date = null;
        if (Usable(Date))
        {
            if (row[Date].Length == 0)
            {
                Add(Date, "“日期”不能为空");
            }
            else
            {
                date = ParseDate(row[Date]);
                if (date is null)
                {
                    Add(Date, $"“日期”应为日期，如2026-07-03，实际为“{row[Date]}”");
                }
            }
        }

        var expected = Count(row, Expected, Usable, Add);
        var present = Count(row, Present, Usable, Add);

        if (errors.Count > before || type is null || date is null || expected is null || present is null)
        {
            return null;
        }

        var group = row[Group].Length == 0 ? null : row[Group];
        return new MeetingImportRow(row.Row, code, new MeetingEntry(type.Value, date.Value, expected.Value, present.Value, row[Topic], group));
    }

    /// <summary>A whole number; its sign and size are <see cref="MeetingEntryRules"/>' to judge.</summary>
    private static int? Count(SheetRow row, int column, Func<int, bool> usable, Action<int, string> add)
    {
        if (!usable(column))
        {
            return null;
        }

        var header = Headers[column];
        var text = row[column];
        if (text.Length == 0)
        {
            add(column, $"“{header}”不能为空");
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            && number == decimal.Truncate(number))
        {
            if (number is < -MeetingEntryRules.MaxAttendance or > MeetingEntryRules.MaxAttendance)
            {
                add(column, $"“{header}”数值过大");
                return null;
            }

            return (int)number;
        }

        add(column, $"“{header}”应为整数，实际为“{text}”");
        return null;
    }
}
