namespace Appraisal.PartyBuilding.Core.Auditing;

/// <summary>One write that matters: who did what to what, and when. Append-only.</summary>
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
}
