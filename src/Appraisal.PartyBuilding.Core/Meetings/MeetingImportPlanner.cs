using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Imports;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;

namespace Appraisal.PartyBuilding.Core.Meetings;

/// <summary>One data row of the record import whose cells all parsed.</summary>
/// <param name="Row">The row as Excel shows it (the header is row 1).</param>
/// <param name="BranchCode">支部编码 as written.</param>
/// <param name="Entry">The meeting.</param>
public sealed record MeetingImportRow(int Row, string BranchCode, MeetingEntry Entry);

/// <summary>An organization the importer may name: one in their scope.</summary>
public sealed record ImportBranch(int Id, string Code, string Name, OrganizationKind Kind, IReadOnlyList<string> Groups);

/// <summary>A row left out because the same record is already stored (a re-import).</summary>
public sealed record SkippedRow(int Row, string Message);

/// <summary>What a record import will do, or why it cannot.</summary>
public sealed record MeetingImportPlan(IReadOnlyList<ImportError> Errors, IReadOnlyList<(MeetingImportRow Row, ImportBranch Branch)> Inserts, IReadOnlyList<SkippedRow> Skipped)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Checks parsed import rows against the organization, the stored records, the calendar and the periods: the
/// checks that need more than one cell. Every problem of every row is listed; nothing is decided half-way.
/// </summary>
public static class MeetingImportPlanner
{
    /// <summary>The column letter of each field in the import file (SPEC: 支部编码 | 会议类型 | 日期 | 应到人数 | 实到人数 | 主题 | 党小组).</summary>
    public static string Column(MeetingField field) => field switch
    {
        MeetingField.Branch => "A",
        MeetingField.Type => "B",
        MeetingField.Date => "C",
        MeetingField.Expected => "D",
        MeetingField.Present => "E",
        MeetingField.Topic => "F",
        MeetingField.Group => "G",
        _ => string.Empty,
    };

    /// <param name="rows">The rows whose cells parsed.</param>
    /// <param name="branches">The organizations in the importer's scope, by code.</param>
    /// <param name="stored">Records already stored for those branches, by branch id (at least those on the rows' dates).</param>
    /// <param name="today">Today, China time.</param>
    /// <param name="periods">The state of each quarter that has a period.</param>
    public static MeetingImportPlan Plan(
        IReadOnlyList<MeetingImportRow> rows,
        IReadOnlyDictionary<string, ImportBranch> branches,
        ILookup<int, MeetingRecord> stored,
        DateOnly today,
        IReadOnlyDictionary<AssessmentQuarter, PeriodState> periods)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(branches);
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(periods);

        var errors = new List<ImportError>();
        var inserts = new List<(MeetingImportRow, ImportBranch)>();
        var skipped = new List<SkippedRow>();
        var seen = new Dictionary<(string Branch, MeetingType Type, DateOnly Date, string? Group), int>();

        foreach (var row in rows)
        {
            void Add(MeetingField field, string message) => errors.Add(new ImportError(row.Row, Column(field), message));

            if (!branches.TryGetValue(row.BranchCode, out var branch))
            {
                Add(MeetingField.Branch, $"支部编码“{row.BranchCode}”不存在或不在您的管理范围内");
                continue;
            }

            if (branch.Kind != OrganizationKind.Branch)
            {
                Add(MeetingField.Branch, $"“{row.BranchCode}”是{branch.Kind.DisplayName()}，请填写党支部的编码");
                continue;
            }

            var entry = row.Entry;
            var before = errors.Count;
            foreach (var error in MeetingEntryRules.Check(entry, branch.Groups, today))
            {
                Add(error.Field, error.Message);
            }

            var quarter = entry.Quarter;
            var closed = MeetingEntryRules.QuarterClosed(quarter, periods.TryGetValue(quarter, out var state) ? state : null);
            if (closed is not null)
            {
                Add(MeetingField.Date, closed);
            }

            var key = (branch.Code, entry.Type, entry.Date, entry.GroupName);
            if (seen.TryGetValue(key, out var firstRow))
            {
                Add(MeetingField.Branch, $"与第{firstRow}行是同一次会议（支部、会议类型、日期和党小组都相同），请删除重复的行");
                continue;
            }

            seen[key] = row.Row;
            if (errors.Count > before)
            {
                continue;
            }

            var same = stored[branch.Id].Where(r => MeetingEntryRules.Key(Entry(r)) == MeetingEntryRules.Key(entry)).ToList();
            if (same.Count == 0)
            {
                inserts.Add((row, branch));
            }
            else if (same.Any(r => MeetingEntryRules.SameAs(r, entry)))
            {
                skipped.Add(new SkippedRow(row.Row, $"与已录入的记录（编号{same.First(r => MeetingEntryRules.SameAs(r, entry)).Id}）完全相同，已跳过"));
            }
            else
            {
                var other = same[0];
                var field = other.Expected != entry.Expected ? MeetingField.Expected
                    : other.Present != entry.Present ? MeetingField.Present
                    : MeetingField.Topic;
                Add(field, $"{branch.Name}{MeetingEntryRules.Text(entry.Date)}的{entry.Type.DisplayName()}已录入（编号{other.Id}：应到{other.Expected}人，实到{other.Present}人，主题“{other.Topic}”），与本行不同；如需更正，请在该记录的详情页修改");
            }
        }

        var ordered = errors.OrderBy(e => e.Row).ThenBy(e => e.Column.Length).ThenBy(e => e.Column, StringComparer.Ordinal).ToList();
        return ordered.Count > 0
            ? new MeetingImportPlan(ordered, [], [])
            : new MeetingImportPlan([], inserts, skipped);
    }

    /// <summary>A stored record as an entry, to compare it with a row.</summary>
    public static MeetingEntry Entry(MeetingRecord record) =>
        new(record.Type, record.Date, record.Expected, record.Present, record.Topic, record.GroupName, record.Minutes);
}
