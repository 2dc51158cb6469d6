using System.Reflection;
using System.Security.Cryptography;
using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Plugins.Tests;

/// <summary>Where the build put the packs, as the test project recorded it.</summary>
internal static class BuiltPacks
{
    public static string Fixtures { get; } = Metadata("FixturePacksPath");

    public static string Real { get; } = Metadata("PacksPath");

    public static string Tool { get; } = Metadata("PackToolPath");

    public static BranchEvidence Evidence(string categoryCode) => new(
        new AssessmentQuarter(2026, 1),
        new BranchProfile("B001", "测试支部", categoryCode, MemberCount: 12, CommitteeSize: 5, Groups: ["第一党小组"]),
        []);

    private static string Metadata(string key) =>
        typeof(BuiltPacks).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException(key);
}

/// <summary>A packs folder of its own for one test, holding copies of the pack folders the test needs.</summary>
internal sealed class TempPacksFolder : IDisposable
{
    public TempPacksFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pb-packs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public static TempPacksFolder WithFixtures(params string[] folders) => With(BuiltPacks.Fixtures, folders);

    public static TempPacksFolder With(string source, params string[] folders)
    {
        var temp = new TempPacksFolder();
        foreach (var folder in folders)
        {
            temp.CopyFolder(System.IO.Path.Combine(source, folder), folder);
        }

        return temp;
    }

    /// <summary>Copies a built pack folder to <c>{id}/{version}/</c>, the shape an upload installs.</summary>
    public string Install(string source, string packId, string version) => CopyFolder(source, System.IO.Path.Combine(packId, version));

    public string CopyFolder(string source, string name)
    {
        Assert.True(Directory.Exists(source), $"{source} was not built");
        var target = System.IO.Path.Combine(Path, name);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(source, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Only a leftover in the temp folder; not worth failing a test for.
        }
    }
}

/// <summary>A 组织部 signing key made for one test: packs are signed in the test, never with a key from the repository.</summary>
internal sealed class TestSigningKey : IDisposable
{
    public ECDsa Key { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>The host's configuration trusting this key only.</summary>
    public PackTrustedKeys Trusted => PackTrustedKeys.FromPem([Key.ExportSubjectPublicKeyInfoPem()]);

    public string Fingerprint => PackTrustedKeys.Fingerprint(Key);

    /// <summary>Signs a pack folder's hash list as the pack build does with <c>PackSigningKey</c>.</summary>
    public string Sign(string folder)
    {
        PackSignature.Sign(folder, Key);
        return folder;
    }

    public void Dispose() => Key.Dispose();
}
