using System.Reflection;
using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Plugins;

/// <summary>A pack refused by a check, or failed for a reason worth a specific message.</summary>
internal sealed class PackLoadException(string message, Exception? innerException = null)
    : Exception(message, innerException);

/// <summary>Loads one pack folder: <c>{folder}/{folder}.dll</c> with its <c>.deps.json</c>.</summary>
internal static class PackLoader
{
    public static LoadedPack Load(string directory)
    {
        var folder = Path.GetFileName(directory);
        var mainPath = Path.Combine(directory, folder + ".dll");
        CheckBeforeLoading(folder, mainPath);

        var context = new PackLoadContext(folder, mainPath);
        var assembly = context.LoadFromAssemblyPath(mainPath);
        var instance = CreatePack(folder, FindPackType(folder, assembly));

        // Read once: the host keeps working with the manifest it validated, whatever the property does later.
        var manifest = instance.Manifest;
        var problems = ManifestValidator.Validate(manifest, instance.Scorers);
        if (problems.Count > 0)
        {
            throw new PackLoadException($"指标包“{folder}”的清单无效：{string.Join("；", problems)}。");
        }

        return new LoadedPack(manifest, directory, instance, context);
    }

    /// <summary>Everything that can be decided from the file alone, so a refused pack never gets a load context.</summary>
    private static void CheckBeforeLoading(string folder, string mainPath)
    {
        if (!File.Exists(mainPath))
        {
            throw new PackLoadException(
                $"指标包“{folder}”缺少主程序集“{folder}.dll”：指标包目录名须与其主程序集名一致。");
        }

        PackAssemblyInfo? info;
        try
        {
            info = PackAssemblyInfo.Read(mainPath);
        }
        catch (BadImageFormatException e)
        {
            throw new PackLoadException($"指标包“{folder}”的主程序集“{folder}.dll”不是有效的 .NET 程序集。", e);
        }

        if (info is null)
        {
            throw new PackLoadException($"指标包“{folder}”的主程序集“{folder}.dll”不是有效的 .NET 程序集。");
        }

        if (!string.Equals(info.AssemblyName, folder, StringComparison.OrdinalIgnoreCase)
            || ContractAssembly.IsContract(info.AssemblyName))
        {
            throw new PackLoadException(
                $"指标包“{folder}”的主程序集名为“{info.AssemblyName}”，与目录名不一致，已拒绝加载。");
        }

        if (info.ContractVersion is not { } contract)
        {
            throw new PackLoadException(
                $"指标包“{folder}”未引用接口契约程序集 {ContractAssembly.Name}，不是指标包，已拒绝加载。");
        }

        if (!ContractAssembly.IsCompatible(contract))
        {
            throw new PackLoadException(
                $"指标包“{folder}”按接口契约 {contract.Major}.{contract.Minor} 构建，本系统接口契约为 {HostContract.Version}，已拒绝加载。");
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
