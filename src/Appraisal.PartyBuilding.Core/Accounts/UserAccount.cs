namespace Appraisal.PartyBuilding.Core.Accounts;

/// <summary>
/// A signed-in user. One account holds exactly one role, so org-admin, auditor and sys-admin are never
/// held together (三员分立).
/// </summary>
public sealed class UserAccount
{
    public int Id { get; set; }

    public required string Login { get; set; }

    public required string DisplayName { get; set; }

    /// <summary>ASP.NET Core Identity's PBKDF2 hash; never the password.</summary>
    public required string PasswordHash { get; set; }

    public required string Role { get; set; }

    /// <summary>The organization node the user acts on; they see it and what is below it.</summary>
    public int OrganizationId { get; set; }

    public Organizations.Organization? Organization { get; set; }

    public int FailedSignInCount { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// A random value that changes whenever the account's sessions must end: sign-out, a new password, a new role or
    /// node. A sign-in cookie carries the stamp it was issued with and is refused once they differ. Nullable only
    /// because SQLite cannot add a NOT NULL column without a default; script 0020 gave every existing account one.
    /// </summary>
    public string? SecurityStamp { get; set; }

    /// <summary>The TOTP secret (Base32) of the second factor; set at enrolment, in use once <see cref="TotpEnabledAt"/> is set.</summary>
    public string? TotpSecret { get; set; }

    /// <summary>When the account confirmed its authenticator app with a first code; null while not enrolled.</summary>
    public DateTimeOffset? TotpEnabledAt { get; set; }

    public static string NewSecurityStamp() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public bool IsLockedOut(DateTimeOffset now) => LockedUntil is { } until && until > now;
}

/// <summary>An API token for other systems and scripts; only its SHA-256 hash is stored.</summary>
public sealed class ApiToken
{
    public int Id { get; set; }

    public int UserAccountId { get; set; }

    public UserAccount? UserAccount { get; set; }

    /// <summary>Lower-case hex SHA-256 of the token.</summary>
    public required string Hash { get; set; }

    /// <summary>The first characters of the token, to tell tokens apart in a list.</summary>
    public required string Prefix { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>After this instant the token is refused. Nullable only for SQLite's ALTER TABLE; every token has one (script 0020).</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsValid(DateTimeOffset now) => RevokedAt is null && ExpiresAt is { } expires && expires > now;
}
