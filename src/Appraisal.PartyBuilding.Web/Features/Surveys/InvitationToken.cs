using System.Security.Cryptography;
using System.Text;

namespace Appraisal.PartyBuilding.Web.Features.Surveys;

/// <summary>
/// Invitation tokens: 32 random bytes, URL-safe base64 (43 characters). Only the SHA-256 is stored; a plain hash
/// suffices (no salt or slow hash) because the token carries 256 bits of randomness, not a human-chosen secret.
/// </summary>
public static class InvitationToken
{
    public const int Length = 43;

    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Whether the text can be a token at all (checked before any database read).</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: Length } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
