using Appraisal.PartyBuilding.Core.Periods;

namespace Appraisal.PartyBuilding.Data.Results;

/// <summary>
/// Writes computed results in bulk, bypassing EF Core's change tracker: a province has about 30 indicator rows per
/// branch, and tracking them one statement at a time was most of a period's scoring time (issue 11). One
/// implementation per provider (<see cref="DatabaseRegistration"/> chooses it). Every call runs on the context's
/// connection inside its current transaction, which the caller must have begun, so that a re-score's delete and
/// insert commit or roll back together.
/// </summary>
public interface IBranchResultWriter
{
    /// <summary>
    /// Inserts the results with their indicators (stored in list order, which is the order the pages show them).
    /// Each result's <see cref="BranchResult.Id"/> and indicator keys are assigned by the database; the objects are
    /// not updated with them.
    /// </summary>
    Task InsertAsync(AppraisalDbContext db, IReadOnlyList<BranchResult> results, CancellationToken cancellationToken);

    /// <summary>Sets the rank and percentile of stored results, by result id.</summary>
    Task SetRanksAsync(AppraisalDbContext db, IReadOnlyList<ResultRank> ranks, CancellationToken cancellationToken);
}

/// <summary>A stored result's place in its category.</summary>
public readonly record struct ResultRank(long ResultId, int Rank, decimal Percentile);
