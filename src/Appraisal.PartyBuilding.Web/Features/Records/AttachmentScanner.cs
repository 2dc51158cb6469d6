namespace Appraisal.PartyBuilding.Web.Features.Records;

/// <summary>
/// A virus scan for uploaded attachments, run after the size and type checks and before anything is stored. The
/// default (<see cref="NoAttachmentScanner"/>) accepts everything; register another implementation (e.g. one that
/// streams the bytes to ClamAV's clamd with INSTREAM) to plug a real scanner in — see README, "Records".
/// </summary>
public interface IAttachmentScanner
{
    /// <summary>Scans one file's content. Throwing is treated as a refusal (the file is not stored).</summary>
    Task<AttachmentScanResult> ScanAsync(ReadOnlyMemory<byte> content, string fileName, CancellationToken cancellationToken);
}

/// <summary>A scanner's verdict; <see cref="Reason"/> (in Chinese) is shown to the uploader when the file is refused.</summary>
public sealed record AttachmentScanResult(bool IsClean, string? Reason)
{
    public static AttachmentScanResult Clean { get; } = new(true, null);

    public static AttachmentScanResult Infected(string reason) => new(false, reason);
}

/// <summary>The default scanner: no scan at all (documented; replace it where a scanner is available).</summary>
public sealed class NoAttachmentScanner : IAttachmentScanner
{
    public Task<AttachmentScanResult> ScanAsync(ReadOnlyMemory<byte> content, string fileName, CancellationToken cancellationToken) =>
        Task.FromResult(AttachmentScanResult.Clean);
}
