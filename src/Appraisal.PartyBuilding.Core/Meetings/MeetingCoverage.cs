using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Core.Meetings;

/// <summary>What a completeness view shows for one unit.</summary>
public enum CoverageState
{
    /// <summary>At least one valid record: 已开.</summary>
    Covered,

    /// <summary>No valid record, but at least one that does not count: 不计.</summary>
    Invalid,

    /// <summary>No record at all: 缺.</summary>
    Missing,
}

/// <summary>One required unit of a record-frequency rule: the quarter, a month, a group-month or the year.</summary>
/// <param name="Label">E.g. <c>8月</c>, <c>一组·8月</c>, <c>2026年第3季度</c>, <c>2026年</c>.</param>
/// <param name="Group">The party group, for <see cref="CoverageUnit.GroupMonth"/> only.</param>
/// <param name="Month">The month, for <see cref="CoverageUnit.Month"/> and <see cref="CoverageUnit.GroupMonth"/> only.</param>
/// <param name="ValidDates">Dates of the valid records in the unit, ascending (a date may repeat).</param>
/// <param name="Invalid">The records attributed to the unit that do not count, by date, with reasons.</param>
public sealed record CoverageCell(
    string Label,
    string? Group,
    int? Month,
    IReadOnlyList<DateOnly> ValidDates,
    IReadOnlyList<MeetingCheck> Invalid)
{
    /// <summary>Whether at least one valid record covers the unit.</summary>
    public bool IsCovered => ValidDates.Count > 0;

    /// <summary>Covered, invalid (only records that do not count) or missing.</summary>
    public CoverageState State =>
        IsCovered ? CoverageState.Covered : Invalid.Count > 0 ? CoverageState.Invalid : CoverageState.Missing;
}

/// <summary>The coverage of one meeting type for one branch in one quarter.</summary>
/// <param name="Branch">The branch.</param>
/// <param name="Quarter">The quarter assessed.</param>
/// <param name="MeetingType">The meeting type counted.</param>
/// <param name="Unit">What one unit is.</param>
/// <param name="NotApplicableReason">
/// <c>null</c> when the rule applies; otherwise why not, e.g. <c>本支部未设支部委员会</c> (then <see cref="Cells"/> is empty).
/// </param>
/// <param name="Cells">The required units in order: months ascending; groups in the branch's order, then months.</param>
/// <param name="Invalid">
/// Every record of the type in scope (the quarter, or the year for <see cref="CoverageUnit.Year"/>) that does not count,
/// ordered by date — including those attributed to no cell, e.g. a 党小组会 naming an unknown group.
/// </param>
public sealed record CoverageReport(
    BranchProfile Branch,
    AssessmentQuarter Quarter,
    MeetingType MeetingType,
    CoverageUnit Unit,
    string? NotApplicableReason,
    IReadOnlyList<CoverageCell> Cells,
    IReadOnlyList<MeetingCheck> Invalid)
{
    /// <summary>Whether the rule applies to the branch.</summary>
    public bool IsApplicable => NotApplicableReason is null;

    /// <summary>The number of required units.</summary>
    public int Required => Cells.Count;

    /// <summary>The number of units covered by at least one valid record.</summary>
    public int Covered => Cells.Count(c => c.IsCovered);
}

/// <summary>
/// Which required units of a meeting type a branch covered in a quarter, and which records did not count.
/// Validity comes from <see cref="MeetingValidity"/>, the same code path the scorer uses.
/// </summary>
public static class MeetingCoverage
{
    /// <summary>The unit SPEC's frequency table implies for a meeting type.</summary>
    public static CoverageUnit DefaultUnit(MeetingType type) => type switch
    {
        MeetingType.Assembly or MeetingType.Lecture => CoverageUnit.Quarter,
        MeetingType.Committee or MeetingType.ThemeDay => CoverageUnit.Month,
        MeetingType.Group => CoverageUnit.GroupMonth,
        MeetingType.LifeMeeting or MeetingType.Review => CoverageUnit.Year,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Coverage of <paramref name="type"/> by <paramref name="unit"/> from a branch's evidence.</summary>
    public static CoverageReport Compute(BranchEvidence evidence, MeetingType type, CoverageUnit unit)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return Compute(evidence.Branch, evidence.Quarter, type, unit, evidence.Meetings);
    }

    /// <summary>Coverage of <paramref name="type"/> with its default unit from a branch's evidence.</summary>
    public static CoverageReport Compute(BranchEvidence evidence, MeetingType type) =>
        Compute(evidence, type, DefaultUnit(type));

    /// <summary>
    /// Coverage of <paramref name="type"/> by <paramref name="unit"/>. Records of other types, and records dated
    /// outside the quarter (outside the year for <see cref="CoverageUnit.Year"/>), are ignored.
    /// </summary>
    public static CoverageReport Compute(
        BranchProfile branch,
        AssessmentQuarter quarter,
        MeetingType type,
        CoverageUnit unit,
        IEnumerable<MeetingRecordFact> records)
    {
        ArgumentNullException.ThrowIfNull(branch);
        ArgumentNullException.ThrowIfNull(quarter);
        ArgumentNullException.ThrowIfNull(records);

        var checks = records
            .Where(r => r is not null && r.Type == type && InScope(r.Date, quarter, unit))
            .OrderBy(r => r, RecordOrder.Instance)
            .Select(r => MeetingValidity.Check(r, branch))
            .ToList();
        var invalid = checks.Where(c => !c.IsValid).ToList();

        var notApplicable = NotApplicable(branch, type);
        if (notApplicable is not null)
        {
            return new CoverageReport(branch, quarter, type, unit, notApplicable, [], invalid);
        }

        var cells = new List<CoverageCell>();
        switch (unit)
        {
            case CoverageUnit.Quarter:
                cells.Add(Cell(quarter.ToString(), null, null, checks));
                break;

            case CoverageUnit.Year:
                cells.Add(Cell($"{quarter.Year}年", null, null, checks));
                break;

            case CoverageUnit.Month:
                foreach (var month in quarter.Months)
                {
                    cells.Add(Cell(MeetingText.Month(month), null, month, checks.Where(c => c.Record.Date.Month == month)));
                }

                break;

            case CoverageUnit.GroupMonth:
                var groups = MeetingValidity.Groups(branch);
                if (groups.Count == 0)
                {
                    // A group-month rule for another meeting type on a branch without groups: nothing required.
                    return new CoverageReport(branch, quarter, type, unit, NoGroups, [], invalid);
                }

                foreach (var group in groups)
                {
                    foreach (var month in quarter.Months)
                    {
                        var inCell = checks.Where(c =>
                            c.Record.Date.Month == month &&
                            string.Equals(MeetingValidity.MatchGroup(c.Record.Group, branch), group, StringComparison.Ordinal));
                        cells.Add(Cell($"{group}·{MeetingText.Month(month)}", group, month, inCell));
                    }
                }

                break;

            default:
                throw new ArgumentOutOfRangeException(nameof(unit), unit, null);
        }

        return new CoverageReport(branch, quarter, type, unit, null, cells, invalid);
    }

    /// <summary>Why a meeting type does not apply to a branch, or <c>null</c> when it does.</summary>
    public static string? NotApplicable(BranchProfile branch, MeetingType type) => type switch
    {
        MeetingType.Committee when !MeetingValidity.HasCommittee(branch) => NoCommittee,
        MeetingType.Group when MeetingValidity.Groups(branch).Count == 0 => NoGroups,
        _ => null,
    };

    /// <summary>Reason a committee rule does not apply.</summary>
    public const string NoCommittee = "本支部未设支部委员会";

    /// <summary>Reason a group rule does not apply.</summary>
    public const string NoGroups = "本支部未设党小组";

    private static bool InScope(DateOnly date, AssessmentQuarter quarter, CoverageUnit unit) =>
        unit == CoverageUnit.Year ? date.Year == quarter.Year : quarter.Contains(date);

    private static CoverageCell Cell(string label, string? group, int? month, IEnumerable<MeetingCheck> checks)
    {
        var list = checks.ToList();
        return new CoverageCell(
            label,
            group,
            month,
            list.Where(c => c.IsValid).Select(c => c.Record.Date).ToList(),
            list.Where(c => !c.IsValid).ToList());
    }

    /// <summary>A total order on records, so that results never depend on input order.</summary>
    private sealed class RecordOrder : IComparer<MeetingRecordFact>
    {
        public static readonly RecordOrder Instance = new();

        public int Compare(MeetingRecordFact? x, MeetingRecordFact? y)
        {
            if (ReferenceEquals(x, y))
            {
                return 0;
            }

            if (x is null)
            {
                return -1;
            }

            if (y is null)
            {
                return 1;
            }

            var c = x.Date.CompareTo(y.Date);
            if (c == 0) c = x.Type.CompareTo(y.Type);
            if (c == 0) c = string.CompareOrdinal(x.Group, y.Group);
            if (c == 0) c = x.Expected.CompareTo(y.Expected);
            if (c == 0) c = x.Present.CompareTo(y.Present);
            if (c == 0) c = x.Returned.CompareTo(y.Returned);
            return c;
        }
    }
}
