using Appraisal.PartyBuilding.Contracts;

namespace InvalidManifestPack;

/// <summary>A manifest with a version that is not SemVer and no categories.</summary>
public sealed class InvalidManifestPack : IIndicatorPack
{
    /// <inheritdoc />
    public PackManifest Manifest { get; } = new("invalid-manifest", "1.0", "清单无效的指标包", []);
}
