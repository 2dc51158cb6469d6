using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Appraisal.PartyBuilding.Data.Schema;

/// <summary>One forward-only schema script of <c>db/{provider}/</c>, e.g. <c>0001_initial.sql</c>.</summary>
public sealed record SchemaScript(string Version, string Name, string Sql)
{
    /// <summary>SHA-256 of the script with line endings normalised, so a checkout on Windows gives the same value.</summary>
    public string Checksum => Convert.ToHexStringLower(
        SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));

    public static IReadOnlyList<SchemaScript> For(DatabaseProvider provider)
    {
        var folder = provider switch
        {
            DatabaseProvider.Sqlite => "sqlite",
            DatabaseProvider.PostgreSql => "postgresql",
            _ => throw new ArgumentOutOfRangeException(nameof(provider)),
        };
        var prefix = $"schema/{folder}/";
        var assembly = typeof(SchemaScript).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => FromResource(assembly, n, n[prefix.Length..]))
            .ToList();
    }

    private static SchemaScript FromResource(Assembly assembly, string resource, string name)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var version = name.Split('_', 2)[0];
        return new SchemaScript(version, name, reader.ReadToEnd());
    }
}
