using Appraisal.PartyBuilding.Contracts;

namespace HangingPack;

/// <summary>Its constructor never returns: the host must give up on it after <c>Packs:CallTimeout</c>.</summary>
public sealed class HangingPack : IIndicatorPack
{
    /// <summary>Loops for ever, asleep, so the abandoned thread costs the test machine no processor time.</summary>
    public HangingPack()
    {
        while (true)
        {
            Thread.Sleep(1000);
        }
    }

    /// <inheritdoc />
    public PackManifest Manifest => throw new InvalidOperationException("unreachable");
}
