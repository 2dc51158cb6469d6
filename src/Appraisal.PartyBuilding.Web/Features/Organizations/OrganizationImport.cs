using Appraisal.PartyBuilding.Core.Imports;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Excel;
using Appraisal.PartyBuilding.Excel.Organizations;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Organizations;

/// <summary>
/// Imports the organization tree from an .xlsx, all or nothing: the file is read and checked cell by cell, the
/// plan is checked against the stored tree and the importer's scope, and only a file without a single error is
/// applied, in one transaction with its audit entry.
/// </summary>
public sealed class OrganizationImport(AppraisalDbContext db, PackCatalog catalog, AuditLog audit)
{
    public IEnumerable<(string Code, string Name)> Categories => catalog.Categories.Select(c => (c.Code, c.Name));

    public byte[] Template() => OrganizationTemplate.Create(Categories);

    /// <summary>The confirmation that allows changing the kind of a node that holds data: <c>CODE:kind</c>.</summary>
    public static string KindConfirmation(string code) => $"{code}:kind";

    /// <summary>The confirmation that allows changing the category of a branch that holds data: <c>CODE:category</c>.</summary>
    public static string CategoryConfirmation(string code) => $"{code}:category";

    /// <param name="file">The .xlsx.</param>
    /// <param name="actor">The importing login.</param>
    /// <param name="scope">The importer's node: the file may only touch its subtree.</param>
    /// <param name="confirmations">
    /// Changes the importer confirmed (<see cref="KindConfirmation"/>, <see cref="CategoryConfirmation"/>): changing
    /// the kind or category of a node that already holds records, results or other evidence is refused without one.
    /// </param>
    /// <param name="cancellationToken">Cancels the import.</param>
    public async Task<ImportOutcome> ImportAsync(Stream file, string actor, Organization scope, IReadOnlyCollection<string> confirmations, CancellationToken cancellationToken)
    {
        var sheet = OrganizationSheet.Read(file, SheetReaderOptions.Default);
        if (sheet.Errors.Any(e => e.Row <= 1))
        {
            // The file or its header is unusable: there are no rows to check further.
            return ImportOutcome.Failed(sheet.Errors);
        }

        // Two imports at once run one after the other (a parallel upload of the same file then changes nothing):
        // the tree is read, planned and written in one serialized transaction.
        await using var transaction = await SerializedWrites.BeginAsync(db, "organizations", cancellationToken);
        var stored = await db.Organizations.AsNoTracking().Include(o => o.Groups).ToListAsync(cancellationToken);
        var codeById = stored.ToDictionary(o => o.Id, o => o.Code);
        var existing = stored.Select(o => new ExistingOrganization(
            o.Code,
            o.Name,
            o.Kind,
            o.ParentId is { } parentId ? codeById[parentId] : null,
            o.Path,
            o.CategoryCode,
            o.IsBranch ? o.MemberCount : null,
            o.IsBranch ? o.CommitteeSize : null,
            o.Groups.Select(g => g.Name).ToList()));
        var planned = OrganizationImportPlanner.Plan(sheet.Rows, existing, Categories, scope.Code, sheet.RejectedCodes);
        if (!sheet.Succeeded || !planned.Succeeded)
        {
            // Cell errors and tree errors together, so one correction round fixes the whole file.
            return ImportOutcome.Failed(sheet.Errors.Concat(planned.Errors)
                .OrderBy(e => e.Row).ThenBy(e => e.Column.Length).ThenBy(e => e.Column, StringComparer.Ordinal).ToList());
        }

        var plan = planned.Plan!;
        var reclassified = await ReclassificationsAsync(plan, stored, cancellationToken);
        var unconfirmed = reclassified.Where(r => !confirmations.Contains(r.Confirmation, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unconfirmed.Count > 0)
        {
            return ImportOutcome.Unconfirmed(
                unconfirmed.Select(r => new ImportError(r.Row, r.Column, r.Refusal)).ToList(),
                unconfirmed.Select(r => r.Confirmation).ToList());
        }

        var tracked = await db.Organizations.Include(o => o.Groups).ToDictionaryAsync(o => o.Code, StringComparer.OrdinalIgnoreCase, cancellationToken);
        foreach (var insert in plan.Inserts)
        {
            var organization = new Organization { Code = insert.Code, Name = insert.Name, Path = insert.Path };
            Apply(organization, insert, tracked[insert.ParentCode]);
            db.Organizations.Add(organization);
            tracked[insert.Code] = organization;
        }

        foreach (var update in plan.Updates)
        {
            Apply(tracked[update.Code], update, tracked[update.ParentCode]);
        }

        RewritePaths(tracked.Values);
        audit.Record(actor, "organizations.import", scope.Code, $"新增{plan.InsertedCount}个，更新{plan.UpdatedCount}个，未变{plan.UnchangedCount}个"
            + (reclassified.Count == 0 ? "" : $"；经确认变更类型或类别{reclassified.Count}处"), scope.Path);
        foreach (var change in reclassified)
        {
            audit.Record(actor, ReclassifyAction, change.Code, $"经导入人确认（{change.Confirmation}）：{change.Change}；该组织已有{change.Held}", tracked[change.Code].Path);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ImportOutcome([], sheet.Rows.Count, plan.InsertedCount, plan.UpdatedCount, plan.UnchangedCount);
    }

    public const string ReclassifyAction = "organizations.reclassify";

    /// <summary>A change of kind or category of a node that holds data, with what to confirm and why it is asked.</summary>
    private sealed record Reclassification(int Row, string Column, string Code, string Confirmation, string Change, string Held)
    {
        public string Refusal => $"“{Code}”{Change}，而该组织已有{Held}：此变更会影响这些数据的归属和计分，须明确确认（随文件提交 confirm={Confirmation}）";
    }

    /// <summary>
    /// The updates that change the kind or category of a node that already holds meeting records, results or other
    /// evidence: such a change (a live branch turned into a 党总支 loses its category, members and groups) is never
    /// applied silently.
    /// </summary>
    private async Task<IReadOnlyList<Reclassification>> ReclassificationsAsync(OrganizationImportPlan plan, IReadOnlyList<Organization> stored, CancellationToken cancellationToken)
    {
        var byCode = stored.ToDictionary(o => o.Code, StringComparer.OrdinalIgnoreCase);
        var changed = plan.Updates
            .Select(u => (Update: u, Stored: byCode[u.Code]))
            .Where(x => x.Stored.Kind != x.Update.Kind || !string.Equals(x.Stored.CategoryCode, x.Update.CategoryCode, StringComparison.Ordinal))
            .ToList();
        if (changed.Count == 0)
        {
            return [];
        }

        var ids = changed.Select(x => x.Stored.Id).ToList();
        var records = await CountAsync(db.MeetingRecords.Where(r => ids.Contains(r.BranchId)).GroupBy(r => r.BranchId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken), x => x.Key, x => x.Count);
        var results = await CountAsync(db.BranchResults.Where(r => ids.Contains(r.BranchId)).GroupBy(r => r.BranchId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken), x => x.Key, x => x.Count);
        var evidence = new HashSet<int>(
            (await db.KpiValues.Where(v => ids.Contains(v.BranchId)).Select(v => v.BranchId).Distinct().ToListAsync(cancellationToken))
            .Concat(await db.EvidenceEvents.Where(v => ids.Contains(v.BranchId)).Select(v => v.BranchId).Distinct().ToListAsync(cancellationToken))
            .Concat(await db.RatingAnswers.Where(v => ids.Contains(v.BranchId)).Select(v => v.BranchId).Distinct().ToListAsync(cancellationToken))
            .Concat(await db.ManualScores.Where(v => ids.Contains(v.BranchId)).Select(v => v.BranchId).Distinct().ToListAsync(cancellationToken)));

        var found = new List<Reclassification>();
        foreach (var (update, current) in changed)
        {
            var held = new List<string>();
            if (records.GetValueOrDefault(current.Id) is > 0 and var r)
            {
                held.Add($"会议记录{r}条");
            }

            if (results.GetValueOrDefault(current.Id) is > 0 and var n)
            {
                held.Add($"考核结果{n}期");
            }

            if (evidence.Contains(current.Id))
            {
                held.Add("考核证据（指标值、事项、评价或人工评分）");
            }

            if (held.Count == 0)
            {
                continue;
            }

            var holds = string.Join("、", held);
            if (current.Kind != update.Kind)
            {
                var lost = current.IsBranch ? "，其支部类别、党员人数、支委人数和党小组将被清除" : "";
                found.Add(new(update.Row, KindColumn, current.Code, KindConfirmation(current.Code), $"的组织类型将由{current.Kind.DisplayName()}改为{update.Kind.DisplayName()}{lost}", holds));
            }
            else
            {
                found.Add(new(update.Row, CategoryColumn, current.Code, CategoryConfirmation(current.Code), $"的支部类别将由“{current.CategoryCode}”改为“{update.CategoryCode}”", holds));
            }
        }

        return found;
    }

    private const string KindColumn = "D";
    private const string CategoryColumn = "E";

    private static async Task<Dictionary<int, int>> CountAsync<T>(Task<List<T>> rows, Func<T, int> key, Func<T, int> count) =>
        (await rows).ToDictionary(key, count);

    private static void Apply(Organization organization, PlannedOrganization planned, Organization parent)
    {
        organization.Name = planned.Name;
        organization.Kind = planned.Kind;
        organization.Parent = parent;
        organization.CategoryCode = planned.CategoryCode;
        organization.MemberCount = planned.MemberCount ?? 0;
        organization.CommitteeSize = planned.CommitteeSize ?? 0;
        organization.Groups.RemoveAll(g => !planned.Groups.Contains(g.Name, StringComparer.Ordinal));
        foreach (var name in planned.Groups.Where(n => organization.Groups.All(g => g.Name != n)))
        {
            organization.Groups.Add(new PartyGroup { Name = name });
        }
    }

    /// <summary>A move re-roots a whole subtree, including descendants the file does not list: derive every path from the parent links.</summary>
    private static void RewritePaths(IEnumerable<Organization> organizations)
    {
        var children = organizations.Where(o => o.Parent is not null).ToLookup(o => o.Parent!);
        var pending = new Stack<Organization>(organizations.Where(o => o.Parent is null));
        while (pending.TryPop(out var node))
        {
            foreach (var child in children[node])
            {
                var path = Organization.PathOf(node.Path, child.Code);
                if (child.Path != path)
                {
                    child.Path = path;
                }

                pending.Push(child);
            }
        }
    }
}

/// <summary>
/// The result of an import: the errors, or how many rows were imported and what they changed. An import refused only
/// for changes that need confirming lists them in <see cref="Confirmations"/> (what to send as <c>confirm</c>).
/// </summary>
public sealed record ImportOutcome(IReadOnlyList<ImportError> Errors, int Imported, int Inserted, int Updated, int Unchanged)
{
    public IReadOnlyList<string> Confirmations { get; init; } = [];

    public bool Succeeded => Errors.Count == 0;

    public bool NeedsConfirmation => Confirmations.Count > 0;

    public static ImportOutcome Failed(IReadOnlyList<ImportError> errors) => new(errors, 0, 0, 0, 0);

    public static ImportOutcome Unconfirmed(IReadOnlyList<ImportError> errors, IReadOnlyList<string> confirmations) =>
        new(errors, 0, 0, 0, 0) { Confirmations = confirmations };

    /// <summary>The <c>confirm</c> values of a request (form fields and query, each possibly comma-separated).</summary>
    public static IReadOnlyCollection<string> ParseConfirmations(IEnumerable<string?> values) =>
        values.SelectMany(v => (v ?? "").Split([',', '，', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.OrdinalIgnoreCase);
}
