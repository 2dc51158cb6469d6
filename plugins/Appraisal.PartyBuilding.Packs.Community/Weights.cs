using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Packs.Community;

/// <summary>The rater-group weights of the pack's ratings.</summary>
internal static class Weights
{
    /// <summary>Villagers rate the branch that serves them; the township's leaders add their view.</summary>
    public static IReadOnlyDictionary<RaterGroup, decimal> VillagersFirst { get; } = new Dictionary<RaterGroup, decimal>
    {
        [RaterGroup.ServiceRecipient] = 0.7m,
        [RaterGroup.Leader] = 0.3m,
    }.AsReadOnly();
}
