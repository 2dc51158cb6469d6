using System.Globalization;
using Appraisal.PartyBuilding.Core.Imports;
using Appraisal.PartyBuilding.Core.Organizations;

namespace Appraisal.PartyBuilding.Excel.Organizations;

/// <summary>The outcome of <see cref="OrganizationSheet.Read"/>: errors, or the parsed rows.</summary>
/// <param name="Errors">Every error (file, header or cell), ordered by row then column.</param>
/// <param name="Rows">The parsed rows; empty when there is any error.</param>
public sealed record OrganizationSheetResult(IReadOnlyList<ImportError> Errors, IReadOnlyList<OrganizationImportRow> Rows)
{
    /// <summary>True when there is no error.</summary>
    public bool Succeeded => Errors.Count == 0;

    /// <summary>
    /// The codes of rows left out of <see cref="Rows"/> because a cell is bad. The planner is told about them so that
    /// it can check the good rows in the same pass without reporting their children's parent as missing.
    /// </summary>
    public IReadOnlyList<string> RejectedCodes { get; init; } = [];
}

/// <summary>
/// Reads the organization import file (<c>POST /api/v1/organizations/import</c>) and checks every cell.
/// Tree rules (parents, duplicates, categories, scope) are the <see cref="OrganizationImportPlanner"/>'s.
/// </summary>
public static class OrganizationSheet
{
    /// <summary>Longest 组织编码.</summary>
    public const int MaxCodeLength = 50;

    /// <summary>Longest 组织名称.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Longest 党小组 name.</summary>
    public const int MaxGroupNameLength = 50;

    /// <summary>The exact header row (SPEC, integration contract).</summary>
    public static IReadOnlyList<string> Headers { get; } =
        ["组织编码", "组织名称", "上级组织编码", "组织类型", "支部类别", "党员人数", "支委人数", "党小组"];

    private const int Code = 0, Name = 1, Parent = 2, Kind = 3, Category = 4, Members = 5, Committee = 6, Groups = 7;

    /// <summary>Reads and checks <paramref name="stream"/>, listing every bad cell of every row.</summary>
    /// <param name="stream">The uploaded .xlsx.</param>
    /// <param name="options">File limits; <see cref="SheetReaderOptions.Default"/> when null.</param>
    public static OrganizationSheetResult Read(Stream stream, SheetReaderOptions? options = null)
    {
        var sheet = SheetReader.Read(stream, Headers, options);
        if (sheet.Rows.Count == 0)
        {
            return new(sheet.Errors, []);
        }

        var errors = new List<ImportError>(sheet.Errors);
        var rows = new List<OrganizationImportRow>(sheet.Rows.Count);
        var rejected = new List<string>();
        foreach (var row in sheet.Rows)
        {
            var parsed = ParseRow(row, errors);
            if (parsed is not null)
            {
                rows.Add(parsed);
            }
            else if (row[Code].Length > 0)
            {
                rejected.Add(row[Code]);
            }
        }

        return new(errors.OrderBy(e => e.Row).ThenBy(e => e.Column.Length).ThenBy(e => e.Column, StringComparer.Ordinal).ToList(), rows)
        {
            RejectedCodes = rejected,
        };
    }

    private static OrganizationImportRow? ParseRow(SheetRow row, List<ImportError> errors)
    {
        var before = errors.Count;
        void Add(int column, string message) => errors.Add(new ImportError(row.Row, ExcelColumns.Letter(column + 1), message));
        bool Usable(int column) => !row.HasReaderError(column);

        var code = row[Code];
        if (Usable(Code))
        {
            if (code.Length == 0)
            {
                Add(Code, "“组织编码”不能为空");
            }
            else if (code.Length > MaxCodeLength)
            {
                Add(Code, $"“组织编码”不能超过{MaxCodeLength}个字符");
            }
            else if (!code.All(IsCodeChar))
            {
                Add(Code, "“组织编码”只能包含英文字母、数字、“-”和“_”");
            }
        }

        var name = row[Name];
        if (Usable(Name))
        {
            if (name.Length == 0)
            {
                Add(Name, "“组织名称”不能为空");
            }
            else if (name.Length > MaxNameLength)
            {
                Add(Name, $"“组织名称”不能超过{MaxNameLength}个字符");
            }
        }

        var parent = row[Parent];
        if (Usable(Parent) && parent.Length == 0)
        {
            Add(Parent, "“上级组织编码”不能为空");
        }

        OrganizationKind? kind = null;
        if (Usable(Kind))
        {
            if (row[Kind].Length == 0)
            {
                Add(Kind, "“组织类型”不能为空");
            }
            else
            {
                kind = OrganizationKinds.Parse(row[Kind]);
                if (kind is null)
                {
                    Add(Kind, $"“组织类型”应为党委、党总支或党支部，实际为“{row[Kind]}”");
                }
            }
        }

        string? category = null;
        int? members = null;
        int? committee = null;
        IReadOnlyList<string> groups = [];
        if (kind is OrganizationKind.PartyCommittee or OrganizationKind.GeneralBranch)
        {
            foreach (var column in new[] { Category, Members, Committee, Groups })
            {
                if (Usable(column) && row[column].Length > 0)
                {
                    Add(column, $"组织类型为{kind.Value.DisplayName()}时“{Headers[column]}”应为空（仅党支部填写）");
                }
            }
        }
        else
        {
            // A 党支部, or an unknown kind: check what is filled in; require only for a 党支部.
            var isBranch = kind == OrganizationKind.Branch;
            if (Usable(Category))
            {
                if (row[Category].Length > 0)
                {
                    category = row[Category];
                }
                else if (isBranch)
                {
                    Add(Category, "“支部类别”不能为空（党支部必填）");
                }
            }

            if (Usable(Members))
            {
                if (row[Members].Length > 0)
                {
                    members = ParseCount(row[Members], Members, Add);
                }
                else if (isBranch)
                {
                    Add(Members, "“党员人数”不能为空（党支部必填）");
                }
            }

            if (Usable(Committee))
            {
                committee = row[Committee].Length > 0 ? ParseCount(row[Committee], Committee, Add) : 0;
            }

            if (Usable(Groups))
            {
                groups = ParseGroups(row[Groups], message => Add(Groups, message));
            }
        }

        if (errors.Count > before || kind is null)
        {
            return null;
        }

        return new OrganizationImportRow(row.Row, code, name, parent, kind.Value, category, members, committee, groups);
    }

    private static bool IsCodeChar(char ch) => ch is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_';

    private static int? ParseCount(string text, int column, Action<int, string> add)
    {
        var header = Headers[column];
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) && number == decimal.Truncate(number)
                && number is >= int.MinValue and <= int.MaxValue)
            {
                value = (long)number; // "12.0"
            }
            else
            {
                add(column, $"“{header}”应为整数，实际为“{text}”");
                return null;
            }
        }

        if (value < 0)
        {
            add(column, $"“{header}”不能为负数");
            return null;
        }

        if (value > 1_000_000)
        {
            add(column, $"“{header}”数值过大");
            return null;
        }

        return (int)value;
    }

    private static List<string> ParseGroups(string text, Action<string> add)
    {
        var groups = new List<string>();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in text.Split([';', '；']))
        {
            var name = part.Trim();
            if (name.Length == 0)
            {
                continue;
            }

            if (name.Length > MaxGroupNameLength)
            {
                add($"党小组名称“{name}”不能超过{MaxGroupNameLength}个字符");
                continue;
            }

            if (groups.Contains(name, StringComparer.Ordinal))
            {
                if (reported.Add(name))
                {
                    add($"“党小组”中“{name}”重复");
                }

                continue;
            }

            groups.Add(name);
        }

        return groups;
    }
}
