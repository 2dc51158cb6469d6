using System.Reflection;
using System.Runtime.Loader;
using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Plugins;

/// <summary>A pack that loaded and passed validation.</summary>
/// <param name="Manifest">
/// The manifest, read once when the pack loaded: the catalog validated this instance, so the host works with it
/// rather than asking the pack again.
/// </param>
/// <param name="Directory">The pack's folder, a full path.</param>
/// <param name="Instance">The pack's entry point. The host calls the pack's code through <see cref="FindScorer"/>, with the time limit.</param>
/// <param name="LoadContext">The load context holding the pack's assembly and its private dependencies.</param>
public sealed record LoadedPack(PackManifest Manifest, string Directory, IIndicatorPack Instance, AssemblyLoadContext LoadContext)
{
    /// <summary>The McMaster.NETCore.Plugins loader of a code pack; disposing it unloads the pack. <c>null</c> for a pack authored in Excel.</summary>
    internal McMaster.NETCore.Plugins.PluginLoader? Loader { get; init; }

    /// <summary>The pack's scorers as the host calls them (with the time limit for a code pack), read once at load.</summary>
    internal IReadOnlyList<IIndicatorScorer>? TimedScorers { get; init; }

    /// <summary>The pack's main assembly.</summary>
    public Assembly Assembly => Instance.GetType().Assembly;

    /// <summary>
    /// The digest of the folder's checked hash list (<see cref="PackHashes.Digest"/>): the exact content this version
    /// was loaded from. <c>null</c> only for a pack not loaded by the catalog.
    /// </summary>
    public string? Digest { get; init; }

    /// <summary>The pack's category with the given code, or <c>null</c>.</summary>
    /// <param name="code">A category code, e.g. <c>one-plus-n/operations</c>.</param>
    public BranchCategory? FindCategory(string code) =>
        Manifest.Categories.FirstOrDefault(c => string.Equals(c.Code, code, StringComparison.Ordinal));

    /// <summary>The pack's scorer with the given <see cref="IIndicatorScorer.Id"/>, or <c>null</c>.</summary>
    /// <param name="scorerId">The id a <see cref="CodeRule"/> refers to.</param>
    public IIndicatorScorer? FindScorer(string scorerId) =>
        (TimedScorers ?? Instance.Scorers).FirstOrDefault(s => string.Equals(s.Id, scorerId, StringComparison.Ordinal));
}

/// <summary>A pack folder that was refused or failed to load; the host goes on without it.</summary>
/// <param name="Directory">The pack's folder (or the packs folder itself when that is missing), a full path.</param>
/// <param name="Message">What went wrong, in Simplified Chinese, for the administrator who installed the pack.</param>
/// <param name="Exception">The exception behind the failure; <c>null</c> when the pack was refused by a check.</param>
/// <param name="PackId">The pack's id when it was known before the failure (from an installed folder's path or the manifest).</param>
/// <param name="Version">The pack's version when it was known before the failure.</param>
public sealed record PackLoadFailure(string Directory, string Message, Exception? Exception, string? PackId = null, string? Version = null);

/// <summary>A pack version left out because it is disabled; none of its code was loaded when its digest was known.</summary>
/// <param name="PackId">The pack's id.</param>
/// <param name="Version">The pack's version.</param>
/// <param name="Directory">The pack's folder, a full path.</param>
public sealed record DisabledPack(string PackId, string Version, string Directory);

/// <summary>What the host recorded when a pack version was installed: the catalog holds the folder to it.</summary>
/// <param name="PackId">The pack's id.</param>
/// <param name="Version">The pack's version.</param>
/// <param name="Digest">The digest of its hash list when it was installed (<see cref="PackHashes.Digest"/>).</param>
/// <param name="Enabled">Whether the version may load.</param>
public sealed record PackInstallRecord(string PackId, string Version, string Digest, bool Enabled);
