using System.IO.Compression;

namespace Appraisal.PartyBuilding.Plugins;

/// <summary>Limits on an uploaded pack archive; the defaults hold any real pack with room to spare.</summary>
/// <param name="MaxArchiveBytes">Largest .zip accepted.</param>
/// <param name="MaxUncompressedBytes">Largest sum of the files' sizes once unpacked (declared, and counted while inflating).</param>
/// <param name="MaxEntries">Most entries (files and folders) in the archive.</param>
/// <param name="MaxCompressionRatio">Highest ratio uncompressed ÷ compressed of a large entry or of the whole archive.</param>
/// <param name="RatioCheckThresholdBytes">Entries smaller than this are not held to the ratio (tiny files compress well).</param>
public sealed record PackArchiveLimits(
    long MaxArchiveBytes = 20 * 1024 * 1024,
    long MaxUncompressedBytes = 100 * 1024 * 1024,
    int MaxEntries = 2000,
    double MaxCompressionRatio = 100,
    long RatioCheckThresholdBytes = 1024 * 1024)
{
    /// <summary>The defaults.</summary>
    public static PackArchiveLimits Default { get; } = new();
}

/// <summary>
/// Unpacks an uploaded pack (a .zip of the pack folder) safely: size, entry count and compression ratio are
/// checked before anything is written and counted again while inflating (a header may lie); every entry must
/// stay inside the target folder (no <c>..</c>, no absolute path, no drive, no symbolic link). A zip that holds
/// one top-level folder (the pack folder zipped as a whole) is unpacked without it.
/// </summary>
public static class PackArchive
{
    private const string Bomb = "压缩包解压后过大或压缩比异常，疑似压缩炸弹";

    /// <summary>Unpacks <paramref name="zip"/> into <paramref name="target"/>, which must not exist yet.</summary>
    /// <returns><c>null</c> when done, else what is wrong, in Chinese; then the target may hold part of the files and
    /// the caller deletes it.</returns>
    public static string? Extract(Stream zip, string target, PackArchiveLimits? limits = null)
    {
        limits ??= PackArchiveLimits.Default;
        var bytes = ReadLimited(zip, limits.MaxArchiveBytes);
        if (bytes is null)
        {
            return $"压缩包超过 {limits.MaxArchiveBytes / (1024 * 1024)} MB 的上限";
        }

        if (bytes.Length == 0)
        {
            return "上传的文件是空的";
        }

        if (bytes.Length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 5 && bytes[3] == 6)
        {
            return "压缩包是空的，里面没有指标包文件";
        }

        if (bytes.Length < 4 || bytes[0] != 'P' || bytes[1] != 'K' || bytes[2] != 3 || bytes[3] != 4)
        {
            return "上传的文件不是 zip 压缩包：请把指标包目录压缩成 .zip 后上传";
        }

        try
        {
            using var archive = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            var entries = archive.Entries;
            if (entries.Count > limits.MaxEntries)
            {
                return $"压缩包中有 {entries.Count} 个条目，超过 {limits.MaxEntries} 个的上限";
            }

            var plan = new List<(ZipArchiveEntry Entry, string[] Segments)>();
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            long declared = 0;
            long compressed = 0;
            foreach (var entry in entries)
            {
                var (segments, problem) = CheckName(entry);
                if (problem is not null)
                {
                    return problem;
                }

                declared += entry.Length;
                compressed += entry.CompressedLength;
                if (declared > limits.MaxUncompressedBytes || RatioTooHigh(entry.Length, entry.CompressedLength, limits))
                {
                    return Bomb;
                }

                if (segments.Length > 0 && !names.Add(string.Join('/', segments)))
                {
                    return $"压缩包中“{entry.FullName}”出现了两次";
                }

                plan.Add((entry, segments));
            }

            if (RatioTooHigh(declared, compressed, limits))
            {
                return Bomb;
            }

            var files = plan.Where(p => !IsFolder(p.Entry) && p.Segments.Length > 0).ToList();
            if (files.Count == 0)
            {
                return "压缩包是空的，里面没有指标包文件";
            }

            // The pack folder zipped as a whole: every file sits under one folder. Unpack its content.
            var strip = files.All(f => f.Segments.Length > 1) && files.Select(f => f.Segments[0]).Distinct(StringComparer.Ordinal).Count() == 1 ? 1 : 0;
            return Write(files, strip, target, limits);
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or ArgumentException or IOException)
        {
            return "压缩包已损坏，无法解压";
        }
    }

    private static string? Write(List<(ZipArchiveEntry Entry, string[] Segments)> files, int strip, string target, PackArchiveLimits limits)
    {
        var root = Path.GetFullPath(target) + Path.DirectorySeparatorChar;
        Directory.CreateDirectory(root);
        var buffer = new byte[81920];
        long inflated = 0;
        foreach (var (entry, segments) in files)
        {
            var destination = Path.GetFullPath(Path.Combine(root, Path.Combine(segments[strip..])));
            if (!destination.StartsWith(root, StringComparison.Ordinal))
            {
                return $"压缩包中的“{entry.FullName}”指向指标包目录之外，已拒绝";
            }

            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            using var input = entry.Open();
            using var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write);
            long written = 0;
            int read;
            while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
            {
                written += read;
                inflated += read;
                if (written > entry.Length || inflated > limits.MaxUncompressedBytes)
                {
                    return Bomb;
                }

                output.Write(buffer, 0, read);
            }
        }

        return null;
    }

    private static (string[] Segments, string? Problem) CheckName(ZipArchiveEntry entry)
    {
        var name = entry.FullName.Replace('\\', '/');
        if (name.StartsWith('/') || name.Contains(':', StringComparison.Ordinal) || name.Any(char.IsControl))
        {
            return ([], $"压缩包中的“{entry.FullName}”是绝对路径或含有非法字符，已拒绝");
        }

        var segments = name.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Any(s => s is ".." or "."))
        {
            return ([], $"压缩包中的“{entry.FullName}”含有“..”，会写到指标包目录之外，已拒绝");
        }

        // Unix file type bits in the high word of the external attributes: 0xA000 is a symbolic link.
        if (((entry.ExternalAttributes >> 16) & 0xF000) == 0xA000)
        {
            return ([], $"压缩包中的“{entry.FullName}”是符号链接，已拒绝");
        }

        return (segments, null);
    }

    private static bool IsFolder(ZipArchiveEntry entry) => entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\');

    private static bool RatioTooHigh(long uncompressed, long compressedLength, PackArchiveLimits limits) =>
        uncompressed > limits.RatioCheckThresholdBytes
        && (compressedLength <= 0 || (double)uncompressed / compressedLength > limits.MaxCompressionRatio);

    private static byte[]? ReadLimited(Stream stream, long limit)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (copy.Length + read > limit)
            {
                return null;
            }

            copy.Write(buffer, 0, read);
        }

        return copy.ToArray();
    }
}
