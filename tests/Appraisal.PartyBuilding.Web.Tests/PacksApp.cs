using System.IO.Compression;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Testing;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// The real app on a packs folder of its own (uploads write into it), optionally over the database of an app that ran
/// before: disposing one and building another over the same folder and database is a restart.
/// </summary>
public sealed class PacksApp : AppFactory
{
    private readonly string packs;

    public PacksApp(DatabaseProvider provider, string packs)
        : base(provider) => this.packs = packs;

    public PacksApp(TestDatabase existing, string packs)
        : base(existing) => this.packs = packs;

    public PacksApp(TestDatabase existing, string packs, TimeSpan callTimeout)
        : base(existing)
    {
        this.packs = packs;
        PackCallTimeout = callTimeout;
    }

    protected override string PacksPath => packs;

    /// <summary>Disposes this app and starts the same system again: same packs folder, same database.</summary>
    public async Task<PacksApp> RestartAsync()
    {
        await DisposeAsync();
        var next = new PacksApp(Database, packs);
        await next.InitializeAsync();
        return next;
    }
}

/// <summary>A packs folder for one test: the packs the build produced and the "good" fixture pack 1.0.0 (build shape).</summary>
public sealed class TestPacksFolder : IDisposable
{
    public TestPacksFolder()
    {
        Copy(TestPaths.Packs, Path);
        Copy(System.IO.Path.Combine(TestPaths.FixturePacks, "GoodPack"), System.IO.Path.Combine(Path, "GoodPack"));
    }

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pb-web-packs-" + Guid.NewGuid().ToString("N"));

    /// <summary>The top-level entries of the folder and the files under them, relative, for "nothing changed" checks.</summary>
    public IReadOnlyList<string> Listing() =>
        Directory.EnumerateFileSystemEntries(Path, "*", SearchOption.AllDirectories)
            .Select(p => System.IO.Path.GetRelativePath(Path, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Only a leftover in the temp folder.
        }
    }

    private static void Copy(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(source, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}

/// <summary>Pack uploads: .zip files of built fixture pack folders, as an administrator would make them.</summary>
internal static class PackZips
{
    public const string ZipContentType = "application/zip";

    /// <summary>
    /// The built fixture pack folder <paramref name="fixture"/>, signed as the pack build does (with the test's trusted
    /// key unless another is given, or not at all), then changed, and zipped as a whole (entries under "{fixture}/").
    /// </summary>
    public static byte[] Fixture(string fixture, Action<Dictionary<string, byte[]>>? change = null, ECDsa? signWith = null, bool unsigned = false) =>
        Folder(Path.Combine(TestPaths.FixturePacks, fixture), change, signWith, unsigned);

    /// <summary>A built pack folder (e.g. one the build put under <see cref="TestPaths.Packs"/>), signed and zipped as <see cref="Fixture"/> does.</summary>
    public static byte[] Folder(string folder, Action<Dictionary<string, byte[]>>? change = null, ECDsa? signWith = null, bool unsigned = false)
    {
        var fixture = Path.GetFileName(folder);
        var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllBytes);
        files.Remove(Plugins.PackSignature.FileName);
        if (!unsigned)
        {
            files[Plugins.PackSignature.FileName] = TestPackKey.Sign(files[Plugins.PackHashes.FileName], signWith ?? TestPackKey.Key);
        }

        change?.Invoke(files);
        return Of(files.Select(f => ($"{fixture}/{f.Key}", f.Value)).ToArray());
    }

    public static byte[] Of(params (string Name, byte[] Content)[] entries)
    {
        using var memory = new MemoryStream();
        using (var archive = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = archive.CreateEntry(name).Open();
                stream.Write(content);
            }
        }

        return memory.ToArray();
    }

    public static MultipartFormDataContent Upload(byte[] zip, string fileName = "pack.zip")
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(zip);
        file.Headers.ContentType = new MediaTypeHeaderValue(ZipContentType);
        content.Add(file, "file", fileName);
        return content;
    }
}

/// <summary>
/// The 组织部's signing key in tests: made when the tests run (never a key from the repository); every test app trusts
/// its public half (<c>Packs:TrustedKeys</c>).
/// </summary>
internal static class TestPackKey
{
    public static ECDsa Key { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public static string PublicPem { get; } = Key.ExportSubjectPublicKeyInfoPem();

    /// <summary>The content of <c>pack.sig</c> for a hash list, in the format <see cref="Plugins.PackSignature"/> writes.</summary>
    public static byte[] Sign(byte[] hashList, ECDsa key)
    {
        var folder = Directory.CreateTempSubdirectory("pb-sign-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(folder, Plugins.PackHashes.FileName), hashList);
            Plugins.PackSignature.Sign(folder, key);
            return File.ReadAllBytes(Path.Combine(folder, Plugins.PackSignature.FileName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
