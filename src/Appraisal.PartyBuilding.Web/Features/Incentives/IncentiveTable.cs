using Appraisal.PartyBuilding.Core.Incentives;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Core.Scoring;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Excel.Incentives;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Features.Loop;
using Appraisal.PartyBuilding.Web.Features.Packs;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appraisal.PartyBuilding.Web.Features.Incentives;

/// <summary>
/// The incentive chain (激励): the coefficient table per grade that the 组织部 edits (audited), and a final period's
/// coefficients and nominations per branch, for the page, the API and the payroll export. The table in force when
/// an export is made is the one used: every edit is in the audit log.
/// </summary>
public sealed class IncentiveTable(AppraisalDbContext db, PackCatalog catalog, IOptions<IncentiveOptions> options, AuditLog audit, TimeProvider clock)
{
    public const string EditAction = "incentives.coefficients";

    /// <summary>The grades of the installed grade scales, best first, each once.</summary>
    public IReadOnlyList<string> Grades() =>
        catalog.Categories
            .SelectMany(c => c.Grades.Bands.OrderByDescending(b => b.MinPercent).Select(b => b.Name))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    public async Task<IReadOnlyList<CoefficientRow>> CoefficientsAsync(CancellationToken cancellationToken)
    {
        var stored = await db.IncentiveCoefficients.AsNoTracking().ToDictionaryAsync(c => c.Grade, StringComparer.Ordinal, cancellationToken);
        var grades = Grades().Concat(stored.Keys.Order(StringComparer.Ordinal)).Distinct(StringComparer.Ordinal);
        return grades.Select(g => stored.TryGetValue(g, out var row)
                ? new CoefficientRow(g, row.Coefficient, false, row.UpdatedBy, row.UpdatedAt)
                : new CoefficientRow(g, IncentiveRules.CoefficientOf(g, new Dictionary<string, decimal>(), options.Value.DefaultCoefficients), true, null, null))
            .ToList();
    }

    /// <summary>Sets the coefficients of the grades given (others keep theirs); the caller is the root's 组织部 (policy <see cref="Platform.Policies.RootOrgAdmin"/>); all or nothing.</summary>
    public async Task<StepOutcome<IReadOnlyList<CoefficientRow>>> SaveAsync(IReadOnlyList<CoefficientInput>? rows, string login, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (rows is not { Count: > 0 })
        {
            errors["coefficients"] = ["请至少填写一个等级的系数"];
            return StepOutcome<IReadOnlyList<CoefficientRow>>.Invalid("激励系数有误", errors);
        }

        var grades = Grades();
        var current = await CoefficientsAsync(cancellationToken);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var grade = rows[i].Grade?.Trim() ?? "";
            if (!grades.Contains(grade) && current.All(c => c.Grade != grade))
            {
                errors[$"coefficients[{i}].grade"] = [$"未知的等级“{grade}”：应为{string.Join("、", grades)}之一"];
            }
            else if (!seen.Add(grade))
            {
                errors[$"coefficients[{i}].grade"] = [$"等级“{grade}”重复填写"];
            }

            if (IncentiveRules.RefusesCoefficient(rows[i].Coefficient) is { } refusal)
            {
                errors[$"coefficients[{i}].coefficient"] = [$"{(grade.Length > 0 ? grade : $"第{i + 1}行")}：{refusal}"];
            }
        }

        if (errors.Count > 0)
        {
            return StepOutcome<IReadOnlyList<CoefficientRow>>.Invalid("激励系数有误", errors);
        }

        var now = clock.GetUtcNow();
        var stored = await db.IncentiveCoefficients.ToDictionaryAsync(c => c.Grade, StringComparer.Ordinal, cancellationToken);
        var changes = new List<string>();
        foreach (var row in rows)
        {
            var grade = row.Grade!.Trim();
            var value = row.Coefficient!.Value;
            var before = current.Single(c => c.Grade == grade).Coefficient;
            if (stored.TryGetValue(grade, out var existing))
            {
                if (existing.Coefficient == value)
                {
                    continue;
                }

                existing.Coefficient = value;
                existing.UpdatedBy = login;
                existing.UpdatedAt = now;
            }
            else
            {
                db.IncentiveCoefficients.Add(new IncentiveCoefficient { Grade = grade, Coefficient = value, UpdatedBy = login, UpdatedAt = now });
            }

            changes.Add($"{grade} {before:0.00} → {value:0.00}");
        }

        if (changes.Count > 0)
        {
            audit.Record(login, EditAction, "激励系数表", string.Join("；", changes));
            await db.SaveChangesAsync(cancellationToken);
        }

        return StepOutcome<IReadOnlyList<CoefficientRow>>.Done(await CoefficientsAsync(cancellationToken));
    }

    /// <summary>
    /// One page of a final period's incentives for the branches within <paramref name="scopePath"/>, by category, rank
    /// and code: the database orders, counts and cuts the list (issue 11), the decision is made for the page's rows only.
    /// </summary>
    public async Task<StepOutcome<PeriodIncentives>> ForPeriodAsync(int periodId, string scopePath, int page, int pageSize, CancellationToken cancellationToken)
    {
        var (basis, refusal) = await BasisAsync(periodId, cancellationToken);
        if (basis is null)
        {
            return refusal!;
        }

        var sources = await Sources(periodId, scopePath).ToListPageAsync(page, pageSize, cancellationToken);
        var lines = new ListPage<IncentiveLine>(sources.Items.Select(basis.Line).ToList(), sources.Page, sources.PageSize, sources.Total);
        return StepOutcome<PeriodIncentives>.Done(new PeriodIncentives(basis.Period, lines));
    }

    /// <summary>
    /// The payroll workbook of a final period's incentives within <paramref name="scopePath"/>: every branch, in the
    /// page's order, read from one streamed query and handed to the writer row by row, never as a list.
    /// </summary>
    public async Task<StepOutcome<IncentiveExport>> ExportAsync(int periodId, string scopePath, CancellationToken cancellationToken)
    {
        var (basis, refusal) = await BasisAsync(periodId, cancellationToken);
        if (basis is null)
        {
            return new StepOutcome<IncentiveExport>(null, refusal!.Status, refusal.Title, refusal.Detail, refusal.Errors);
        }

        // EPPlus writes synchronously from an IEnumerable, so the rows come from EF's synchronous streaming enumeration.
        var rows = Sources(periodId, scopePath).AsEnumerable().Select(basis.Line).Select(l => new IncentiveRow(
            l.Branch.Code,
            l.Branch.Name,
            l.ParentName,
            l.CategoryName,
            l.Result.Total,
            l.Result.MaxPoints,
            l.Result.Grade,
            l.Result.Rank,
            l.CategorySize,
            l.Decision.Coefficient,
            l.Decision.FourStrong,
            l.Decision.Vanguard,
            l.Decision.Explanation));
        var bytes = IncentiveWorkbook.Write(rows, basis.Coefficients.Select(c => (c.Grade, c.Coefficient)));
        return StepOutcome<IncentiveExport>.Done(new IncentiveExport(basis.Period, bytes));
    }

    /// <summary>What every line of a final period is decided from: the period, the category sizes and the coefficient table.</summary>
    private async Task<(IncentiveBasis? Basis, StepOutcome<PeriodIncentives>? Refusal)> BasisAsync(int periodId, CancellationToken cancellationToken)
    {
        var period = await db.Periods.AsNoTracking().Include(p => p.Packs).SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
        if (period is null)
        {
            return (null, StepOutcome<PeriodIncentives>.NotFound("考核期不存在"));
        }

        if (period.State != PeriodState.Final)
        {
            return (null, StepOutcome<PeriodIncentives>.Refused(StatusCodes.Status409Conflict, "考核期尚未定稿", $"{period.AsQuarter}尚未定稿（当前为“{period.State.DisplayName()}”），激励名单在定稿后生成。"));
        }

        // The category sizes are the whole period's (a rank is within the category, not within the caller's scope).
        var sizes = await db.BranchResults.Where(r => r.PeriodId == periodId)
            .GroupBy(r => r.CategoryCode)
            .Select(g => new { Category = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Category, g => g.Count, StringComparer.Ordinal, cancellationToken);
        var coefficients = await CoefficientsAsync(cancellationToken);
        return (new IncentiveBasis(period, sizes, coefficients, catalog.PinnedBy(period), options.Value), null);
    }

    /// <summary>
    /// A period's results within scope by projection (the shown columns and whether a veto fired, never the indicator
    /// rows or explanations), in a total order computed by the database.
    /// </summary>
    private IQueryable<IncentiveSource> Sources(int periodId, string scopePath) =>
        db.BranchResults.AsNoTracking()
            .Where(r => r.PeriodId == periodId && r.Branch!.Path.StartsWith(scopePath))
            .OrderBy(r => r.CategoryCode).ThenBy(r => r.Rank).ThenBy(r => r.Branch!.Code)
            .Select(r => new IncentiveSource(
                new BranchResult
                {
                    Id = r.Id, PeriodId = r.PeriodId, BranchId = r.BranchId, CategoryCode = r.CategoryCode, Total = r.Total, MaxPoints = r.MaxPoints,
                    Grade = r.Grade, Rank = r.Rank, Percentile = r.Percentile, GradeExplanation = "", ComputedAt = r.ComputedAt,
                },
                new Organization { Id = r.Branch!.Id, Code = r.Branch.Code, Name = r.Branch.Name, Path = r.Branch.Path, Kind = r.Branch.Kind, CategoryCode = r.Branch.CategoryCode },
                r.Branch.Parent == null ? "" : r.Branch.Parent.Name,
                r.Indicators.Any(i => i.VetoTriggered)));

    private sealed record IncentiveSource(BranchResult Result, Organization Branch, string ParentName, bool Vetoed);

    private sealed record IncentiveBasis(Period Period, Dictionary<string, int> Sizes, IReadOnlyList<CoefficientRow> Coefficients, PinnedPacks Pinned, IncentiveOptions Options)
    {
        private readonly Dictionary<string, decimal> table = Coefficients.ToDictionary(c => c.Grade, c => c.Coefficient, StringComparer.Ordinal);

        public IncentiveLine Line(IncentiveSource x)
        {
            var r = x.Result;
            var category = Pinned.FindCategory(r.CategoryCode);
            var topGrade = category?.Grades.Bands.OrderByDescending(b => b.MinPercent).First().Name ?? "";
            var size = Sizes.GetValueOrDefault(r.CategoryCode);
            var decision = IncentiveRules.Decide(
                new IncentiveResult(r.Total, r.MaxPoints, r.Grade, topGrade, r.Rank, size, r.Percentile, x.Vetoed),
                IncentiveRules.CoefficientOf(r.Grade, table, Options.DefaultCoefficients),
                Options.Rules);
            return new IncentiveLine(x.Branch, x.ParentName, category?.Name ?? r.CategoryCode, r, size, decision);
        }
    }
}

public sealed record CoefficientRow(string Grade, decimal Coefficient, bool IsDefault, string? UpdatedBy, DateTimeOffset? UpdatedAt);

public sealed record CoefficientInput(string? Grade, decimal? Coefficient);

public sealed record IncentiveLine(Organization Branch, string ParentName, string CategoryName, BranchResult Result, int CategorySize, IncentiveDecision Decision);

/// <summary>One page of a final period's incentive lines, with the total counted by the database.</summary>
public sealed record PeriodIncentives(Period Period, ListPage<IncentiveLine> Lines);

/// <summary>A final period's payroll workbook.</summary>
public sealed record IncentiveExport(Period Period, byte[] Workbook);
