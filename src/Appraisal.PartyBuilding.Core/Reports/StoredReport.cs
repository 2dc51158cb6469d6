namespace Appraisal.PartyBuilding.Core.Reports;

/// <summary>
/// The organization-wide quarterly report file of a period as the scheduler generated it after publication, kept as
/// the record of what was circulated. <see cref="Stamp"/> fingerprints the report's content: when results change
/// (e.g. an appeal re-scores a branch) or the period becomes final, the fingerprint differs and the file is made again.
/// </summary>
public sealed class StoredReport
{
    public int Id { get; set; }

    public int PeriodId { get; set; }

    /// <summary>SHA-256 (hex) of the report's content, see <c>ReportStamp</c>.</summary>
    public required string Stamp { get; set; }

    /// <summary>The .xlsx file.</summary>
    public required byte[] Content { get; set; }

    public DateTimeOffset GeneratedAt { get; set; }
}
