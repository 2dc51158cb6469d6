using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Text.Json;
using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Plugins;

/// <summary>
/// The manifest as data: <c>pack.manifest.json</c>, written by the pack build (<c>packs manifest</c>, run by
/// <c>plugins/Pack.props</c>) and covered by the hash list and its signature. An upload is inspected from this file
/// without running any of its code; when the code is later loaded, the manifest it returns must serialize to exactly
/// this file, or the pack is refused. The form is canonical (objects with a <c>$type</c> and their public
/// properties sorted by name, dictionaries sorted by key), so the same manifest always gives the same bytes.
/// </summary>
public static class PackManifestFile
{
    /// <summary>The file's name, at the root of the pack folder.</summary>
    public const string FileName = "pack.manifest.json";

    /// <summary>
    /// Optional members added to the contract after 1.0, written only when set: a pack that does not use them keeps the
    /// manifest file (and the signed hash list covering it) it was built with.
    /// </summary>
    private static readonly HashSet<(Type, string)> AddedLater = [(typeof(KpiTargetRule), nameof(KpiTargetRule.DataSource))];

    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// A copy of a pack's manifest made only of the host's objects: contract records and framework lists. A pack's
    /// collections (even those the compiler generates for <c>[..]</c>) live in the pack's assembly, and walking them
    /// would run pack code each time the host reads the manifest, outside any time limit; the copy is made once,
    /// within it. A rule of a kind the contract does not define is refused.
    /// </summary>
    /// <exception cref="PackLoadException">A rule is not one of the contract's kinds.</exception>
    internal static PackManifest HostCopy(PackManifest manifest) => new(
        manifest.Id,
        manifest.Version,
        manifest.Name,
        manifest.Categories?.Select(c => c is null ? null! : new BranchCategory(
            c.Code,
            c.Name,
            c.Dimensions?.Select(d => d is null ? null! : new Dimension(
                d.Code,
                d.Name,
                d.Indicators?.Select(i => i is null ? null! : new Indicator(i.Code, i.Name, i.MaxPoints, CopyRule(i.Rule))).ToList()!)).ToList()!,
            c.Grades is null ? null! : new GradeScale(c.Grades.Bands?.Select(b => b is null ? null! : new GradeBand(b.Name, b.MinPercent)).ToList()!))).ToList()!,
        manifest.ContractVersion);

    private static IndicatorRule CopyRule(IndicatorRule rule) => rule switch
    {
        null => null!,
        RatingRule rating => rating with { Weights = rating.Weights?.ToDictionary(w => w.Key, w => w.Value)! },
        RecordFrequencyRule or ManualRule or DeductionRule or KpiTargetRule or BonusRule or VetoRule or CodeRule => rule with { },
        _ => throw new PackLoadException($"清单中的规则类型“{rule.GetType().FullName}”不是接口契约定义的规则。"),
    };

    /// <summary>The canonical JSON of <paramref name="manifest"/>.</summary>
    /// <exception cref="PackLoadException">The manifest holds a type that is not the host's.</exception>
    public static string ToJson(PackManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Indented))
        {
            WriteValue(writer, manifest);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>
    /// What the pack build does (<c>packs manifest</c>): creates the pack of a freshly built folder
    /// (<c>{folder}/{folder}.dll</c>, or the assembly of its one <c>.deps.json</c>) in a load context of its own, with the time limit, and writes its manifest file.
    /// This runs the pack's code, on the author's build machine; the host never does so to inspect an upload.
    /// </summary>
    /// <returns>The pack's id and version.</returns>
    /// <exception cref="InvalidOperationException">The pack cannot be created; the message says why, in Chinese.</exception>
    public static (string Id, string Version) WriteFromBuild(string directory, PackLoadSettings settings)
    {
        var path0 = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        // The build shape ({folder}/{folder}.dll), or the main assembly named by the one .deps.json (a project whose
        // assembly name differs from its folder, as an upgrade's may).
        var shape = File.Exists(Path.Combine(path0, Path.GetFileName(path0) + ".dll")) ? PackFolderShape.Build : PackFolderShape.Installed;
        var folder = new PackFolder(path0, shape, null, null, Path.GetFileName(path0));
        const string refusal = "无法生成清单文件";
        try
        {
            var mainPath = PackLoader.MainAssemblyPath(folder, refusal);
            PackLoader.CheckBeforeLoading(folder, mainPath, refusal);
            using var loader = PackLoader.CreateLoader(mainPath);
            // Not validated here: the host validates when it loads the pack, with the same messages for every author.
            var created = PackLoader.Instantiate(folder.Name, loader, settings, refusal, validate: false);
            var path = Path.Combine(folder.Path, FileName);
            if (!File.Exists(path) || File.ReadAllText(path, Encoding.UTF8) != created.ManifestJson)
            {
                File.WriteAllText(path, created.ManifestJson, new UTF8Encoding(false));
            }

            return (created.Manifest.Id, created.Manifest.Version);
        }
        catch (PackLoadException e)
        {
            throw new InvalidOperationException(e.Message, e);
        }
    }

    /// <summary>The text of the folder's manifest file.</summary>
    /// <exception cref="PackLoadException">The file is missing.</exception>
    internal static string Read(string directory, string name, string refusal)
    {
        var path = Path.Combine(directory, FileName);
        return File.Exists(path)
            ? File.ReadAllText(path, Encoding.UTF8)
            : throw new PackLoadException($"指标包“{name}”缺少清单文件 {FileName}（由指标包构建生成），{refusal}。");
    }

    /// <summary>What the manifest file says, checked as far as data alone allows (the rest is checked when the code loads).</summary>
    /// <exception cref="PackLoadException">The file is not a manifest, or its id, version, name or categories are invalid.</exception>
    internal static DescribedManifest Describe(string json, string name, string refusal)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var id = root.GetProperty(nameof(PackManifest.Id)).GetString() ?? "";
            var version = root.GetProperty(nameof(PackManifest.Version)).GetString() ?? "";
            var title = root.GetProperty(nameof(PackManifest.Name)).GetString() ?? "";
            var categories = root.GetProperty(nameof(PackManifest.Categories)).EnumerateArray()
                .Select(c => (Code: c.GetProperty(nameof(BranchCategory.Code)).GetString() ?? "", Name: c.GetProperty(nameof(BranchCategory.Name)).GetString() ?? ""))
                .ToList();
            var problems = new List<string>();
            if (!ManifestValidator.IsPackId(id))
            {
                problems.Add($"标识“{id}”只能由小写字母、数字和连字符组成");
            }

            if (!SemanticVersion.IsValid(version))
            {
                problems.Add($"版本号“{version}”不是有效的语义化版本（SemVer 2.0，如 1.2.0）");
            }

            if (string.IsNullOrWhiteSpace(title))
            {
                problems.Add("缺少名称");
            }

            if (categories.Count == 0)
            {
                problems.Add("没有定义支部类别");
            }

            problems.AddRange(categories.Where(c => !c.Code.StartsWith(id + "/", StringComparison.Ordinal)).Select(c => $"支部类别“{c.Code}”应以“{id}/”开头"));
            if (problems.Count > 0)
            {
                throw new PackLoadException($"指标包“{name}”的清单无效：{string.Join("；", problems)}。");
            }

            return new DescribedManifest(id, version, title, categories);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new PackLoadException($"指标包“{name}”的清单文件 {FileName} 不是有效的指标包清单，{refusal}。", e);
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        // Only the host's types (contract records, framework collections) may make up a manifest: a type of the pack
        // (a list or rule of its own) would run pack code each time the host walks the manifest, outside any time limit.
        if (value is not null && AssemblyLoadContext.GetLoadContext(value.GetType().Assembly) != AssemblyLoadContext.Default)
        {
            throw new PackLoadException($"清单中含有指标包自己定义的类型“{value.GetType().FullName}”：清单只能由接口契约和 .NET 自带的类型组成。");
        }

        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case double number:
                writer.WriteNumberValue(number);
                break;
            case Enum member:
                writer.WriteStringValue(member.ToString());
                break;
            case IFormattable formattable:
                writer.WriteStringValue(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            case IDictionary dictionary:
                writer.WriteStartObject();
                foreach (var key in dictionary.Keys.Cast<object>().OrderBy(k => Convert.ToString(k, CultureInfo.InvariantCulture), StringComparer.Ordinal))
                {
                    writer.WritePropertyName(Convert.ToString(key, CultureInfo.InvariantCulture)!);
                    WriteValue(writer, dictionary[key]);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                WriteObject(writer, value);
                break;
        }
    }

    private static void WriteObject(Utf8JsonWriter writer, object value)
    {
        var type = value.GetType();
        writer.WriteStartObject();
        writer.WriteString("$type", type.Name);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is not null)
                     .OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var propertyValue = property.GetValue(value);
            if (propertyValue is null && AddedLater.Contains((type, property.Name)))
            {
                continue;
            }

            writer.WritePropertyName(property.Name);
            WriteValue(writer, propertyValue);
        }

        writer.WriteEndObject();
    }
}

/// <summary>What a manifest file says about a pack, read without its code.</summary>
internal sealed record DescribedManifest(string Id, string Version, string Name, IReadOnlyList<(string Code, string Name)> Categories);
