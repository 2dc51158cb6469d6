using System.Reflection;
using System.Runtime.Loader;

namespace Appraisal.PartyBuilding.Plugins;

/// <summary>
/// The load context of one pack version. The catalog's are non-collectible: packs change on restart only, and a
/// collectible context would make every contract object handed to the host a potential leak of the whole pack.
/// Only the check of an upload uses a collectible one, unloaded once the manifest has been read.
/// </summary>
internal sealed class PackLoadContext : AssemblyLoadContext
{
    private readonly AssemblyDependencyResolver resolver;

    public PackLoadContext(string name, string mainAssemblyPath, bool isCollectible)
        : base(isCollectible ? $"pack-check:{name}" : $"pack:{name}", isCollectible)
    {
        resolver = new AssemblyDependencyResolver(mainAssemblyPath);
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // The contract must come from the default context, even if a pack carries its own copy: otherwise the
        // pack's IIndicatorPack would be a different type from the host's and the cast would fail.
        if (ContractAssembly.IsContract(assemblyName.Name))
        {
            return null;
        }

        // A private copy wins, so a pack can carry another version of a library the host also uses.
        var path = resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadPackAssembly(path);
    }

    /// <summary>
    /// Loads an assembly of the pack. A collectible context (an upload being checked) reads it from memory, so no
    /// file of the upload stays open or locked while the folder is moved into place or deleted.
    /// </summary>
    public Assembly LoadPackAssembly(string path)
    {
        if (!IsCollectible)
        {
            return LoadFromAssemblyPath(path);
        }

        using var stream = new MemoryStream(File.ReadAllBytes(path));
        return LoadFromStream(stream);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
