using System.ComponentModel.DataAnnotations;

namespace Appraisal.PartyBuilding.Web.Features.Records;

/// <summary>The <c>Attachments</c> configuration section: where meeting photos and PDFs are kept and how large they may be.</summary>
public sealed class AttachmentOptions
{
    public const string Section = "Attachments";

    /// <summary>
    /// The folder holding the files, outside the web root. Empty means <c>App_Data/attachments</c> under the content
    /// root (git-ignored); a relative path is resolved against the content root.
    /// </summary>
    public string Path { get; set; } = "";

    /// <summary>Largest single file, in bytes. Default 10 MB.</summary>
    [Range(1, 200L * 1024 * 1024)]
    public long MaxFileBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>Largest total of one record's files, in bytes. Default 30 MB.</summary>
    [Range(1, 1024L * 1024 * 1024)]
    public long MaxRecordBytes { get; set; } = 30L * 1024 * 1024;

    /// <summary>Most files on one record. Default 20.</summary>
    [Range(1, 200)]
    public int MaxFilesPerRecord { get; set; } = 20;

    /// <summary>The largest request an upload may send: every file of a record plus the form around them.</summary>
    public long MaxRequestBytes => MaxRecordBytes + 1024 * 1024;
}
