using System.Globalization;
using System.Security.Cryptography;
using Appraisal.PartyBuilding.Core.Meetings;
using Microsoft.Extensions.Options;

namespace Appraisal.PartyBuilding.Web.Features.Records;

/// <summary>A file that passed every check, held in memory until it is written.</summary>
public sealed record AcceptedFile(string FileName, string ContentType, string Extension, byte[] Content, string Sha256);

/// <summary>The checked files of one upload, or why some were refused (then none is stored).</summary>
public sealed record AttachmentCheck(IReadOnlyList<AcceptedFile> Files, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Keeps meeting attachments outside the web root under generated names. Every upload is checked before anything is
/// written: size per file and per record, type by content (JPEG, PNG or PDF magic bytes — the file name and the
/// browser's content type are ignored), then the pluggable <see cref="IAttachmentScanner"/>.
/// </summary>
public sealed class AttachmentStore(IOptions<AttachmentOptions> options, IAttachmentScanner scanner, TimeProvider clock, ILogger<AttachmentStore> logger)
{
    public const int MaxFileNameLength = 200;

    private static readonly (byte[] Magic, string ContentType, string Extension)[] Kinds =
    [
        ([0xFF, 0xD8, 0xFF], "image/jpeg", ".jpg"),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "image/png", ".png"),
        ("%PDF-"u8.ToArray(), "application/pdf", ".pdf"),
    ];

    private AttachmentOptions Options => options.Value;

    /// <summary>The folder the files live in (created when missing).</summary>
    public string Root
    {
        get
        {
            Directory.CreateDirectory(Options.Path);
            return System.IO.Path.GetFullPath(Options.Path);
        }
    }

    /// <summary>The content type a file's first bytes show, or null when it is none of JPEG, PNG and PDF.</summary>
    public static (string ContentType, string Extension)? Detect(ReadOnlySpan<byte> content)
    {
        foreach (var (magic, contentType, extension) in Kinds)
        {
            if (content.StartsWith(magic))
            {
                return (contentType, extension);
            }
        }

        return null;
    }

    /// <summary>Checks an upload of <paramref name="files"/> for a record that already holds <paramref name="storedCount"/> files of <paramref name="storedBytes"/>.</summary>
    public async Task<AttachmentCheck> CheckAsync(IReadOnlyList<IFormFile> files, long storedBytes, int storedCount, CancellationToken cancellationToken)
    {
        var accepted = new List<AcceptedFile>();
        var errors = new List<string>();
        var uploads = files.Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        if (storedCount + uploads.Count > Options.MaxFilesPerRecord)
        {
            errors.Add($"每条记录最多{Options.MaxFilesPerRecord}个附件（已有{storedCount}个，本次{uploads.Count}个）");
        }

        long total = storedBytes;
        foreach (var file in uploads)
        {
            var name = DisplayName(file.FileName);
            if (file.Length == 0)
            {
                errors.Add($"附件“{name}”是空文件");
                continue;
            }

            if (file.Length > Options.MaxFileBytes)
            {
                errors.Add($"附件“{name}”大小为{Size(file.Length)}，超过单个文件{Size(Options.MaxFileBytes)}的上限");
                continue;
            }

            total += file.Length;
            var content = await ReadAsync(file, cancellationToken);
            if (content is null)
            {
                errors.Add($"附件“{name}”大小超过单个文件{Size(Options.MaxFileBytes)}的上限");
                continue;
            }

            if (Detect(content) is not { } kind)
            {
                errors.Add($"附件“{name}”不是JPEG、PNG图片或PDF文件（按文件内容判断），不能上传");
                continue;
            }

            AttachmentScanResult verdict;
            try
            {
                verdict = await scanner.ScanAsync(content, name, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The attachment scanner failed on {FileName}", name);
                verdict = AttachmentScanResult.Infected("扫描服务暂不可用，请稍后重试");
            }

            if (!verdict.IsClean)
            {
                errors.Add($"附件“{name}”未通过病毒扫描：{verdict.Reason ?? "发现可疑内容"}");
                continue;
            }

            accepted.Add(new AcceptedFile(name, kind.ContentType, kind.Extension, content, Convert.ToHexStringLower(SHA256.HashData(content))));
        }

        if (total > Options.MaxRecordBytes)
        {
            errors.Add($"每条记录的附件合计不能超过{Size(Options.MaxRecordBytes)}（已有{Size(storedBytes)}，本次{Size(total - storedBytes)}）");
        }

        return errors.Count > 0 ? new AttachmentCheck([], errors) : new AttachmentCheck(accepted, []);
    }

    /// <summary>Writes an accepted file under a new generated name and returns its row (not yet added to the context).</summary>
    public async Task<MeetingAttachment> WriteAsync(AcceptedFile file, long recordId, string actor, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        var storedName = $"{id[..2]}/{id}{file.Extension}";
        var path = FullPath(storedName);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        await using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            await stream.WriteAsync(file.Content, cancellationToken);
        }

        return new MeetingAttachment
        {
            MeetingRecordId = recordId,
            StoredName = storedName,
            FileName = file.FileName,
            ContentType = file.ContentType,
            Size = file.Content.LongLength,
            Sha256 = file.Sha256,
            UploadedAt = clock.GetUtcNow(),
            UploadedBy = actor,
        };
    }

    /// <summary>Removes files written for a change that was then not saved.</summary>
    public void Discard(IEnumerable<MeetingAttachment> written)
    {
        foreach (var attachment in written)
        {
            try
            {
                File.Delete(FullPath(attachment.StoredName));
            }
            catch (IOException ex)
            {
                logger.LogWarning(ex, "Could not remove the unsaved attachment {StoredName}", attachment.StoredName);
            }
        }
    }

    /// <summary>Opens a stored file for reading, or null when it is gone.</summary>
    public Stream? Open(MeetingAttachment attachment)
    {
        var path = FullPath(attachment.StoredName);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read) : null;
    }

    /// <summary>A size as people read it, e.g. 10 MB, 1.5 MB, 300 KB.</summary>
    public static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 => (bytes / (1024d * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
        >= 1024 => (bytes / 1024d).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => $"{bytes} 字节",
    };

    /// <summary>The user's file name without any folder part or control characters, shortened; display only.</summary>
    public static string DisplayName(string? fileName)
    {
        var name = System.IO.Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (name.Length == 0)
        {
            return "附件";
        }

        return name.Length <= MaxFileNameLength ? name : name[..MaxFileNameLength];
    }

    private string FullPath(string storedName)
    {
        var root = Root;
        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, storedName));
        if (!path.StartsWith(root + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("An attachment path left the attachment folder.");
        }

        return path;
    }

    private async Task<byte[]?> ReadAsync(IFormFile file, CancellationToken cancellationToken)
    {
        await using var stream = file.OpenReadStream();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > Options.MaxFileBytes)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }
}
