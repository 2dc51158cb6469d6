namespace Appraisal.PartyBuilding.Plugins;

/// <summary>What the host recorded that decides what loads: installed versions and the versions periods still use.</summary>
/// <param name="Installed">The installed versions with their digest and state.</param>
/// <param name="Pinned">Versions pinned by a period that is not final: they stay loaded.</param>
public sealed record PackCatalogState(IReadOnlyCollection<PackInstallRecord> Installed, IReadOnlySet<(string PackId, string Version)> Pinned);

/// <summary>
/// The catalog the host runs with, replaced as a whole when packs change (hot reload): a reload builds a new
/// <see cref="PackCatalog"/> beside the current one (taking over every pack whose folder did not change, so their code
/// is not run again) and swaps it in with one reference write. A reader holds one catalog for the whole of its work
/// and never sees half a change. Versions the new catalog leaves out (disabled and not pinned) are unloaded.
/// </summary>
public sealed class LivePackCatalog(string packsPath, PackLoadSettings settings, Func<PackCatalogState> state)
{
    private readonly Lock gate = new();
    private PackCatalog? current;

    /// <summary>The catalog now in use; loaded on first use.</summary>
    public PackCatalog Current => Volatile.Read(ref current) ?? FirstLoad();

    /// <summary>
    /// Loads the packs folder again with what the host records now and swaps the result in. Reloads are serialized;
    /// readers are never blocked.
    /// </summary>
    /// <returns>The new catalog.</returns>
    public PackCatalog Reload()
    {
        lock (gate)
        {
            var now = state();
            var previous = current;
            var next = PackCatalog.Load(packsPath, now.Installed, settings, previous, now.Pinned);
            Volatile.Write(ref current, next);
            if (previous is not null)
            {
                var kept = next.Versions.ToHashSet(ReferenceEqualityComparer.Instance);
                foreach (var dropped in previous.Versions.Where(p => !kept.Contains(p)))
                {
                    // The context goes once the last reader of the old catalog lets go of its objects.
                    dropped.Loader?.Dispose();
                }
            }

            return next;
        }
    }

    private PackCatalog FirstLoad()
    {
        lock (gate)
        {
            return current ?? Reload();
        }
    }
}
