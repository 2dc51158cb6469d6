namespace Appraisal.PartyBuilding.Core.Meetings;

/// <summary>
/// A photo or PDF attached to a meeting record. The file lives outside the web root under <see cref="StoredName"/>,
/// a generated name; the name the user gave is kept for display and download only.
/// </summary>
public sealed class MeetingAttachment
{
    public long Id { get; set; }

    public long MeetingRecordId { get; set; }

    /// <summary>The generated file name relative to the attachment folder, e.g. <c>3f/3f2a….jpg</c>.</summary>
    public required string StoredName { get; set; }

    /// <summary>The uploaded file's name (display only; never used as a path).</summary>
    public required string FileName { get; set; }

    /// <summary>The type detected from the content: <c>image/jpeg</c>, <c>image/png</c> or <c>application/pdf</c>.</summary>
    public required string ContentType { get; set; }

    public long Size { get; set; }

    /// <summary>Lower-case hex SHA-256 of the content.</summary>
    public required string Sha256 { get; set; }

    public DateTimeOffset UploadedAt { get; set; }

    public required string UploadedBy { get; set; }
}
