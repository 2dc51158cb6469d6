using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Plugins;

/// <summary>What the host knows about the contract assembly, and how a pack's reference to it is judged.</summary>
internal static class ContractAssembly
{
    public static string Name { get; } = typeof(IIndicatorPack).Assembly.GetName().Name!;

    public static bool IsContract(string? assemblyName) =>
        string.Equals(assemblyName, Name, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether a pack built against <paramref name="packContract"/> runs on this host: same major version, and a
    /// minor version the host already has (a pack may use members added in its minor version).
    /// </summary>
    public static bool IsCompatible(Version packContract) =>
        packContract.Major == HostContract.Major && packContract.Minor <= HostContract.Minor;
}

/// <summary>The identity of a pack's main assembly and the contract version it was compiled against.</summary>
/// <param name="AssemblyName">The assembly's own simple name.</param>
/// <param name="ContractVersion">The version of its reference to the contract, or <c>null</c> when it has none.</param>
internal sealed record PackAssemblyInfo(string AssemblyName, Version? ContractVersion)
{
    /// <summary>
    /// Reads the assembly's metadata without loading it, so that a pack built for another contract is refused
    /// before any of its code or types enter the process.
    /// </summary>
    /// <returns><c>null</c> when the file is not a .NET assembly.</returns>
    public static PackAssemblyInfo? Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var peReader = new PEReader(stream);
        if (!peReader.HasMetadata)
        {
            return null;
        }

        var reader = peReader.GetMetadataReader();
        if (!reader.IsAssembly)
        {
            return null;
        }

        var name = reader.GetString(reader.GetAssemblyDefinition().Name);
        Version? contractVersion = null;
        foreach (var handle in reader.AssemblyReferences)
        {
            var reference = reader.GetAssemblyReference(handle);
            if (ContractAssembly.IsContract(reader.GetString(reference.Name)))
            {
                contractVersion = reference.Version;
                break;
            }
        }

        return new PackAssemblyInfo(name, contractVersion);
    }
}
