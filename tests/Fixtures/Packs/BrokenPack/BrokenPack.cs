using Appraisal.PartyBuilding.Contracts;

namespace BrokenPack;

/// <summary>Fails when the host creates it.</summary>
public sealed class BrokenPack : IIndicatorPack
{
    /// <summary>The message the tests look for.</summary>
    public const string Failure = "测试用指标包故意在构造时失败";

    /// <summary>Always throws.</summary>
    public BrokenPack() => throw new InvalidOperationException(Failure);

    /// <inheritdoc />
    public PackManifest Manifest => throw new InvalidOperationException(Failure);
}
