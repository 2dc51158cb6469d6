using System.Security.Cryptography;
using System.Text;
using Appraisal.PartyBuilding.Core.Auditing;

namespace Appraisal.PartyBuilding.Data.Auditing;

/// <summary>
/// The keyed hashes of the audit chain. An entry's hash is HMAC-SHA256 under the chain key over its position, time,
/// actor, action, target, detail, organization path and the previous entry's hash; the head's seal is HMAC over the
/// newest position and hash. Without the key (kept outside the database) nobody can write a matching hash, so an
/// edited, deleted, inserted or reordered entry breaks the chain at that point.
/// </summary>
public sealed class AuditChain
{
    /// <summary>The previous hash of the first entry.</summary>
    public const string Genesis = "";

    private readonly byte[] key;

    public AuditChain(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 32)
        {
            throw new ArgumentException("The audit chain key must have at least 32 bytes.", nameof(key));
        }

        this.key = key;
    }

    public string HashOf(AuditEntry entry, long sequence, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            // Every field is written with its length (BinaryWriter's strings are length-prefixed) and null is marked,
            // so no two different entries encode to the same bytes.
            writer.Write("entry/v1");
            writer.Write(sequence);
            writer.Write(entry.At.UtcTicks);
            writer.Write(entry.Actor);
            writer.Write(entry.Action);
            writer.Write(entry.Target);
            Optional(writer, entry.Detail);
            Optional(writer, entry.OrganizationPath);
            writer.Write(previousHash);
        }

        return Convert.ToHexStringLower(HMACSHA256.HashData(key, buffer.ToArray()));
    }

    public string SealOf(long sequence, string hash) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"head/v1\n{sequence}\n{hash}")));

    /// <summary>Constant-time comparison of two hex hashes.</summary>
    public static bool Same(string? a, string? b) =>
        a is not null && b is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    private static void Optional(BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null)
        {
            writer.Write(value);
        }
    }
}
