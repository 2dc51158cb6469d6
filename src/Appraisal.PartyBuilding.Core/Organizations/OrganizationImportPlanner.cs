using Appraisal.PartyBuilding.Core.Imports;

namespace Appraisal.PartyBuilding.Core.Organizations;

/// <summary>
/// Turns checked import rows into an upsert plan against the stored tree, or into errors. Pure logic: no I/O.
/// </summary>
/// <remarks>
/// <para>Codes are compared ignoring case (a database with a case-insensitive collation could not hold both anyway);
/// the plan uses the stored spelling of an existing code.</para>
/// <para>Rules, each reported on the row and column it concerns (A 组织编码, C 上级组织编码, D 组织类型, E 支部类别,
/// G 支委人数), every row checked:</para>
/// <list type="bullet">
/// <item><c>ROOT</c> cannot be imported or changed; a code twice in the file is an error on the later row, naming the first.</item>
/// <item>An existing organization the file updates must lie in the importer's scope subtree (the scope root included).</item>
/// <item>The parent is <c>ROOT</c>, another row of the file (in any order), or an existing organization in scope
/// (an existing organization may keep its current parent even when that parent lies above the scope, e.g. the scope
/// root itself). Otherwise: <c>上级组织编码“X”不存在或不在您的管理范围内</c>, whether or not X exists elsewhere.</item>
/// <item>The parent's kind must allow the child (<see cref="OrganizationKinds.MayStandUnder"/>); only a 党委 may
/// stand directly under <c>ROOT</c>. Cycles among the file's rows (and the stored organizations they move) are errors.</item>
/// <item>支部类别 matches a category code, else a unique category name; an ambiguous name lists the codes.</item>
/// <item>A branch with fewer than <see cref="OrganizationKinds.MinimumMembersForCommittee"/> members has 支委人数 0;
/// 支委人数 ≤ 党员人数.</item>
/// <item>An existing organization's kind may change only if its stored children (not moved by the file) may stand under the new kind.</item>
/// </list>
/// </remarks>
public static class OrganizationImportPlanner
{
    private const string RootCode = Organization.RootCode;

    private const string CodeColumn = "A";
    private const string ParentColumn = "C";
    private const string KindColumn = "D";
    private const string CategoryColumn = "E";
    private const string MemberColumn = "F";
    private const string CommitteeColumn = "G";

    private static readonly StringComparer Codes = StringComparer.OrdinalIgnoreCase;

    /// <summary>Plans the import of <paramref name="rows"/>.</summary>
    /// <param name="rows">The rows read from the file (already cell-checked).</param>
    /// <param name="existing">Every stored organization (or at least those in scope, their parents and children). <c>ROOT</c> may be included or not.</param>
    /// <param name="categories">The installed branch categories as (code, name) pairs.</param>
    /// <param name="scopeRootCode">The code of the organization the importer is scoped to; <c>ROOT</c> for the whole tree.</param>
    /// <param name="rejectedCodes">
    /// Codes of rows of the same file that failed the cell checks (already reported): a row under one of them is not
    /// reported as having an unknown parent.
    /// </param>
    public static OrganizationImportPlanResult Plan(
        IReadOnlyList<OrganizationImportRow> rows,
        IEnumerable<ExistingOrganization> existing,
        IEnumerable<(string Code, string Name)> categories,
        string scopeRootCode,
        IReadOnlyCollection<string>? rejectedCodes = null)
    {
        var rejected = new HashSet<string>(rejectedCodes ?? [], Codes);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentException.ThrowIfNullOrWhiteSpace(scopeRootCode);

        var scopeIsRoot = IsRoot(scopeRootCode);
        var stored = new Dictionary<string, ExistingOrganization>(Codes);
        foreach (var organization in existing)
        {
            if (!IsRoot(organization.Code))
            {
                stored.TryAdd(organization.Code, organization);
            }
        }

        var categoryList = categories.ToList();
        bool InScope(ExistingOrganization organization) =>
            scopeIsRoot || organization.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Contains(scopeRootCode, Codes);

        var errors = new List<ImportError>();

        // 1. Codes: ROOT, duplicates, existing organizations outside the scope.
        var byCode = new Dictionary<string, OrganizationImportRow>(Codes);
        var skip = new HashSet<OrganizationImportRow>(ReferenceEqualityComparer.Instance);
        foreach (var row in rows)
        {
            if (IsRoot(row.Code))
            {
                errors.Add(new(row.Row, CodeColumn, $"“组织编码”不能为“{RootCode}”：根组织不能导入或修改"));
                skip.Add(row);
                continue;
            }

            if (byCode.TryGetValue(row.Code, out var first))
            {
                errors.Add(new(row.Row, CodeColumn, $"组织编码“{row.Code}”与第{first.Row}行重复"));
                skip.Add(row);
                continue;
            }

            byCode.Add(row.Code, row);
            if (stored.TryGetValue(row.Code, out var current) && !InScope(current))
            {
                errors.Add(new(row.Row, CodeColumn, $"组织编码“{row.Code}”不可用：该编码已被管理范围以外的组织使用"));
                skip.Add(row);
            }
        }

        string Canonical(string code) => stored.TryGetValue(code, out var e) ? e.Code : byCode.TryGetValue(code, out var r) ? r.Code : code;

        // 2. Parents and kinds.
        var resolvedParent = new Dictionary<string, string>(Codes);
        foreach (var row in rows)
        {
            if (skip.Contains(row))
            {
                continue;
            }

            stored.TryGetValue(row.Code, out var current);
            var keepsParent = current is not null && current.ParentCode is not null && Codes.Equals(current.ParentCode, row.ParentCode);
            var notFound = new ImportError(row.Row, ParentColumn, $"上级组织编码“{row.ParentCode}”不存在或不在您的管理范围内");
            if (Codes.Equals(row.ParentCode, row.Code))
            {
                resolvedParent[row.Code] = row.Code; // reported as a cycle below
                continue;
            }

            if (IsRoot(row.ParentCode))
            {
                if (!scopeIsRoot && !keepsParent)
                {
                    errors.Add(notFound);
                    continue;
                }

                resolvedParent[row.Code] = RootCode;
                if (row.Kind != OrganizationKind.PartyCommittee)
                {
                    errors.Add(new(row.Row, ParentColumn, $"{row.Kind.DisplayName()}不能直接设在根组织“{RootCode}”之下，只有党委可以"));
                }

                continue;
            }

            OrganizationKind parentKind;
            if (byCode.TryGetValue(row.ParentCode, out var parentRow))
            {
                parentKind = parentRow.Kind;
            }
            else if (stored.TryGetValue(row.ParentCode, out var parent) && (InScope(parent) || keepsParent))
            {
                parentKind = parent.Kind;
            }
            else
            {
                if (rejected.Contains(row.ParentCode))
                {
                    // Its parent row is already reported; the row itself cannot be placed until that is fixed.
                    skip.Add(row);
                }
                else
                {
                    errors.Add(notFound);
                }

                continue;
            }

            resolvedParent[row.Code] = Canonical(row.ParentCode);
            if (!row.Kind.MayStandUnder(parentKind))
            {
                errors.Add(new(row.Row, ParentColumn,
                    $"{row.Kind.DisplayName()}不能设在{parentKind.DisplayName()}“{Canonical(row.ParentCode)}”之下（{AllowedParents(row.Kind)}）"));
            }
        }

        // 3. Cycles: walk up through the file's new parents and the stored parents of everything else.
        string? ParentOf(string code) =>
            resolvedParent.TryGetValue(code, out var p) ? p
            : byCode.ContainsKey(code) ? null // a file row whose parent is unresolved (already reported)
            : stored.TryGetValue(code, out var e) ? e.ParentCode
            : null;

        var acyclic = new HashSet<string>(Codes) { RootCode };
        var inCycle = new HashSet<string>(Codes);
        foreach (var row in rows)
        {
            if (skip.Contains(row) || !resolvedParent.ContainsKey(row.Code) || acyclic.Contains(row.Code) || inCycle.Contains(row.Code))
            {
                continue;
            }

            var chain = new List<string>();
            var seen = new Dictionary<string, int>(Codes);
            string? code = row.Code;
            while (code is not null && !acyclic.Contains(code) && !inCycle.Contains(code) && !seen.ContainsKey(code))
            {
                seen[code] = chain.Count;
                chain.Add(code);
                code = ParentOf(code);
            }

            if (code is not null && seen.TryGetValue(code, out var start))
            {
                var cycle = chain.Skip(start).ToList();
                var text = string.Join(" → ", cycle.Append(cycle[0]).Select(Canonical));
                foreach (var member in cycle)
                {
                    inCycle.Add(member);
                    if (byCode.TryGetValue(member, out var memberRow))
                    {
                        errors.Add(new(memberRow.Row, ParentColumn, $"上级组织形成循环：{text}"));
                    }
                }

                chain.RemoveRange(start, chain.Count - start);
            }

            foreach (var c in chain)
            {
                if (!inCycle.Contains(c))
                {
                    acyclic.Add(c);
                }
            }
        }

        // 4. Branch data: category, committee.
        var categoryCodes = new Dictionary<OrganizationImportRow, string>(ReferenceEqualityComparer.Instance);
        foreach (var row in rows)
        {
            if (row.Kind != OrganizationKind.Branch)
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(row.CategoryText))
            {
                errors.Add(new(row.Row, CategoryColumn, "“支部类别”不能为空（党支部必填）"));
            }
            else
            {
                var text = row.CategoryText.Trim();
                var byCategoryCode = categoryList.FirstOrDefault(c => Codes.Equals(c.Code, text));
                if (byCategoryCode.Code is not null)
                {
                    categoryCodes[row] = byCategoryCode.Code;
                }
                else
                {
                    var named = categoryList.Where(c => string.Equals(c.Name.Trim(), text, StringComparison.Ordinal)).ToList();
                    if (named.Count == 1)
                    {
                        categoryCodes[row] = named[0].Code;
                    }
                    else if (named.Count > 1)
                    {
                        errors.Add(new(row.Row, CategoryColumn,
                            $"支部类别“{text}”对应多个类别（{string.Join("、", named.Select(c => c.Code))}），请填写类别编码"));
                    }
                    else
                    {
                        errors.Add(new(row.Row, CategoryColumn, $"支部类别“{text}”不存在，请填写已安装的类别名称或编码"));
                    }
                }
            }

            if (row.MemberCount is not { } members)
            {
                errors.Add(new(row.Row, MemberColumn, "“党员人数”不能为空（党支部必填）"));
                continue;
            }

            var committee = row.CommitteeSize ?? 0;
            if (members < OrganizationKinds.MinimumMembersForCommittee && committee > 0)
            {
                errors.Add(new(row.Row, CommitteeColumn,
                    $"党员人数为{members}，不足{OrganizationKinds.MinimumMembersForCommittee}名正式党员不设支部委员会，“支委人数”应为0或留空"));
            }
            else if (committee > members)
            {
                errors.Add(new(row.Row, CommitteeColumn, $"“支委人数”（{committee}）不能大于“党员人数”（{members}）"));
            }
        }

        // 5. A changed kind must still suit the stored children the file does not move.
        foreach (var row in rows)
        {
            if (skip.Contains(row) || !stored.TryGetValue(row.Code, out var current) || current.Kind == row.Kind)
            {
                continue;
            }

            var misfits = stored.Values
                .Where(c => c.ParentCode is not null && Codes.Equals(c.ParentCode, current.Code) && !byCode.ContainsKey(c.Code))
                .Where(c => !c.Kind.MayStandUnder(row.Kind))
                .OrderBy(c => c.Code, StringComparer.Ordinal)
                .ToList();
            if (misfits.Count > 0)
            {
                errors.Add(new(row.Row, KindColumn,
                    $"不能把“{current.Code}”的组织类型改为{row.Kind.DisplayName()}：下级组织{string.Join("、", misfits.Select(c => $"“{c.Code}”（{c.Kind.DisplayName()}）"))}不能设在{row.Kind.DisplayName()}之下"));
            }
        }

        // Rows rejected for their cells make the file unusable even when every other row plans cleanly.
        if (errors.Count > 0 || rejected.Count > 0)
        {
            return new(Sort(errors), null);
        }

        // 6. The plan.
        var paths = new Dictionary<string, string>(Codes) { [RootCode] = $"/{RootCode}/" };
        string PathOf(string code)
        {
            if (paths.TryGetValue(code, out var path))
            {
                return path;
            }

            path = byCode.ContainsKey(code) ? PathOf(resolvedParent[code]) + Canonical(code) + "/" : stored[code].Path;
            paths[code] = path;
            return path;
        }

        var inserts = new List<PlannedOrganization>();
        var updates = new List<PlannedOrganization>();
        var unchanged = new List<PlannedOrganization>();
        foreach (var row in rows)
        {
            stored.TryGetValue(row.Code, out var current);
            var isBranch = row.Kind == OrganizationKind.Branch;
            var planned = new PlannedOrganization(
                row.Row,
                Canonical(row.Code),
                row.Name,
                resolvedParent[row.Code],
                PathOf(row.Code),
                current?.Path,
                row.Kind,
                isBranch ? categoryCodes[row] : null,
                isBranch ? row.MemberCount : null,
                isBranch ? row.CommitteeSize ?? 0 : null,
                isBranch ? row.Groups : []);
            (current is null ? inserts : Same(current, planned) ? unchanged : updates).Add(planned);
        }

        return new([], new OrganizationImportPlan(ParentsFirst(inserts), ParentsFirst(updates), unchanged));
    }

    private static bool IsRoot(string code) => Codes.Equals(code.Trim(), RootCode);

    private static string AllowedParents(OrganizationKind kind) => kind switch
    {
        OrganizationKind.PartyCommittee => "党委的上级应为党委或根组织",
        OrganizationKind.GeneralBranch => "党总支的上级应为党委",
        _ => "党支部的上级应为党委或党总支",
    };

    private static bool Same(ExistingOrganization current, PlannedOrganization planned)
    {
        if (!string.Equals(current.Name, planned.Name, StringComparison.Ordinal)
            || current.Kind != planned.Kind
            || !Codes.Equals(current.ParentCode ?? string.Empty, planned.ParentCode))
        {
            return false;
        }

        if (planned.Kind != OrganizationKind.Branch)
        {
            return true;
        }

        return Codes.Equals(current.CategoryCode ?? string.Empty, planned.CategoryCode ?? string.Empty)
            && current.MemberCount == planned.MemberCount
            && (current.CommitteeSize ?? 0) == (planned.CommitteeSize ?? 0)
            && new HashSet<string>(current.Groups ?? [], StringComparer.Ordinal).SetEquals(planned.Groups);
    }

    private static List<PlannedOrganization> ParentsFirst(List<PlannedOrganization> list) =>
        list.OrderBy(p => p.Path.Count(ch => ch == '/')).ThenBy(p => p.Row).ToList();

    private static List<ImportError> Sort(List<ImportError> errors) =>
        errors.OrderBy(e => e.Row).ThenBy(e => e.Column.Length).ThenBy(e => e.Column, StringComparer.Ordinal).ToList();
}
