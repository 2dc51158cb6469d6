using System.Reflection;
using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Plugins;

/// <summary>A pack refused by a check, or failed for a reason worth a specific message.</summary>
internal sealed class PackLoadException(string message, Exception? innerException = null)
    : Exception(message, innerException);

/// <summary>
/// Loads the code of one pack folder (see <see cref="PackLayout"/> for where its main assembly is) into a load
/// context of its own, after the checks that need no code.
/// </summary>
internal static class PackLoader
{
    public const string Refused = "已拒绝加载";

    /// <summary>Loads a pack for good: a non-collectible context that lives as long as the process.</summary>
    public static LoadedPack Load(PackFolder folder)
    {
        var mainPath = MainAssemblyPath(folder, Refused);
        CheckBeforeLoading(folder, mainPath, Refused);

        var context = new PackLoadContext(folder.Name, mainPath, isCollectible: false);
        var (instance, manifest) = Instantiate(folder.Name, context, mainPath, Refused);
        return new LoadedPack(manifest, folder.Path, instance, context);
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

    /// <summary>Loads the main assembly into <paramref name="context"/>, creates the pack and validates its manifest.</summary>
    public static (IIndicatorPack Instance, PackManifest Manifest) Instantiate(string name, PackLoadContext context, string mainPath, string refusal)
    {
        var assembly = context.LoadPackAssembly(mainPath);
        var instance = CreatePack(name, FindPackType(name, assembly));

        // Read once: the host keeps working with the manifest it validated, whatever the property does later.
        var manifest = instance.Manifest;
        var problems = ManifestValidator.Validate(manifest, instance.Scorers);
        if (problems.Count > 0)
        {
            throw new PackLoadException($"指标包“{name}”的清单无效：{string.Join("；", problems)}。");
        }

        return (instance, manifest);
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
