namespace Appraisal.PartyBuilding.Core.Capture;

/// <summary>
/// A KPI data source a pack declared (<c>KpiTargetRule.DataSource</c>), as the root's 组织部 configured it (无感考核):
/// the endpoint, its format and fields, the schedule, and what its last pulls did. One per KPI code.
/// </summary>
public sealed class CaptureSource
{
    public const int MaxUrlLength = 2000;
    public const int MaxFieldLength = 100;
    public const int MaxMessageLength = 2000;

    public int Id { get; set; }

    /// <summary>The KPI the values are for, e.g. <c>hotline-response-hours</c>.</summary>
    public required string KpiCode { get; set; }

    /// <summary>The source's name as the pack declared it, e.g. 12345政务服务便民热线.</summary>
    public required string Name { get; set; }

    /// <summary>An http or https address answering GET with the rows.</summary>
    public required string Url { get; set; }

    public CaptureFormat Format { get; set; }

    /// <summary>The JSON property or CSV column holding the branch code.</summary>
    public required string BranchField { get; set; }

    /// <summary>The JSON property or CSV column holding the value.</summary>
    public required string ValueField { get; set; }

    /// <summary>When to pull: a five-field cron (minute hour day month weekday) in the scheduler's time zone.</summary>
    public required string Cron { get; set; }

    public bool Enabled { get; set; }

    /// <summary>The name of a request header carrying a credential (e.g. <c>Authorization</c>), or null.</summary>
    public string? TokenHeader { get; set; }

    /// <summary>The header's value protected with ASP.NET Core Data Protection; never shown again once saved.</summary>
    public string? ProtectedToken { get; set; }

    public DateTimeOffset? LastSuccessAt { get; set; }

    /// <summary>Rows the last successful pull read.</summary>
    public int? LastSuccessCount { get; set; }

    public DateTimeOffset? LastFailureAt { get; set; }

    /// <summary>Why the last failed pull failed, in Chinese (the row or line and field at fault).</summary>
    public string? LastFailure { get; set; }

    public required string UpdatedBy { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Whether the last pull failed (a later success clears it); kept, not derived from the two times, which may be equal.</summary>
    public bool Failing { get; set; }
}

/// <summary>What a <see cref="CaptureSource"/> answers.</summary>
public enum CaptureFormat
{
    /// <summary>A JSON array of objects, one per branch.</summary>
    Json = 1,

    /// <summary>CSV (UTF-8, comma-separated) with a header line naming the columns, one line per branch.</summary>
    Csv = 2,
}
