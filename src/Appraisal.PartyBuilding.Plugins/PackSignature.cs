using System.Security.Cryptography;
using System.Text;

namespace Appraisal.PartyBuilding.Plugins;

/// <summary>
/// The signature of a pack: <c>pack.sig</c>, the base64 of an ECDSA P-256 signature (SHA-256, IEEE P1363 form) over
/// the exact bytes of the hash list <c>pack.sha256</c>. The hash list covers every other file (the manifest file
/// included), so the signature covers the whole folder. The pack build signs with the 组织部's private key given to it
/// from outside the repository (<c>PackSigningKey</c>, see <c>plugins/Pack.props</c>); the host checks uploads against
/// the public keys pinned in <c>Packs:TrustedKeys</c>.
/// </summary>
public static class PackSignature
{
    /// <summary>The signature's file name, at the root of the pack folder.</summary>
    public const string FileName = "pack.sig";

    /// <summary>Signs the hash list of <paramref name="directory"/> with <paramref name="privateKey"/> (P-256).</summary>
    public static void Sign(string directory, ECDsa privateKey)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        if (privateKey.KeySize != 256)
        {
            throw new ArgumentException("签名密钥必须是 ECDSA P-256 私钥。", nameof(privateKey));
        }

        var list = File.ReadAllBytes(Path.Combine(directory, PackHashes.FileName));
        var signature = privateKey.SignData(list, HashAlgorithmName.SHA256);
        File.WriteAllText(Path.Combine(directory, FileName), Convert.ToBase64String(signature) + "\n", new UTF8Encoding(false));
    }

    /// <summary>
    /// Checks the signature of <paramref name="directory"/>'s hash list against the trusted keys. The hash list itself
    /// must have been checked against the files first (<see cref="PackHashes.Verify"/>).
    /// </summary>
    /// <returns>The fingerprint of the key that signed it.</returns>
    /// <exception cref="PackLoadException">Unsigned, malformed, or signed by no trusted key (or the list was changed).</exception>
    internal static string Verify(string directory, PackTrustedKeys keys, string name, string refusal)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new PackLoadException($"指标包“{name}”没有签名（缺少 {FileName}）：只能安装经组织部密钥签名的指标包，{refusal}。");
        }

        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(File.ReadAllText(path, Encoding.UTF8).Trim());
        }
        catch (FormatException)
        {
            throw new PackLoadException($"指标包“{name}”的签名文件 {FileName} 格式不对，{refusal}。");
        }

        if (keys.Count == 0)
        {
            throw new PackLoadException($"本系统未配置受信任的指标包签名公钥（Packs:TrustedKeys），无法验证指标包“{name}”的签名，{refusal}。");
        }

        var list = File.ReadAllBytes(Path.Combine(directory, PackHashes.FileName));
        return keys.FindSigner(list, signature)
            ?? throw new PackLoadException(
                $"指标包“{name}”的签名无效：不是由受信任的组织部密钥签名，或签名后哈希清单被改动过，{refusal}。");
    }
}

/// <summary>The public keys a host trusts to sign packs (<c>Packs:TrustedKeys</c>), each named by its fingerprint.</summary>
public sealed class PackTrustedKeys
{
    private readonly IReadOnlyList<(string Fingerprint, ECDsa Key)> keys;

    private PackTrustedKeys(IReadOnlyList<(string Fingerprint, ECDsa Key)> keys) => this.keys = keys;

    /// <summary>No key: every signature is refused.</summary>
    public static PackTrustedKeys None { get; } = new([]);

    /// <summary>How many keys are trusted.</summary>
    public int Count => keys.Count;

    /// <summary>The fingerprints of the trusted keys.</summary>
    public IEnumerable<string> Fingerprints => keys.Select(k => k.Fingerprint);

    /// <summary>Reads PEM public keys (<c>-----BEGIN PUBLIC KEY-----</c>, ECDSA P-256).</summary>
    /// <exception cref="ArgumentException">A key is not a PEM ECDSA P-256 public key; the message says which.</exception>
    public static PackTrustedKeys FromPem(IEnumerable<string> pems)
    {
        var parsed = new List<(string, ECDsa)>();
        var index = 0;
        foreach (var pem in pems)
        {
            index++;
            var key = ECDsa.Create();
            try
            {
                key.ImportFromPem(pem);
            }
            catch (Exception e) when (e is ArgumentException or CryptographicException)
            {
                throw new ArgumentException($"Packs:TrustedKeys 第{index}项不是 PEM 格式的 ECDSA 公钥：{e.Message}", e);
            }

            if (key.KeySize != 256)
            {
                throw new ArgumentException($"Packs:TrustedKeys 第{index}项不是 P-256 密钥（{key.KeySize} 位）。");
            }

            parsed.Add((Fingerprint(key), key));
        }

        return new PackTrustedKeys(parsed);
    }

    /// <summary>The fingerprint of a key: the first 16 hex digits of the SHA-256 of its SubjectPublicKeyInfo.</summary>
    public static string Fingerprint(ECDsa key) =>
        Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];

    internal string? FindSigner(byte[] data, byte[] signature) =>
        keys.FirstOrDefault(k => k.Key.VerifyData(data, signature, HashAlgorithmName.SHA256)).Fingerprint;
}
