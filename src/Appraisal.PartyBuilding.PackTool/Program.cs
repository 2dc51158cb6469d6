using System.Security.Cryptography;
using Appraisal.PartyBuilding.Plugins;

// The pack build's verbs. Exit codes: 0 done, 1 refused (the message says why), 2 usage.
const string Usage = """
    用法：
      packs manifest --folder <构建出的指标包目录> [--optional] [--timeout <秒>]
          创建指标包并写出清单文件 pack.manifest.json（指标包构建自动运行）；--optional：无法创建时只提示、不报错。
      packs sign --key <私钥 PEM 文件> --folder <指标包目录>
          用组织部的 ECDSA P-256 私钥对哈希清单 pack.sha256 签名，写出 pack.sig。
      packs keygen --private <私钥 PEM 文件> --public <公钥 PEM 文件>
          生成一对 P-256 密钥：私钥交给签名的构建（不要放进代码库），公钥配置到 Packs:TrustedKeys。
    """;

var verb = args.Length >= 2 && args[0] == "packs" ? args[1] : null;
string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

try
{
    switch (verb)
    {
        case "manifest" when Option("--folder") is { } folder:
        {
            var seconds = Option("--timeout") is { } t ? double.Parse(t, System.Globalization.CultureInfo.InvariantCulture) : PackLoadSettings.Default.CallTimeout.TotalSeconds;
            try
            {
                var (id, version) = PackManifestFile.WriteFromBuild(folder, new PackLoadSettings(TimeSpan.FromSeconds(seconds)));
                Console.WriteLine($"{id} {version}: {PackManifestFile.FileName}");
                return 0;
            }
            catch (InvalidOperationException e) when (args.Contains("--optional"))
            {
                Console.WriteLine($"未生成 {PackManifestFile.FileName}：{e.Message}");
                File.Delete(Path.Combine(folder, PackManifestFile.FileName));
                return 0;
            }
        }

        case "sign" when Option("--key") is { } keyPath && Option("--folder") is { } folder:
        {
            using var key = ECDsa.Create();
            key.ImportFromPem(File.ReadAllText(keyPath));
            PackSignature.Sign(folder, key);
            Console.WriteLine($"{PackSignature.FileName}: 密钥指纹 {PackTrustedKeys.Fingerprint(key)}");
            return 0;
        }

        case "keygen" when Option("--private") is { } privatePath && Option("--public") is { } publicPath:
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            File.WriteAllText(privatePath, key.ExportPkcs8PrivateKeyPem() + "\n");
            File.WriteAllText(publicPath, key.ExportSubjectPublicKeyInfoPem() + "\n");
            Console.WriteLine($"密钥指纹 {PackTrustedKeys.Fingerprint(key)}；公钥：{publicPath}");
            return 0;
        }

        default:
            Console.Error.WriteLine(Usage);
            return 2;
    }
}
catch (Exception e) when (e is InvalidOperationException or IOException or CryptographicException or ArgumentException or UnauthorizedAccessException)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
