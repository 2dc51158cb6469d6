using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Features.Records;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appraisal.PartyBuilding.Web.Platform;

/// <summary>
/// A body over the limit (Kestrel's <c>MaxRequestBodySize</c>, an endpoint's <c>RequestSizeLimit</c>, the form
/// reader's limits) is 413 with a Chinese problem detail, not a 500.
/// </summary>
public sealed class RequestTooLargeHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public const string Title = "上传内容过大";

    public const string Detail = "请求内容超过了允许的大小，未做任何修改。请压缩或拆分文件后重试（导入文件不超过 5 MB，每个附件不超过 10 MB）。";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsTooLarge(exception) || httpContext.Response.HasStarted)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = StatusCodes.Status413PayloadTooLarge, Title = Title, Detail = Detail },
        });
    }

    private static bool IsTooLarge(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            // Kestrel's body limit; the multipart reader's limits (section, body, value count) throw InvalidDataException.
            if (exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
                || (exception is InvalidDataException && exception.Message.Contains("limit", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A bare 413 (set by the server without an exception) gets the same Chinese title and detail.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Status == StatusCodes.Status413PayloadTooLarge)
        {
            context.ProblemDetails.Title = Title;
            context.ProblemDetails.Detail ??= Detail;
        }
    }
}

/// <summary>The <c>Uploads</c> configuration section.</summary>
public sealed class UploadOptions
{
    public const string Section = "Uploads";

    /// <summary>
    /// Where the form reader buffers large uploads (the app sets <c>ASPNETCORE_TEMP</c> to it, so the buffer files are
    /// this app's alone and can be cleaned). Empty: <c>App_Data/tmp</c> under the content root.
    /// </summary>
    public string TempPath { get; set; } = "";

    /// <summary>How old a left-over file must be before start-up removes it: an upload on another node may still be on its way.</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan LeftoverAge { get; set; } = TimeSpan.FromMinutes(10);

    public static string ResolveTempPath(string? configured, string contentRoot)
    {
        var path = string.IsNullOrWhiteSpace(configured) ? Path.Combine("App_Data", "tmp") : configured;
        return Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(contentRoot, path));
    }
}

/// <summary>
/// Removes what an upload killed mid-way left behind, at start-up: the form reader's buffer files in this app's upload
/// folder, attachment files written for a record whose save never happened (no row names them), and pack folders
/// still in the packs' staging folder. Only files older than <see cref="UploadOptions.LeftoverAge"/> go, so an upload
/// in progress on another node sharing the folders is left alone.
/// </summary>
public sealed class UploadLeftovers(
    AppraisalDbContext db,
    IOptions<UploadOptions> uploads,
    IOptions<AttachmentOptions> attachments,
    PackCatalog catalog,
    TimeProvider clock,
    ILogger<UploadLeftovers> logger)
{
    public async Task<int> CleanAsync(CancellationToken cancellationToken)
    {
        var before = (clock.GetUtcNow() - uploads.Value.LeftoverAge).UtcDateTime;
        var removed = 0;

        var temp = uploads.Value.TempPath;
        if (Directory.Exists(temp))
        {
            foreach (var file in Directory.EnumerateFiles(temp, "ASPNETCORE_*.tmp").Where(f => File.GetLastWriteTimeUtc(f) < before))
            {
                removed += Delete(file);
            }
        }

        var attachmentRoot = Path.GetFullPath(attachments.Value.Path);
        if (Directory.Exists(attachmentRoot))
        {
            var candidates = Directory.EnumerateFiles(attachmentRoot, "*", SearchOption.AllDirectories)
                .Where(f => File.GetLastWriteTimeUtc(f) < before)
                .ToDictionary(f => Path.GetRelativePath(attachmentRoot, f).Replace(Path.DirectorySeparatorChar, '/'), StringComparer.Ordinal);
            foreach (var chunk in candidates.Keys.Chunk(500))
            {
                var stored = await db.MeetingAttachments.AsNoTracking().Where(a => chunk.Contains(a.StoredName)).Select(a => a.StoredName).ToListAsync(cancellationToken);
                foreach (var orphan in chunk.Except(stored, StringComparer.Ordinal))
                {
                    removed += Delete(candidates[orphan]);
                }
            }
        }

        var staging = Path.Combine(catalog.Root, PackLayout.StagingFolder);
        if (Directory.Exists(staging))
        {
            foreach (var folder in Directory.EnumerateDirectories(staging).Where(d => Directory.GetLastWriteTimeUtc(d) < before))
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                    removed++;
                }
                catch (IOException e)
                {
                    logger.LogWarning(e, "Could not remove the left-over pack upload {Folder}", folder);
                }
            }
        }

        if (removed > 0)
        {
            logger.LogInformation("Removed {Count} file(s) left by interrupted uploads", removed);
        }

        return removed;
    }

    private int Delete(string file)
    {
        try
        {
            File.Delete(file);
            return 1;
        }
        catch (IOException e)
        {
            logger.LogWarning(e, "Could not remove the left-over upload file {File}", file);
            return 0;
        }
    }
}
