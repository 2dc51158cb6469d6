using Appraisal.PartyBuilding.Core.Accounts;
using OtpNet;

namespace Appraisal.PartyBuilding.Web.Features.Account;

/// <summary>
/// The TOTP second factor (RFC 6238: 6 digits, 30 seconds, SHA-1, as every authenticator app reads it), required of
/// the roles that administer, audit or run the system (等保 2.0 level 3: two factors for privileged accounts).
/// </summary>
public sealed class SecondFactor(TimeProvider clock)
{
    public const string Issuer = "党支部考核";

    public static bool IsRequired(string role) => role is Role.OrgAdmin or Role.Auditor or Role.SysAdmin;

    /// <summary>A new 160-bit secret in Base32, the form authenticator apps accept as text.</summary>
    public static string NewSecret() => Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));

    /// <summary>The <c>otpauth://</c> URI an authenticator app imports (as a link or a QR code).</summary>
    public static string Uri(string login, string secret) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(Issuer)}:{System.Uri.EscapeDataString(login)}?secret={secret}&issuer={System.Uri.EscapeDataString(Issuer)}&algorithm=SHA1&digits=6&period=30";

    /// <summary>The current code of <paramref name="secret"/> (for the demo's printout and the tests).</summary>
    public string Code(string secret) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(clock.GetUtcNow().UtcDateTime);

    /// <summary>Whether <paramref name="code"/> is the code of now or of the step before or after (clock drift, typing time).</summary>
    public bool Verify(string secret, string code)
    {
        var digits = new string((code ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray());
        return digits.Length == 6 && digits.All(char.IsAsciiDigit)
            && new Totp(Base32Encoding.ToBytes(secret)).VerifyTotp(clock.GetUtcNow().UtcDateTime, digits, out _, VerificationWindow.RfcSpecifiedNetworkDelay);
    }
}
