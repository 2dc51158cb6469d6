using Appraisal.PartyBuilding.Core.Organizations;
using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appraisal.PartyBuilding.Web.Features.Account;

/// <summary>
/// Accounts, passwords, the second factor, sessions and API tokens. Passwords are hashed with ASP.NET Core Identity's
/// hasher; tokens are stored as SHA-256.
/// </summary>
public sealed partial class AccountService(
    AppraisalDbContext db,
    IPasswordHasher<UserAccount> hasher,
    AuditLog audit,
    TimeProvider clock,
    IOptions<SignInLockoutOptions> signInOptions,
    IOptions<ApiTokenOptions> tokenOptions,
    PasswordPolicy passwordPolicy,
    SecondFactor secondFactor)
{
    /// <summary>The longest login (and the audit log's actor column): longer input is cut before it is written anywhere.</summary>
    public const int MaxLoginLength = 50;

    /// <summary>The claim carrying the account's security stamp at sign-in.</summary>
    public const string StampClaim = "stamp";

    /// <summary>The claim carrying the sign-in instant (UTC ticks), for the absolute session timeout.</summary>
    public const string SignedInAtClaim = "signed_in";

    private const string TokenPrefix = "apb_";

    /// <summary>A hash of a random password: an unknown or locked account costs the same hashing as a known one.</summary>
    private static string? dummyHash;

    private static readonly UserAccount Nobody = new() { Login = "", DisplayName = "", PasswordHash = "", Role = "" };

    /// <summary>One message for an unknown account, a wrong password and a locked account: none tells which.</summary>
    public string FailureMessage =>
        $"账号或密码错误。连续输错{signInOptions.Value.MaxFailedAttempts}次的账号将被锁定{signInOptions.Value.LockoutMinutes}分钟。";

    /// <summary>A login as it may be written to the audit log: trimmed and at most <see cref="MaxLoginLength"/> characters.</summary>
    public static string ForAudit(string login)
    {
        var trimmed = new string(login.Trim().Where(c => !char.IsControl(c)).ToArray());
        return trimmed.Length <= MaxLoginLength ? trimmed : trimmed[..(MaxLoginLength - 1)] + "…";
    }

    /// <summary>
    /// Checks the password. Success for an account that needs a second factor only means the password was right:
    /// <see cref="CompleteSecondFactorAsync"/> finishes the sign-in.
    /// </summary>
    public async Task<SignInResult> VerifyPasswordAsync(string login, string password, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var name = login.Trim();
        var user = name.Length is > 0 and <= MaxLoginLength ? await db.Users.SingleOrDefaultAsync(u => u.Login == name, cancellationToken) : null;
        if (user is null)
        {
            BurnHash(password);
            audit.Record(ForAudit(name), "signin.failed", ForAudit(name), "账号不存在");
            await db.SaveChangesAsync(cancellationToken);
            return SignInResult.Failed(FailureMessage);
        }

        if (user.IsLockedOut(now))
        {
            // Not even checked: a locked account must not become an oracle for guessing its password.
            BurnHash(password);
            audit.Record(user.Login, "signin.locked", user.Login);
            await db.SaveChangesAsync(cancellationToken);
            return SignInResult.Failed(FailureMessage);
        }

        var verdict = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            RecordFailure(user, now, "密码错误");
            await db.SaveChangesAsync(cancellationToken);
            return SignInResult.Failed(FailureMessage);
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, password);
        }

        if (SecondFactor.IsRequired(user.Role))
        {
            // The failure count stays until the code is right too, so the code cannot be guessed five at a time.
            audit.Record(user.Login, "signin.password", user.Login, "密码正确，等待动态验证码");
        }
        else
        {
            user.FailedSignInCount = 0;
            user.LockedUntil = null;
            audit.Record(user.Login, "signin", user.Login);
        }

        user.SecurityStamp ??= UserAccount.NewSecurityStamp();
        await db.SaveChangesAsync(cancellationToken);
        return SignInResult.Success(user);
    }

    /// <summary>The account between password and code, or null when its stamp changed or it was locked meanwhile.</summary>
    public async Task<UserAccount?> PendingSecondFactorAsync(ClaimsPrincipal pending, CancellationToken cancellationToken = default)
    {
        var user = await FindAsync(pending, cancellationToken);
        return user is not null && user.SecurityStamp == pending.FindFirstValue(StampClaim) && !user.IsLockedOut(clock.GetUtcNow()) && SecondFactor.IsRequired(user.Role)
            ? user
            : null;
    }

    /// <summary>The secret to show while the account is not enrolled (made on first use and kept until confirmed).</summary>
    public async Task<string> EnrolmentSecretAsync(UserAccount user, CancellationToken cancellationToken = default)
    {
        if (user.TotpSecret is null)
        {
            user.TotpSecret = SecondFactor.NewSecret();
            await db.SaveChangesAsync(cancellationToken);
        }

        return user.TotpSecret;
    }

    /// <summary>Checks the code of the second factor; the first right code also confirms the enrolment.</summary>
    public async Task<SignInResult> CompleteSecondFactorAsync(UserAccount user, string code, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (user.TotpSecret is null || !secondFactor.Verify(user.TotpSecret, code))
        {
            RecordFailure(user, now, "动态验证码错误");
            await db.SaveChangesAsync(cancellationToken);
            return SignInResult.Failed(user.IsLockedOut(now) ? FailureMessage : "动态验证码错误，请输入验证器应用中当前的6位数字。");
        }

        if (user.TotpEnabledAt is null)
        {
            user.TotpEnabledAt = now;
            audit.Record(user.Login, "signin.totp-enrol", user.Login, "已绑定动态验证码");
        }

        user.FailedSignInCount = 0;
        user.LockedUntil = null;
        audit.Record(user.Login, "signin", user.Login);
        await db.SaveChangesAsync(cancellationToken);
        return SignInResult.Success(user);
    }

    /// <summary>Ends every session of the account (the stamp the cookies carry changes) and audits the sign-out.</summary>
    public async Task SignOutAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(principal, cancellationToken) is { } user)
        {
            user.SecurityStamp = UserAccount.NewSecurityStamp();
            audit.Record(user.Login, "signout", user.Login);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The organization node a sign-in cookie's principal acts on, when the principal still matches its account:
    /// same security stamp, role and node, and the account not locked; otherwise null. Checked on every request, so
    /// it is one read by primary key that brings the node along (the request's scope, which nearly every page needs).
    /// </summary>
    /// <summary>What the session check reads, compiled once: it runs on every request.</summary>
    private static readonly CompiledQuery<Func<AppraisalDbContext, int, CancellationToken, Task<SessionAccountRow?>>> SessionAccount = new(() =>
        EF.CompileAsyncQuery((AppraisalDbContext db, int id, CancellationToken _) => db.Users.AsNoTracking()
            .Where(u => u.Id == id)
            .Select(u => new SessionAccountRow(u.SecurityStamp, u.Role, u.OrganizationId, u.LockedUntil, u.Organization!))
            .SingleOrDefault()));

    private sealed record SessionAccountRow(string? SecurityStamp, string Role, int OrganizationId, DateTimeOffset? LockedUntil, Organization Organization);

    public async Task<Organization?> CurrentSessionScopeAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        if (!int.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }

        var account = await SessionAccount.For(db)(db, id, cancellationToken);
        var current = account is not null
            && account.SecurityStamp is not null
            && account.SecurityStamp == principal.FindFirstValue(StampClaim)
            && account.Role == principal.FindFirstValue(ClaimTypes.Role)
            && account.OrganizationId.ToString(CultureInfo.InvariantCulture) == principal.FindFirstValue(CurrentUser.OrganizationClaim)
            && !(account.LockedUntil is { } until && until > clock.GetUtcNow());
        return current ? account!.Organization : null;
    }

    /// <summary>Creates an account, or returns the reason (in Chinese) it cannot be created.</summary>
    public async Task<(UserAccount? User, string? Error)> AddUserAsync(string actor, string login, string password, string role, string organizationCode, CancellationToken cancellationToken = default)
    {
        login = login.Trim();
        if (!LoginPattern().IsMatch(login))
        {
            return (null, $"登录名须为3至{MaxLoginLength}位字母、数字、点、下划线或连字符。");
        }

        if (passwordPolicy.Check(login, password) is { } weak)
        {
            return (null, weak);
        }

        if (!Role.IsKnown(role))
        {
            return (null, $"角色“{role}”不存在，可选：{string.Join("、", Role.All)}。");
        }

        var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Code == organizationCode.Trim(), cancellationToken);
        if (organization is null)
        {
            return (null, $"组织编码“{organizationCode}”不存在。");
        }

        if (await db.Users.AnyAsync(u => u.Login == login, cancellationToken))
        {
            return (null, $"登录名“{login}”已被使用。");
        }

        var user = new UserAccount
        {
            Login = login,
            DisplayName = login,
            PasswordHash = "",
            Role = role,
            OrganizationId = organization.Id,
            CreatedAt = clock.GetUtcNow(),
            SecurityStamp = UserAccount.NewSecurityStamp(),
        };
        user.PasswordHash = hasher.HashPassword(user, password);
        db.Users.Add(user);
        audit.Record(actor, "users.add", login, $"角色 {role}，组织 {organization.Code}");
        await db.SaveChangesAsync(cancellationToken);
        return (user, null);
    }

    /// <summary>Sets a new password (checked against the policy), clears any lockout and ends the account's sessions.</summary>
    public async Task<string?> SetPasswordAsync(string actor, UserAccount user, string password, CancellationToken cancellationToken = default)
    {
        if (passwordPolicy.Check(user.Login, password) is { } weak)
        {
            return weak;
        }

        user.PasswordHash = hasher.HashPassword(user, password);
        user.FailedSignInCount = 0;
        user.LockedUntil = null;
        user.SecurityStamp = UserAccount.NewSecurityStamp();
        audit.Record(actor, "users.password", user.Login);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// Creates an API token for <paramref name="login"/>, valid for <paramref name="lifetime"/> (the configured default
    /// when null). The token is returned once and only its hash is stored.
    /// </summary>
    public async Task<(string? Token, string? Error)> CreateTokenAsync(string actor, string login, TimeSpan? lifetime = null, CancellationToken cancellationToken = default)
    {
        var options = tokenOptions.Value;
        var valid = lifetime ?? options.DefaultLifetime;
        if (valid <= TimeSpan.Zero || valid > options.MaxLifetime)
        {
            return (null, $"令牌有效期须在1至{options.MaxLifetime.TotalDays:0}天之间。");
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.Login == login.Trim(), cancellationToken);
        if (user is null)
        {
            return (null, $"账号“{ForAudit(login)}”不存在。");
        }

        var now = clock.GetUtcNow();
        var token = TokenPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        db.ApiTokens.Add(new ApiToken
        {
            UserAccountId = user.Id,
            Hash = HashToken(token),
            Prefix = token[..12],
            CreatedAt = now,
            ExpiresAt = now + valid,
        });
        audit.Record(actor, "tokens.create", user.Login, $"令牌 {token[..12]}…，有效至 {Core.ChinaTime.Format(now + valid)}");
        await db.SaveChangesAsync(cancellationToken);
        return (token, null);
    }

    public async Task<UserAccount?> FindByTokenAsync(string token, CancellationToken cancellationToken = default)
    {
        var hash = HashToken(token);
        var now = clock.GetUtcNow();
        return await db.ApiTokens
            .Where(t => t.Hash == hash && t.RevokedAt == null && t.ExpiresAt != null && t.ExpiresAt > now)
            .Select(t => t.UserAccount)
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>The tokens of the accounts within <paramref name="scopePath"/>, newest first.</summary>
    public async Task<IReadOnlyList<TokenLine>> TokensAsync(string scopePath, CancellationToken cancellationToken = default) =>
        await db.ApiTokens.AsNoTracking()
            .Where(t => t.UserAccount!.Organization!.Path.StartsWith(scopePath))
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Select(t => new TokenLine(t.Id, t.UserAccount!.Login, t.UserAccount.Role, t.Prefix, t.CreatedAt, t.ExpiresAt, t.RevokedAt))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Revokes one token (by id) or every valid token of an account (by login), within <paramref name="scopePath"/>
    /// (the root's path for the command line). Returns how many were revoked, or why none could be.
    /// </summary>
    public async Task<(int Revoked, string? Error)> RevokeTokensAsync(string actor, string scopePath, int? tokenId, string? login, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var query = db.ApiTokens.Include(t => t.UserAccount).Where(t => t.UserAccount!.Organization!.Path.StartsWith(scopePath));
        List<ApiToken> tokens;
        if (tokenId is { } id)
        {
            tokens = await query.Where(t => t.Id == id).ToListAsync(cancellationToken);
            if (tokens.Count == 0)
            {
                return (0, $"令牌 {id} 不存在或不在您的管理范围内。");
            }
        }
        else if (!string.IsNullOrWhiteSpace(login))
        {
            var name = login.Trim();
            if (!await db.Users.AnyAsync(u => u.Login == name && u.Organization!.Path.StartsWith(scopePath), cancellationToken))
            {
                return (0, $"账号“{ForAudit(name)}”不存在或不在您的管理范围内。");
            }

            tokens = await query.Where(t => t.UserAccount!.Login == name).ToListAsync(cancellationToken);
        }
        else
        {
            return (0, "请指定令牌编号或登录名。");
        }

        var revoked = 0;
        foreach (var token in tokens.Where(t => t.RevokedAt is null))
        {
            token.RevokedAt = now;
            audit.Record(actor, "tokens.revoke", token.UserAccount!.Login, $"令牌 {token.Id}（{token.Prefix}…）");
            revoked++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return (revoked, null);
    }

    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>The principal of a bearer token: who and where, no session data.</summary>
    public static ClaimsPrincipal PrincipalOf(UserAccount user, string authenticationType) =>
        new(new ClaimsIdentity(Claims(user), authenticationType, ClaimTypes.Name, ClaimTypes.Role));

    /// <summary>The principal of a sign-in cookie: also the security stamp and the sign-in instant, checked on every request.</summary>
    public static ClaimsPrincipal SessionPrincipalOf(UserAccount user, string authenticationType, DateTimeOffset signedInAt) =>
        new(new ClaimsIdentity(
            [
                .. Claims(user),
                new Claim(StampClaim, user.SecurityStamp ?? ""),
                new Claim(SignedInAtClaim, signedInAt.UtcTicks.ToString(CultureInfo.InvariantCulture)),
            ],
            authenticationType,
            ClaimTypes.Name,
            ClaimTypes.Role));

    private static Claim[] Claims(UserAccount user) =>
    [
        new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
        new Claim(ClaimTypes.Name, user.Login),
        new Claim(ClaimTypes.GivenName, user.DisplayName),
        new Claim(ClaimTypes.Role, user.Role),
        new Claim(CurrentUser.OrganizationClaim, user.OrganizationId.ToString(CultureInfo.InvariantCulture)),
    ];

    private async Task<UserAccount?> FindAsync(ClaimsPrincipal principal, CancellationToken cancellationToken) =>
        int.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken)
            : null;

    private void RecordFailure(UserAccount user, DateTimeOffset now, string reason)
    {
        user.FailedSignInCount++;
        var options = signInOptions.Value;
        if (user.FailedSignInCount >= options.MaxFailedAttempts)
        {
            user.LockedUntil = now.AddMinutes(options.LockoutMinutes);
            user.FailedSignInCount = 0;
            audit.Record(user.Login, "signin.lockout", user.Login, $"连续{options.MaxFailedAttempts}次登录失败（最后一次：{reason}），锁定{options.LockoutMinutes}分钟");
        }
        else
        {
            audit.Record(user.Login, "signin.failed", user.Login, reason);
        }
    }

    /// <summary>Spends the time of one password check, so an unknown or locked account answers as slowly as a known one.</summary>
    private void BurnHash(string password)
    {
        dummyHash ??= hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)));
        hasher.VerifyHashedPassword(Nobody, dummyHash, password);
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{3,50}$")]
    private static partial Regex LoginPattern();
}

public sealed record SignInResult(UserAccount? User, string? Error)
{
    public static SignInResult Success(UserAccount user) => new(user, null);

    public static SignInResult Failed(string error) => new(null, error);
}

/// <param name="ExpiresAt">Null only for rows older than script 0020 that it did not reach; such a token is refused.</param>
public sealed record TokenLine(int Id, string Login, string Role, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt)
{
    public string State(DateTimeOffset now) => RevokedAt is not null ? "已吊销" : ExpiresAt is { } e && e > now ? "有效" : "已过期";
}
