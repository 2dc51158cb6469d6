using System.Reflection;
using Appraisal.PartyBuilding.Contracts;
using McMaster.NETCore.Plugins;

namespace Appraisal.PartyBuilding.Plugins;

/// <summary>A pack refused by a check, or failed for a reason worth a specific message.</summary>
internal sealed class PackLoadException(string message, Exception? innerException = null)
    : Exception(message, innerException);

/// <summary>
/// Loads the code of one pack folder (see <see cref="PackLayout"/> for where its main assembly is) into a load
/// context of its own, after the checks that need no code (hashes, contract version from metadata, manifest file).
/// </summary>
internal static class PackLoader
{
    public const string Refused = "已拒绝加载";

    /// <summary>
    /// Loads a code pack into a McMaster.NETCore.Plugins loader of its own (<see cref="CreateLoader"/>), creates it with the time limit and checks that the
    /// manifest it returns is the one its manifest file declares.
    /// </summary>
    public static LoadedPack Load(PackFolder folder, PackLoadSettings settings)
    {
        var mainPath = MainAssemblyPath(folder, Refused);
        CheckBeforeLoading(folder, mainPath, Refused);
        var declared = PackManifestFile.Read(folder.Path, folder.Name, Refused);
        PackManifestFile.Describe(declared, folder.Name, Refused);

        var loader = CreateLoader(mainPath);
        try
        {
            var created = Instantiate(folder.Name, loader, settings, Refused);
            if (created.ManifestJson != declared)
            {
                throw new PackLoadException(
                    $"指标包“{folder.Name}”运行时给出的清单与其清单文件 {PackManifestFile.FileName} 不一致（清单文件由指标包构建生成，随包签名），{Refused}。");
            }

            return new LoadedPack(created.Manifest, folder.Path, created.Instance, loader.LoadContext)
            {
                Loader = loader,
                TimedScorers = created.Scorers,
            };
        }
        catch
        {
            // Unloads once nothing refers to the context any more; a constructor still running keeps it until it ends.
            loader.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The load context of one pack version: the contract's types come from the host (so the pack's
    /// <see cref="IIndicatorPack"/> is the host's), everything else the pack carries from its own folder (it may use
    /// another version of a library than the host), and it can be unloaded when the version is disabled.
    /// </summary>
    internal static PluginLoader CreateLoader(string mainPath) =>
        PluginLoader.CreateFromAssemblyFile(mainPath, isUnloadable: true, sharedTypes: [typeof(IIndicatorPack)]);

    /// <summary>
    /// Creates the pack from its main assembly on a thread of its own, with the time limit, reads its manifest and
    /// scorers once (the host keeps working with what it validated, whatever the properties do later) and validates
    /// the manifest.
    /// </summary>
    internal static CreatedPack Instantiate(string name, PluginLoader loader, PackLoadSettings settings, string refusal, bool validate = true)
    {
        var limit = settings.CallTimeout;
        (IIndicatorPack Instance, PackManifest? Manifest, string? Json, List<(IIndicatorScorer Scorer, string Id)> Scorers) created;
        try
        {
            created = PackCalls.OnOwnThread(
            () =>
            {
                var assembly = loader.LoadDefaultAssembly();
                var instance = CreatePack(name, FindPackType(name, assembly));
                var scorers = instance.Scorers.Select(s => (Scorer: s, s.Id)).ToList();
                var manifest = instance.Manifest is { } own ? PackManifestFile.HostCopy(own) : null;
                return (Instance: instance, Manifest: manifest, Json: manifest is null ? null : PackManifestFile.ToJson(manifest), Scorers: scorers);
            },
            limit,
            () => $"指标包“{name}”创建超过 {limit.TotalSeconds:0.###} 秒仍未完成（Packs:CallTimeout），{refusal}。");
        }
        catch (PackCallTimeoutException e)
        {
            throw new PackLoadException(e.Message, e);
        }

        // Validated with the wrappers: their ids were read inside the time limit, the validator calls no pack code.
        var timed = created.Scorers.Select(s => (IIndicatorScorer)new TimedScorer(s.Scorer, s.Id, name, limit)).ToList();
        var problems = validate ? ManifestValidator.Validate(created.Manifest, timed) : [];
        if (problems.Count > 0 || created.Manifest is null)
        {
            throw new PackLoadException($"指标包“{name}”的清单无效：{string.Join("；", problems.DefaultIfEmpty("清单（Manifest）为空"))}。");
        }

        return new CreatedPack(created.Instance, created.Manifest!, created.Json!, timed);
    }

    /// <summary>
    /// Where the folder's main assembly is: <c>{folder}/{folder}.dll</c> for the build shape, the assembly named
    /// after the one <c>.deps.json</c> for the installed shape (its folder is named after the version).
    /// </summary>
    public static string MainAssemblyPath(PackFolder folder, string refusal)
    {
        if (folder.Shape == PackFolderShape.Build)
        {
            var name = Path.GetFileName(folder.Path);
            var path = Path.Combine(folder.Path, name + ".dll");
            return File.Exists(path)
                ? path
                : throw new PackLoadException($"指标包“{name}”缺少主程序集“{name}.dll”：指标包目录名须与其主程序集名一致。");
        }

        var deps = Directory.GetFiles(folder.Path, "*.deps.json");
        var main = deps.Length == 1 ? deps[0][..^".deps.json".Length] + ".dll" : null;
        if (main is null || !File.Exists(main))
        {
            throw new PackLoadException(
                $"指标包“{folder.Name}”中找不到主程序集：应有且只有一个“*.deps.json”及同名的“.dll”（即指标包构建的输出），"
                + $"现有 {deps.Length} 个 .deps.json，{refusal}。");
        }

        return main;
    }

    /// <summary>Everything that can be decided from the files alone, so a refused pack never gets a load context.</summary>
    public static void CheckBeforeLoading(PackFolder folder, string mainPath, string refusal)
    {
        var name = folder.Name;
        var file = Path.GetFileName(mainPath);
        PackAssemblyInfo? info;
        try
        {
            info = PackAssemblyInfo.Read(mainPath);
        }
        catch (BadImageFormatException e)
        {
            throw new PackLoadException($"指标包“{name}”的主程序集“{file}”不是有效的 .NET 程序集。", e);
        }

        if (info is null)
        {
            throw new PackLoadException($"指标包“{name}”的主程序集“{file}”不是有效的 .NET 程序集。");
        }

        if (!string.Equals(info.AssemblyName, Path.GetFileNameWithoutExtension(mainPath), StringComparison.OrdinalIgnoreCase)
            || ContractAssembly.IsContract(info.AssemblyName))
        {
            var expected = folder.Shape == PackFolderShape.Build ? "目录名" : "文件名";
            throw new PackLoadException(
                $"指标包“{name}”的主程序集名为“{info.AssemblyName}”，与{expected}不一致，{refusal}。");
        }

        if (info.ContractVersion is not { } contract)
        {
            throw new PackLoadException(
                $"指标包“{name}”未引用接口契约程序集 {ContractAssembly.Name}，不是指标包，{refusal}。");
        }

        if (!ContractAssembly.IsCompatible(contract))
        {
            throw new PackLoadException(
                $"指标包“{name}”按接口契约 {contract.Major}.{contract.Minor} 构建，本系统接口契约为 {HostContract.Version}，{refusal}。");
        }
    }

    private static Type FindPackType(string folder, Assembly assembly)
    {
        var candidates = assembly.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false }
                && typeof(IIndicatorPack).IsAssignableFrom(t))
            .ToList();

        return candidates switch
        {
            [var only] when only.GetConstructor(Type.EmptyTypes) is not null => only,
            [var only] => throw new PackLoadException($"指标包“{folder}”的 {only.FullName} 没有公开的无参构造函数。"),
            [] => throw new PackLoadException($"指标包“{folder}”中没有实现 {nameof(IIndicatorPack)} 的公开类。"),
            _ => throw new PackLoadException(
                $"指标包“{folder}”中有 {candidates.Count} 个实现 {nameof(IIndicatorPack)} 的公开类"
                + $"（{string.Join("、", candidates.Select(t => t.FullName))}），只能有一个。"),
        };
    }

    private static IIndicatorPack CreatePack(string folder, Type type)
    {
        try
        {
            return (IIndicatorPack)Activator.CreateInstance(type)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is { } inner)
        {
            throw new PackLoadException($"指标包“{folder}”创建 {type.FullName} 时出错：{inner.Message}", inner);
        }
    }
}

/// <summary>A pack just created: its entry point, the manifest read once, and its scorers wrapped with the time limit.</summary>
/// <param name="Instance">The pack's entry point.</param>
/// <param name="Manifest">Its manifest, read once.</param>
/// <param name="Scorers">Its scorers, each wrapped with the time limit.</param>
/// <param name="ManifestJson">The manifest's canonical JSON (<see cref="PackManifestFile.ToJson"/>), made within the time limit.</param>
internal sealed record CreatedPack(IIndicatorPack Instance, PackManifest Manifest, string ManifestJson, IReadOnlyList<IIndicatorScorer> Scorers);
