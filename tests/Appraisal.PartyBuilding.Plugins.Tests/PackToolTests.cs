using System.Diagnostics;

namespace Appraisal.PartyBuilding.Plugins.Tests;

/// <summary>The pack tool as a 组织部 runs it: make a key pair, sign a built pack, and the host accepts it.</summary>
public sealed class PackToolTests
{
    [Fact]
    public void Keygen_then_sign_gives_a_pack_the_host_accepts_with_that_public_key_only()
    {
        using var folder = TempPacksFolder.WithFixtures("GoodPackV2");
        var pack = Path.Combine(folder.Path, "GoodPackV2");
        var privateKey = Path.Combine(folder.Path, "zzb.pem");
        var publicKey = Path.Combine(folder.Path, "zzb.pub.pem");

        var keygen = Run("packs", "keygen", "--private", privateKey, "--public", publicKey);
        var sign = Run("packs", "sign", "--key", privateKey, "--folder", pack);

        Assert.Equal(0, keygen.ExitCode);
        Assert.Equal(0, sign.ExitCode);
        var trusted = PackTrustedKeys.FromPem([File.ReadAllText(publicKey)]);
        Assert.Contains(Assert.Single(trusted.Fingerprints), sign.Output);
        var inspected = PackInspection.Inspect(pack, trusted);
        Assert.Null(inspected.Problem);
        Assert.Equal(trusted.Fingerprints.Single(), inspected.Pack!.SignedBy);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(privateKey), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_verb_prints_the_usage_and_exits_2_and_a_bad_key_exits_1()
    {
        using var folder = TempPacksFolder.WithFixtures("GoodPackV2");
        var notAKey = Path.Combine(folder.Path, "not-a-key.pem");
        File.WriteAllText(notAKey, "不是密钥");

        var unknown = Run("packs", "install");
        var badKey = Run("packs", "sign", "--key", notAKey, "--folder", Path.Combine(folder.Path, "GoodPackV2"));

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("packs sign --key", unknown.Output, StringComparison.Ordinal);
        Assert.Equal(1, badKey.ExitCode);
        Assert.False(File.Exists(Path.Combine(folder.Path, "GoodPackV2", PackSignature.FileName)));
    }

    [Fact]
    public void Trusted_keys_must_be_PEM_P256_public_keys()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        using var p384 = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP384);

        Assert.StartsWith("Packs:TrustedKeys 第1项不是 PEM 格式的 ECDSA 公钥", Assert.Throws<ArgumentException>(() => PackTrustedKeys.FromPem(["不是密钥"])).Message, StringComparison.Ordinal);
        Assert.StartsWith("Packs:TrustedKeys 第1项不是 PEM 格式的 ECDSA 公钥", Assert.Throws<ArgumentException>(() => PackTrustedKeys.FromPem([rsa.ExportSubjectPublicKeyInfoPem()])).Message, StringComparison.Ordinal);
        Assert.Equal("Packs:TrustedKeys 第1项不是 P-256 密钥（384 位）。", Assert.Throws<ArgumentException>(() => PackTrustedKeys.FromPem([p384.ExportSubjectPublicKeyInfoPem()])).Message);
    }

    private static (int ExitCode, string Output) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(BuiltPacks.Tool);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "the pack tool did not finish");
        return (process.ExitCode, output.Result + error.Result);
    }
}
