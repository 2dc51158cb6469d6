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
/// <param name="Instance">The pack's entry point.</param>
/// <param name="LoadContext">The load context holding the pack's assembly and its private dependencies.</param>
public sealed record LoadedPack(PackManifest Manifest, string Directory, IIndicatorPack Instance, AssemblyLoadContext LoadContext)
{
    /// <summary>The pack's main assembly.</summary>
    public Assembly Assembly => Instance.GetType().Assembly;

    /// <summary>The pack's scorer with the given <see cref="IIndicatorScorer.Id"/>, or <c>null</c>.</summary>
    /// <param name="scorerId">The id a <see cref="CodeRule"/> refers to.</param>
    public IIndicatorScorer? FindScorer(string scorerId) =>
        Instance.Scorers.FirstOrDefault(s => string.Equals(s.Id, scorerId, StringComparison.Ordinal));
}

/// <summary>A pack folder that was refused or failed to load; the host goes on without it.</summary>
/// <param name="Directory">The pack's folder (or the packs folder itself when that is missing), a full path.</param>
/// <param name="Message">What went wrong, in Simplified Chinese, for the administrator who installed the pack.</param>
/// <param name="Exception">The exception behind the failure; <c>null</c> when the pack was refused by a check.</param>
public sealed record PackLoadFailure(string Directory, string Message, Exception? Exception);
