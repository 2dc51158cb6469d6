using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Meetings;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Features.Packs;
using Appraisal.PartyBuilding.Web.Features.Scoring;

namespace Appraisal.PartyBuilding.Web.Features.Records;

/// <summary>
/// Which required meetings each branch held, missed or held without effect (quorum not met, returned, unknown group)
/// in a quarter. The records come from <see cref="BranchEvidenceReader"/> and every row is a <see cref="MeetingCoverage"/>
/// report for one record-frequency rule of the branch's category — the exact computation
/// <see cref="Core.Scoring.RecordFrequencyScorer"/> scores — so the calendar and the score cannot disagree. Meeting
/// types the category does not score (e.g. the yearly 组织生活会) follow with SPEC's default frequency, for information.
/// </summary>
public sealed class Completeness(AppraisalDbContext db, PackCatalog catalog)
{
    public async Task<IReadOnlyList<BranchCompleteness>> ComputeAsync(IReadOnlyList<Organization> branches, AssessmentQuarter quarter, CancellationToken cancellationToken)
    {
        var records = await BranchEvidenceReader.LoadAsync(db, quarter, null, branches.Select(b => b.Id).ToList(), cancellationToken);
        var result = new List<BranchCompleteness>(branches.Count);
        var packs = await catalog.ForQuarterAsync(db, quarter, cancellationToken);
        foreach (var branch in branches)
        {
            var category = branch.CategoryCode is null ? null : packs.FindCategory(branch.CategoryCode);
            var evidence = records.For(branch, category ?? Uncategorized);
            var approved = records.MeetingsOf(branch.Id)
                .Where(r => r.Status == RecordStatus.Approved)
                .Select(r => (r.Type, r.Date, r.GroupName))
                .ToHashSet();
            var rows = new List<CompletenessRow>();
            foreach (var indicator in category?.Dimensions.SelectMany(d => d.Indicators) ?? [])
            {
                if (indicator.Rule is RecordFrequencyRule rule)
                {
                    rows.Add(new CompletenessRow(indicator, MeetingCoverage.Compute(evidence, rule.MeetingType, rule.Unit), approved));
                }
            }

            foreach (var type in MeetingTypes.Each.Where(t => rows.All(r => r.Report.MeetingType != t)))
            {
                rows.Add(new CompletenessRow(null, MeetingCoverage.Compute(evidence, type), approved));
            }

            result.Add(new BranchCompleteness(branch, category, quarter, rows));
        }

        return result;
    }

    private static readonly BranchCategory Uncategorized = new("", "未设置类别", [], StandardSections.FiveStars);
}

/// <summary>One branch's completeness for one quarter.</summary>
public sealed record BranchCompleteness(Organization Branch, BranchCategory? Category, AssessmentQuarter Quarter, IReadOnlyList<CompletenessRow> Rows)
{
    /// <summary>Missing and invalid cells of month-based rules in one month of the quarter.</summary>
    public (int Missing, int Invalid) Month(int month) => Count(Rows.SelectMany(r => r.Cells).Where(c => c.Cell.Month == month));

    /// <summary>Missing and invalid cells of quarter rules, and of yearly rules once they are due (the fourth quarter).</summary>
    public (int Missing, int Invalid) QuarterWide => Count(Rows.SelectMany(r => r.Cells).Where(c => c.Cell.Month is null));

    public (int Missing, int Invalid) Total => Count(Rows.SelectMany(r => r.Cells));

    private static (int Missing, int Invalid) Count(IEnumerable<CompletenessCell> cells)
    {
        var list = cells.ToList();
        return (list.Count(c => c.State == CompletenessState.Missing), list.Count(c => c.State == CompletenessState.Invalid));
    }
}

/// <summary>What a calendar cell shows.</summary>
public enum CompletenessState
{
    Covered,
    Invalid,
    Missing,

    /// <summary>A yearly meeting not held yet before the fourth quarter: not missing yet.</summary>
    NotYetDue,
}

/// <summary>One rule's coverage: a scored indicator (or a meeting type the category does not score) and its cells.</summary>
/// <param name="Approved">The branch's approved records as (type, date, group), to tell a held meeting from one awaiting review.</param>
public sealed record CompletenessRow(Indicator? Indicator, CoverageReport Report, IReadOnlySet<(MeetingType Type, DateOnly Date, string? Group)> Approved)
{
    /// <summary>Whether the branch's assessment scores this row.</summary>
    public bool IsScored => Indicator is not null;

    public IReadOnlyList<CompletenessCell> Cells => Report.Cells.Select(c => new CompletenessCell(c, StateOf(c), IsPending(c))).ToList();

    /// <summary>
    /// A unit covered only by records still waiting for review: SPEC counts submitted records (the score and the
    /// counts here include it), but it is shown as 待审核, not 已开, until a reviewer approves one of them.
    /// </summary>
    private bool IsPending(CoverageCell cell) =>
        cell.IsCovered && !cell.ValidDates.Any(d => Approved.Contains((Report.MeetingType, d, cell.Group)));

    /// <summary>The points this coverage earns, by the scorer's own formula; null when not scored.</summary>
    public decimal? Points => Indicator is null ? null : Core.Scoring.RecordFrequencyScorer.Points(Indicator.MaxPoints, Report);

    private CompletenessState StateOf(CoverageCell cell) => cell.State switch
    {
        CoverageState.Covered => CompletenessState.Covered,
        CoverageState.Invalid => CompletenessState.Invalid,
        _ when Report.Unit == CoverageUnit.Year && Report.Quarter.Number < 4 => CompletenessState.NotYetDue,
        _ => CompletenessState.Missing,
    };
}

/// <summary>A coverage cell with the state the calendar shows.</summary>
/// <param name="Pending">Covered, but only by records waiting for review (待审核).</param>
public sealed record CompletenessCell(CoverageCell Cell, CompletenessState State, bool Pending = false)
{
    /// <summary>Why the records in the cell do not count, e.g. <c>7月12日支委会实到2人，未超过支委人数5人的半数</c>.</summary>
    public IReadOnlyList<string> Reasons => Cell.Invalid.Select(i => i.Message!).ToList();
}
