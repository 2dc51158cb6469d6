namespace Appraisal.PartyBuilding.Web.Features.Cycle;

/// <summary>
/// How many appeals of a period are filed and not yet decided: a period is not finalized while there are any.
/// The seam between the cycle and the appeals feature (反馈/申辩), which registers its own implementation.
/// </summary>
public interface IPendingAppeals
{
    Task<int> CountAsync(int periodId, CancellationToken cancellationToken);
}

/// <summary>
/// Appeals cannot be filed yet (the appeals feature is not built), so none is ever pending. Registered with
/// TryAdd: an implementation registered before it, or put in its place with <c>services.Replace</c>, wins.
/// </summary>
public sealed class NoAppealsYet : IPendingAppeals
{
    public Task<int> CountAsync(int periodId, CancellationToken cancellationToken) => Task.FromResult(0);
}
