using System.Text.RegularExpressions;
using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Plugins;

/// <summary>
/// Checks a pack's manifest on its own. Checks across packs (duplicate ids and category codes) belong to the
/// catalog, which knows the packs already loaded.
/// </summary>
internal static partial class ManifestValidator
{
    /// <summary>Every problem found, in Simplified Chinese; empty when the manifest is valid.</summary>
    public static IReadOnlyList<string> Validate(PackManifest? manifest, IReadOnlyList<IIndicatorScorer>? scorers)
    {
        var problems = new List<string>();
        if (manifest is null)
        {
            problems.Add("清单（Manifest）为空");
            return problems;
        }

        if (!IsPackId(manifest.Id))
        {
            problems.Add($"标识“{manifest.Id}”无效，只能由小写字母、数字和连字符组成");
        }

        if (string.IsNullOrEmpty(manifest.Version) || !SemanticVersion.IsValid(manifest.Version))
        {
            problems.Add($"版本号“{manifest.Version}”不是有效的语义化版本（SemVer 2.0，如 1.2.0）");
        }

        if (string.IsNullOrWhiteSpace(manifest.Name))
        {
            problems.Add("名称为空");
        }

        if (!Version.TryParse(manifest.ContractVersion, out var contract))
        {
            problems.Add($"清单中的接口契约版本“{manifest.ContractVersion}”无效");
        }
        else if (contract.Major != HostContract.Major)
        {
            problems.Add($"清单中的接口契约版本为 {manifest.ContractVersion}，本系统接口契约为 {HostContract.Version}");
        }
        else if (contract.Minor > HostContract.Minor)
        {
            // A newer minor may use members this host does not have (e.g. a KPI data source on a 1.0 host).
            problems.Add($"清单中的接口契约版本为 {manifest.ContractVersion}，高于本系统接口契约 {HostContract.Version}，请升级本系统");
        }

        var scorerIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scorer in scorers ?? [])
        {
            if (scorer is null || string.IsNullOrEmpty(scorer.Id))
            {
                problems.Add("有评分器为空或没有标识");
            }
            else if (!scorerIds.Add(scorer.Id))
            {
                problems.Add($"评分器标识“{scorer.Id}”重复");
            }
        }

        if (manifest.Categories is null || manifest.Categories.Count == 0)
        {
            problems.Add("没有定义支部类别");
            return problems;
        }

        var categoryCodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var category in manifest.Categories)
        {
            if (category is null)
            {
                problems.Add("有支部类别为空");
                continue;
            }

            ValidateCategory(manifest.Id, category, scorerIds, problems);
            if (category.Code is not null && !categoryCodes.Add(category.Code))
            {
                problems.Add($"支部类别编码“{category.Code}”重复");
            }
        }

        return problems;
    }

    private static void ValidateCategory(string packId, BranchCategory category, HashSet<string> scorerIds, List<string> problems)
    {
        var prefix = packId + "/";
        if (string.IsNullOrEmpty(category.Code)
            || !category.Code.StartsWith(prefix, StringComparison.Ordinal)
            || category.Code.Length == prefix.Length)
        {
            problems.Add($"支部类别编码“{category.Code}”须以“{prefix}”开头");
        }

        var where = $"支部类别“{category.Code}”";
        if (string.IsNullOrWhiteSpace(category.Name))
        {
            problems.Add($"{where}没有名称");
        }

        if (category.Grades?.Bands is not { Count: > 0 })
        {
            problems.Add($"{where}没有等次划分");
        }

        if (category.Dimensions is null || category.Dimensions.Count == 0)
        {
            problems.Add($"{where}没有考核维度");
            return;
        }

        var dimensionCodes = new HashSet<string>(StringComparer.Ordinal);
        var indicatorCodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dimension in category.Dimensions)
        {
            if (dimension is null || string.IsNullOrEmpty(dimension.Code))
            {
                problems.Add($"{where}有考核维度为空或没有编码");
                continue;
            }

            if (!dimensionCodes.Add(dimension.Code))
            {
                problems.Add($"{where}的考核维度编码“{dimension.Code}”重复");
            }

            foreach (var indicator in dimension.Indicators ?? [])
            {
                ValidateIndicator(where, indicator, indicatorCodes, scorerIds, problems);
            }
        }
    }

    private static void ValidateIndicator(
        string where, Indicator? indicator, HashSet<string> indicatorCodes, HashSet<string> scorerIds, List<string> problems)
    {
        if (indicator is null || string.IsNullOrEmpty(indicator.Code))
        {
            problems.Add($"{where}有指标为空或没有编码");
            return;
        }

        if (!indicatorCodes.Add(indicator.Code))
        {
            problems.Add($"{where}的指标编码“{indicator.Code}”重复");
        }

        if (indicator.MaxPoints < 0)
        {
            problems.Add($"{where}的指标“{indicator.Code}”满分为负数（{indicator.MaxPoints}）");
        }

        switch (indicator.Rule)
        {
            case null:
                problems.Add($"{where}的指标“{indicator.Code}”没有评分规则");
                break;
            case CodeRule code when !scorerIds.Contains(code.ScorerId ?? string.Empty):
                problems.Add($"{where}的指标“{indicator.Code}”引用的评分器“{code.ScorerId}”不存在");
                break;
            case KpiTargetRule { DataSource: { } source }:
                if (string.IsNullOrWhiteSpace(source.Name) || source.Name.Length > MaxSourceText)
                {
                    problems.Add($"{where}的指标“{indicator.Code}”声明的数据源名称为空或超过{MaxSourceText}个字符");
                }

                if (!IsSourceField(source.BranchField) || !IsSourceField(source.ValueField) || source.BranchField == source.ValueField)
                {
                    problems.Add($"{where}的指标“{indicator.Code}”声明的数据源字段无效：支部编码字段和指标值字段须不同、非空且不超过{MaxSourceText}个字符");
                }

                break;
        }
    }

    private const int MaxSourceText = 100;

    private static bool IsSourceField(string? field) => !string.IsNullOrWhiteSpace(field) && field.Length <= MaxSourceText && field.Trim() == field;

    /// <summary>Whether <paramref name="id"/> is a valid pack id: lower-case ASCII letters, digits and hyphens.</summary>
    public static bool IsPackId(string? id) => !string.IsNullOrEmpty(id) && PackId().IsMatch(id);

    [GeneratedRegex(@"^[a-z0-9-]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex PackId();
}
