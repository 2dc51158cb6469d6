namespace Appraisal.PartyBuilding.Core.Auditing;

/// <summary>
/// One write that matters: who did what to what, and when. Append-only and tamper-evident: each entry carries a
/// keyed hash (HMAC-SHA256) over its content and the previous entry's hash, so an edit, deletion or reordering
/// breaks the chain (see the web app's <c>AuditChain</c>).
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The acting login, or <c>system</c> for start-up and scheduled work.</summary>
    public required string Actor { get; set; }

    /// <summary>A dotted action code, e.g. <c>organizations.import</c>, <c>users.add</c>, <c>signin.failed</c>.</summary>
    public required string Action { get; set; }

    /// <summary>What was acted on, e.g. an organization code or a login.</summary>
    public required string Target { get; set; }

    /// <summary>A short human-readable summary (no secrets).</summary>
    public string? Detail { get; set; }

    /// <summary>
    /// The materialised path of the organization the entry concerns (the target's node when the action is about one,
    /// else the actor's scope node, else the root): an auditor sees the entries of the own subtree. Null only for
    /// entries written before paths were kept, which only an auditor of the root sees.
    /// </summary>
    public string? OrganizationPath { get; set; }

    /// <summary>Position in the chain, 1, 2, 3, … without gaps; null only until the entry is sealed.</summary>
    public long? Sequence { get; set; }

    /// <summary>Lower-case hex HMAC-SHA256 of the entry chained to the previous one; null only until sealed.</summary>
    public string? Hash { get; set; }
}

/// <summary>
/// The newest sealed entry of the audit chain, kept outside the entry table with its own keyed hash: deleting the
/// newest entries (truncation) leaves a head that points past the end of the table. The single row is also the lock
/// that serializes appends on PostgreSQL.
/// </summary>
public sealed class AuditChainHead
{
    public const int SingleId = 1;

    public int Id { get; set; } = SingleId;

    public long Sequence { get; set; }

    /// <summary>The hash of the newest entry (<see cref="AuditEntry.Hash"/>).</summary>
    public required string Hash { get; set; }

    /// <summary>HMAC of (sequence, hash) under the chain key: a head cannot be rewritten without the key.</summary>
    public required string Seal { get; set; }
}
