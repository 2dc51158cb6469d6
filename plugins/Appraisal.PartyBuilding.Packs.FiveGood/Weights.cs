using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Packs.FiveGood;

/// <summary>
/// The rater-group weights of each 五好 dimension (each sums to 1): the group that sees a quality best weighs most.
/// </summary>
public static class Weights
{
    /// <summary>团结好: peers see how an office works with others. Leaders 0.4, peers 0.4, service recipients 0.2.</summary>
    public static IReadOnlyDictionary<RaterGroup, decimal> Unity { get; } = Of(leader: 0.4m, peer: 0.4m, recipient: 0.2m);

    /// <summary>作风好: service recipients meet the office's manners. Leaders 0.3, peers 0.2, service recipients 0.5.</summary>
    public static IReadOnlyDictionary<RaterGroup, decimal> Conduct { get; } = Of(leader: 0.3m, peer: 0.2m, recipient: 0.5m);

    /// <summary>效果好: service recipients feel the results. Leaders 0.3, peers 0.2, service recipients 0.5.</summary>
    public static IReadOnlyDictionary<RaterGroup, decimal> Effect { get; } = Of(leader: 0.3m, peer: 0.2m, recipient: 0.5m);

    /// <summary>自律好: leaders hold the rules. Leaders 0.5, peers 0.3, service recipients 0.2.</summary>
    public static IReadOnlyDictionary<RaterGroup, decimal> Discipline { get; } = Of(leader: 0.5m, peer: 0.3m, recipient: 0.2m);

    /// <summary>业绩好 (rated half): leaders set the tasks. Leaders 0.5, peers 0.2, service recipients 0.3.</summary>
    public static IReadOnlyDictionary<RaterGroup, decimal> Performance { get; } = Of(leader: 0.5m, peer: 0.2m, recipient: 0.3m);

    private static IReadOnlyDictionary<RaterGroup, decimal> Of(decimal leader, decimal peer, decimal recipient) =>
        new Dictionary<RaterGroup, decimal>
        {
            [RaterGroup.Leader] = leader,
            [RaterGroup.Peer] = peer,
            [RaterGroup.ServiceRecipient] = recipient,
        }.AsReadOnly();
}
