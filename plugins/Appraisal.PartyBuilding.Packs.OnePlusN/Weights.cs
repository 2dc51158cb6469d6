using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Packs.OnePlusN;

/// <summary>The rater-group weights of the pack's 360 ratings.</summary>
internal static class Weights
{
    public static IReadOnlyDictionary<RaterGroup, decimal> LeadersAndPeers { get; } = new Dictionary<RaterGroup, decimal>
    {
        [RaterGroup.Leader] = 0.6m,
        [RaterGroup.Peer] = 0.4m,
    }.AsReadOnly();

    public static IReadOnlyDictionary<RaterGroup, decimal> ServiceRecipientsFirst { get; } = new Dictionary<RaterGroup, decimal>
    {
        [RaterGroup.ServiceRecipient] = 0.6m,
        [RaterGroup.Peer] = 0.2m,
        [RaterGroup.Leader] = 0.2m,
    }.AsReadOnly();

    public static IReadOnlyDictionary<RaterGroup, decimal> LeadersOnly { get; } = new Dictionary<RaterGroup, decimal>
    {
        [RaterGroup.Leader] = 1m,
    }.AsReadOnly();

    public static IReadOnlyDictionary<RaterGroup, decimal> ServiceRecipientsOnly { get; } = new Dictionary<RaterGroup, decimal>
    {
        [RaterGroup.ServiceRecipient] = 1m,
    }.AsReadOnly();
}
