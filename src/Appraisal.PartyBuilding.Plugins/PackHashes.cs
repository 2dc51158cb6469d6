using System.Security.Cryptography;
using System.Text;

namespace Appraisal.PartyBuilding.Plugins;

/// <summary>
/// The hash list every pack folder carries: <c>pack.sha256</c>, one line per file, <c>{sha256 hex}  {relative path}</c>
/// (the format of <c>sha256sum</c>, so <c>sha256sum -c pack.sha256</c> checks a folder by hand). The pack build
/// writes it (target <c>WritePackHashes</c> in <c>plugins/Pack.props</c>); the host checks it before any of the
/// pack's code is loaded, so a file changed, added or removed after installation keeps the pack out.
/// </summary>
public static class PackHashes
{
    /// <summary>The hash list's file name, at the root of the pack folder.</summary>
    public const string FileName = "pack.sha256";

    private const int MaxListedProblems = 5;

    /// <summary>
    /// Checks every file of <paramref name="directory"/> against its hash list: the same set of files (the list
    /// and its signature aside) and the same SHA-256 of each.
    /// </summary>
    /// <returns>The folder's digest (<see cref="Digest"/>), which identifies its exact content.</returns>
    /// <exception cref="PackLoadException">The list is missing or malformed, or a file differs from it.</exception>
    internal static string Verify(string directory, string name, string refusal)
    {
        var listPath = Path.Combine(directory, FileName);
        if (!File.Exists(listPath))
        {
            throw new PackLoadException(
                $"指标包“{name}”缺少文件哈希清单 {FileName}（由指标包构建生成），无法确认文件未被改动，{refusal}。");
        }

        var recorded = Parse(File.ReadAllLines(listPath, Encoding.UTF8), name, refusal);
        var actual = Compute(directory);
        var changed = recorded.Keys.Where(f => actual.TryGetValue(f, out var hash) && hash != recorded[f]).ToList();
        var missing = recorded.Keys.Where(f => !actual.ContainsKey(f)).ToList();
        var extra = actual.Keys.Where(f => !recorded.ContainsKey(f)).ToList();
        if (changed.Count + missing.Count + extra.Count > 0)
        {
            var parts = new List<string>();
            AddProblem(parts, "被改动", changed);
            AddProblem(parts, "缺少", missing);
            AddProblem(parts, "多出", extra);
            throw new PackLoadException(
                $"指标包“{name}”的文件与其哈希清单 {FileName} 不一致（{string.Join("；", parts)}），文件在生成后被改动过，{refusal}。");
        }

        return Digest(recorded);
    }

    /// <summary>Writes the hash list of <paramref name="directory"/> (every file but the list itself) and returns its digest.</summary>
    /// <param name="directory">A pack folder.</param>
    public static string Write(string directory)
    {
        var hashes = Compute(directory);
        File.WriteAllText(Path.Combine(directory, FileName), Canonical(hashes), new UTF8Encoding(false));
        return Digest(hashes);
    }

    /// <summary>
    /// The SHA-256 (lower-case hex) of the canonical hash list: lines <c>{hash}  {path}\n</c> sorted by path. Two
    /// folders with the same digest hold the same files with the same content.
    /// </summary>
    /// <param name="hashes">Relative path (with <c>/</c>) → SHA-256 in lower-case hex.</param>
    public static string Digest(IReadOnlyDictionary<string, string> hashes) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(hashes))));

    /// <summary>The SHA-256 of every file under <paramref name="directory"/> but the hash list and its signature, by relative path with <c>/</c>.</summary>
    /// <param name="directory">A pack folder.</param>
    public static IReadOnlyDictionary<string, string> Compute(string directory)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(directory, file).Replace('\\', '/');
            // The list does not list itself, nor the signature made over it.
            if (relative is FileName or PackSignature.FileName)
            {
                continue;
            }

            using var stream = File.OpenRead(file);
            hashes[relative] = Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        return hashes;
    }

    private static string Canonical(IReadOnlyDictionary<string, string> hashes)
    {
        var text = new StringBuilder();
        foreach (var (path, hash) in hashes.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            text.Append(hash).Append("  ").Append(path).Append('\n');
        }

        return text.ToString();
    }

    private static Dictionary<string, string> Parse(string[] lines, string name, string refusal)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            // "{64 hex}  {path}" or, from sha256sum in binary mode, "{64 hex} *{path}".
            var path = line.Length > 66 && (line[64..66] is "  " or " *") ? line[66..] : null;
            var hash = line.Length >= 64 ? line[..64].ToLowerInvariant() : "";
            if (path is null || !hash.All(char.IsAsciiHexDigit) || !IsSafeRelativePath(path) || !hashes.TryAdd(path, hash))
            {
                throw new PackLoadException(
                    $"指标包“{name}”的文件哈希清单 {FileName} 第{i + 1}行格式不对（应为“SHA-256 两个空格 相对路径”，路径不能重复、不能含“..”），{refusal}。");
            }
        }

        return hashes;
    }

    private static bool IsSafeRelativePath(string path) =>
        path.Length > 0
        && !path.StartsWith('/')
        && !path.Contains('\\', StringComparison.Ordinal)
        && !path.Contains(':', StringComparison.Ordinal)
        && path.Split('/').All(segment => segment is not ("" or "." or ".."));

    private static void AddProblem(List<string> parts, string what, List<string> files)
    {
        if (files.Count == 0)
        {
            return;
        }

        var shown = string.Join("、", files.Order(StringComparer.Ordinal).Take(MaxListedProblems));
        parts.Add(files.Count > MaxListedProblems ? $"{what}：{shown} 等 {files.Count} 个文件" : $"{what}：{shown}");
    }
}
