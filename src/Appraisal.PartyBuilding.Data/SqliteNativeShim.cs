using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace Appraisal.PartyBuilding.Data;

/// <summary>
/// Why this exists: the package registry here holds SQLitePCLRaw 2.0.6 only, while
/// Microsoft.Data.Sqlite 10 is compiled against SQLitePCLRaw 2.1.x. Two fixes, both here and nowhere else:
/// (1) binding requests for the newer SQLitePCLRaw.core are answered with the 2.0.6 file we ship, and
/// (2) the native <c>e_sqlite3</c> is mapped to the system's libsqlite3.so.0 (Debian 12: 3.40), because the
/// bundled 3.35 is too old for EF Core's JSON queries. If the system library is absent, the bundled one is used.
/// Delete this file once the registry carries SQLitePCLRaw 2.1.
/// </summary>
internal static class SqliteNativeShim
{
    private static readonly string[] SystemLibraries = ["libsqlite3.so.0", "libsqlite3.so"];

    // A module initializer is the one hook that runs before EF Core or Microsoft.Data.Sqlite touch SQLitePCLRaw,
    // whoever the host is (web app, command-line verb or test).
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Install()
    {
        AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            if (name.Name is not ("SQLitePCLRaw.core" or "SQLitePCLRaw.provider.e_sqlite3" or "SQLitePCLRaw.batteries_v2"))
            {
                return null;
            }

            var path = Path.Combine(AppContext.BaseDirectory, name.Name + ".dll");
            return File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;
        };

        foreach (var loaded in AppDomain.CurrentDomain.GetAssemblies())
        {
            TrySetResolver(loaded);
        }

        AppDomain.CurrentDomain.AssemblyLoad += (_, args) => TrySetResolver(args.LoadedAssembly);
    }

    private static void TrySetResolver(Assembly assembly)
    {
        if (assembly.GetName().Name != "SQLitePCLRaw.provider.e_sqlite3")
        {
            return;
        }

        NativeLibrary.SetDllImportResolver(assembly, (libraryName, _, _) =>
        {
            if (libraryName != "e_sqlite3")
            {
                return IntPtr.Zero;
            }

            foreach (var candidate in SystemLibraries)
            {
                if (NativeLibrary.TryLoad(candidate, out var handle))
                {
                    return handle;
                }
            }

            return IntPtr.Zero;
        });
    }
}
