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

    public async Task<ImportOutcome> ImportAsync(Stream file, string actor, Organization scope, CancellationToken cancellationToken)
    {
        var sheet = OrganizationSheet.Read(file, SheetReaderOptions.Default);
        if (sheet.Errors.Any(e => e.Row <= 1))
        {
            // The file or its header is unusable: there are no rows to check further.
            return ImportOutcome.Failed(sheet.Errors);
        }

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
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
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
        audit.Record(actor, "organizations.import", scope.Code, $"新增{plan.InsertedCount}个，更新{plan.UpdatedCount}个，未变{plan.UnchangedCount}个");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ImportOutcome([], sheet.Rows.Count, plan.InsertedCount, plan.UpdatedCount, plan.UnchangedCount);
    }

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

/// <summary>The result of an import: the errors, or how many rows were imported and what they changed.</summary>
public sealed record ImportOutcome(IReadOnlyList<ImportError> Errors, int Imported, int Inserted, int Updated, int Unchanged)
{
    public bool Succeeded => Errors.Count == 0;

    public static ImportOutcome Failed(IReadOnlyList<ImportError> errors) => new(errors, 0, 0, 0, 0);
}
