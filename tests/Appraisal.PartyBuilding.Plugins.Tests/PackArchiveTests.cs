using System.IO.Compression;

namespace Appraisal.PartyBuilding.Plugins.Tests;

/// <summary>Unpacking an upload: nothing outside the target folder, no zip bomb, clear messages.</summary>
public sealed class PackArchiveTests : IDisposable
{
    private readonly string work = Path.Combine(Path.GetTempPath(), "pb-archive-" + Guid.NewGuid().ToString("N"));

    private string Target => Path.Combine(work, "target");

    public PackArchiveTests() => Directory.CreateDirectory(work);

    [Fact]
    public void A_zip_of_the_pack_folder_is_unpacked_without_its_top_folder()
    {
        var zip = Zips.OfFolder(Path.Combine(BuiltPacks.Fixtures, "GoodPackV2"), "GoodPackV2/");

        Assert.Null(PackArchive.Extract(new MemoryStream(zip), Target));

        Assert.Equal(
            ["GoodPack.deps.json", "GoodPack.dll", "GoodPack.pdb", "GoodPack.runtimeconfig.json", "pack.manifest.json", "pack.sha256"],
            Directory.GetFiles(Target).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_zip_of_the_folder_content_is_unpacked_as_is()
    {
        var zip = Zips.Of(("pack.sha256", "x"u8.ToArray()), ("lib/a.dll", "a"u8.ToArray()));

        Assert.Null(PackArchive.Extract(new MemoryStream(zip), Target));

        Assert.True(File.Exists(Path.Combine(Target, "pack.sha256")));
        Assert.True(File.Exists(Path.Combine(Target, "lib", "a.dll")));
    }

    [Theory]
    [InlineData("../evil.txt", "压缩包中的“../evil.txt”含有“..”，会写到指标包目录之外，已拒绝")]
    [InlineData("pack/../../evil.txt", "压缩包中的“pack/../../evil.txt”含有“..”，会写到指标包目录之外，已拒绝")]
    [InlineData("..\\evil.txt", "压缩包中的“..\\evil.txt”含有“..”，会写到指标包目录之外，已拒绝")]
    [InlineData("/tmp/evil.txt", "压缩包中的“/tmp/evil.txt”是绝对路径或含有非法字符，已拒绝")]
    [InlineData("C:/evil.txt", "压缩包中的“C:/evil.txt”是绝对路径或含有非法字符，已拒绝")]
    public void An_entry_that_would_land_outside_the_folder_is_refused_and_nothing_is_written(string name, string message)
    {
        var zip = Zips.Of(("pack.sha256", "x"u8.ToArray()), (name, "evil"u8.ToArray()));

        Assert.Equal(message, PackArchive.Extract(new MemoryStream(zip), Target));

        Assert.False(Directory.Exists(Target));
        Assert.Empty(Directory.GetFiles(work, "evil.txt", SearchOption.AllDirectories));
        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), "evil.txt")));
    }

    [Fact]
    public void A_symbolic_link_entry_is_refused()
    {
        var zip = Zips.Build(archive =>
        {
            var link = archive.CreateEntry("pack.dll");
            link.ExternalAttributes = unchecked((int)0xA1FF0000);
            using var stream = link.Open();
            stream.Write("/etc/passwd"u8);
        });

        Assert.Equal("压缩包中的“pack.dll”是符号链接，已拒绝", PackArchive.Extract(new MemoryStream(zip), Target));
    }

    [Fact]
    public void A_zip_bomb_is_refused_from_its_headers_before_inflating()
    {
        var zip = Zips.Build(archive =>
        {
            using var stream = archive.CreateEntry("zeros.bin", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 30; i++)
            {
                stream.Write(zeros);
            }
        });

        Assert.True(zip.Length < 200 * 1024, $"the test bomb should be small, is {zip.Length} bytes");
        Assert.Equal("压缩包解压后过大或压缩比异常，疑似压缩炸弹", PackArchive.Extract(new MemoryStream(zip), Target));
        Assert.False(Directory.Exists(Target));
    }

    [Fact]
    public void Too_many_entries_or_too_many_bytes_are_refused()
    {
        var many = Zips.Of(Enumerable.Range(0, 11).Select(i => ($"f{i}.txt", new byte[] { 1 })).ToArray());
        var big = Zips.Of(("big.bin", Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251)).ToArray()));

        Assert.Equal("压缩包中有 11 个条目，超过 10 个的上限", PackArchive.Extract(new MemoryStream(many), Target, new PackArchiveLimits(MaxEntries: 10)));
        Assert.Equal("压缩包解压后过大或压缩比异常，疑似压缩炸弹", PackArchive.Extract(new MemoryStream(big), Target, new PackArchiveLimits(MaxUncompressedBytes: 1024)));
        Assert.Equal("压缩包超过 1 MB 的上限", PackArchive.Extract(new MemoryStream(new byte[2 * 1024 * 1024]), Target, new PackArchiveLimits(MaxArchiveBytes: 1024 * 1024)));
    }

    [Fact]
    public void Not_a_zip_an_empty_zip_and_a_corrupt_zip_each_have_their_message()
    {
        var empty = Zips.Build(_ => { });
        var corrupt = Zips.OfFolder(Path.Combine(BuiltPacks.Fixtures, "GoodPack"), "")[..200];

        Assert.Equal("上传的文件不是 zip 压缩包：请把指标包目录压缩成 .zip 后上传", PackArchive.Extract(new MemoryStream("这不是压缩包"u8.ToArray()), Target));
        Assert.Equal("上传的文件是空的", PackArchive.Extract(new MemoryStream([]), Target));
        Assert.Equal("压缩包是空的，里面没有指标包文件", PackArchive.Extract(new MemoryStream(empty), Target));
        Assert.Equal("压缩包已损坏，无法解压", PackArchive.Extract(new MemoryStream(corrupt), Target));
    }

    [Fact]
    public void The_same_name_twice_is_refused()
    {
        var zip = Zips.Of(("a.dll", [1]), ("A.dll", [2]));

        Assert.Equal("压缩包中“A.dll”出现了两次", PackArchive.Extract(new MemoryStream(zip), Target));
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}

/// <summary>Builds .zip files in memory for the tests.</summary>
internal static class Zips
{
    public static byte[] Build(Action<ZipArchive> fill)
    {
        using var memory = new MemoryStream();
        using (var archive = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            fill(archive);
        }

        return memory.ToArray();
    }

    public static byte[] Of(params (string Name, byte[] Content)[] entries) => Build(archive =>
    {
        foreach (var (name, content) in entries)
        {
            using var stream = archive.CreateEntry(name).Open();
            stream.Write(content);
        }
    });

    /// <summary>Every file of <paramref name="folder"/>, each under <paramref name="prefix"/> (e.g. "GoodPack/" or "").</summary>
    public static byte[] OfFolder(string folder, string prefix) => Of(
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => (prefix + Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllBytes(f)))
            .ToArray());
}
