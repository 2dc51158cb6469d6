using System.Runtime.Loader;
using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Excel.Packs;

namespace Appraisal.PartyBuilding.Plugins;

/// <summary>
/// A pack folder holding a pack authored in Excel (<c>pack.xlsx</c>, see <see cref="PackWorkbook"/>) instead of an
/// assembly. It loads like a code pack: the workbook's checks, then the same manifest validation, and the catalog's
/// duplicate checks. Its version is the workbook's 版本. No code of the pack runs: the host evaluates every rule, so the
/// pack lives in the default load context.
/// </summary>
public static class WorkbookPackFolder
{
    /// <summary>At most this many of a workbook's errors are quoted in the refusal message; the rest are counted.</summary>
    private const int QuotedErrors = 10;

    /// <summary>Whether the folder holds a workbook pack rather than an assembly.</summary>
    public static bool Holds(string directory) => File.Exists(Path.Combine(directory, PackWorkbook.FileName));

    /// <summary>
    /// Whether <paramref name="upload"/> is an Excel workbook (a zip holding <c>xl/workbook.xml</c>) rather than a
    /// zipped pack folder. The stream is left at its start.
    /// </summary>
    public static bool IsWorkbook(Stream upload)
    {
        try
        {
            using var zip = new System.IO.Compression.ZipArchive(upload, System.IO.Compression.ZipArchiveMode.Read, leaveOpen: true);
            return zip.GetEntry("xl/workbook.xml") is not null;
        }
        catch (InvalidDataException)
        {
            return false;
        }
        finally
        {
            upload.Position = 0;
        }
    }

    /// <summary>Lays out an uploaded workbook as a pack folder: <c>pack.xlsx</c> and its hash list.</summary>
    public static void Stage(Stream workbook, string directory)
    {
        Directory.CreateDirectory(directory);
        using (var file = File.Create(Path.Combine(directory, PackWorkbook.FileName)))
        {
            workbook.CopyTo(file);
        }

        PackHashes.Write(directory);
    }

    internal static LoadedPack Load(string directory)
    {
        var folder = Path.GetFileName(directory);
        if (File.Exists(Path.Combine(directory, folder + ".dll")))
        {
            throw new PackLoadException(
                $"指标包“{folder}”同时包含程序集“{folder}.dll”和 {PackWorkbook.FileName}，无法确定按哪一个加载，已拒绝加载：请只保留其中一个。");
        }

        PackWorkbookResult result;
        using (var stream = File.OpenRead(Path.Combine(directory, PackWorkbook.FileName)))
        {
            result = PackWorkbook.Read(stream);
        }

        if (result.Pack is not { } pack)
        {
            var quoted = result.Errors.Take(QuotedErrors).Select(e => e.Row > 0 ? $"第{e.Row}行{(e.Column.Length > 0 ? e.Column + "列" : string.Empty)}：{e.Message}" : e.Message);
            var more = result.Errors.Count > QuotedErrors ? $"；另有{result.Errors.Count - QuotedErrors}处错误" : string.Empty;
            throw new PackLoadException(
                $"指标包“{folder}”的 {PackWorkbook.FileName} 有{result.Errors.Count}处错误，已拒绝加载：{string.Join("；", quoted)}{more}。");
        }

        IIndicatorPack instance = pack;
        var manifest = instance.Manifest;
        var problems = ManifestValidator.Validate(manifest, instance.Scorers);
        if (problems.Count > 0)
        {
            throw new PackLoadException($"指标包“{folder}”的清单无效：{string.Join("；", problems)}。");
        }

        return new LoadedPack(manifest, directory, instance, AssemblyLoadContext.Default);
    }
}
