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

/// <summary>Accounts, passwords and API tokens. Passwords are hashed with ASP.NET Core Identity's hasher; tokens are stored as SHA-256.</summary>
public sealed partial class AccountService(
    AppraisalDbContext db,
    IPasswordHasher<UserAccount> hasher,
    AuditLog audit,
    TimeProvider clock,
    IOptions<SignInLockoutOptions> signInOptions)
{
    public const int MinimumPasswordLength = 8;
    private const string TokenPrefix = "apb_";

    public async Task<SignInResult> VerifyPasswordAsync(string login, string password, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var user = await db.Users.SingleOrDefaultAsync(u => u.Login == login.Trim(), cancellationToken);
        if (user is null)
        {
            audit.Record(login.Trim(), "signin.failed", login.Trim(), "账号不存在");
            await db.SaveChangesAsync(cancellationToken);
            return SignInResult.Failed("账号或密码错误。");
        }

        if (user.IsLockedOut(now))
        {
            audit.Record(user.Login, "signin.locked", user.Login);
            await db.SaveChangesAsync(cancellationToken);
            return SignInResult.Failed($"连续登录失败次数过多，账号已锁定，请于{user.LockedUntil!.Value.ToOffset(TimeSpan.FromHours(8)):HH:mm}后再试。");
        }

        var verdict = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            user.FailedSignInCount++;
            var options = signInOptions.Value;
            if (user.FailedSignInCount >= options.MaxFailedAttempts)
            {
                user.LockedUntil = now.AddMinutes(options.LockoutMinutes);
                user.FailedSignInCount = 0;
                audit.Record(user.Login, "signin.lockout", user.Login, $"连续{options.MaxFailedAttempts}次密码错误，锁定{options.LockoutMinutes}分钟");
            }
            else
            {
                audit.Record(user.Login, "signin.failed", user.Login, "密码错误");
            }

            await db.SaveChangesAsync(cancellationToken);
            return SignInResult.Failed("账号或密码错误。");
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, password);
        }

        user.FailedSignInCount = 0;
        user.LockedUntil = null;
        audit.Record(user.Login, "signin", user.Login);
        await db.SaveChangesAsync(cancellationToken);
        return SignInResult.Success(user);
    }

    /// <summary>Creates an account, or returns the reason (in Chinese) it cannot be created.</summary>
    public async Task<(UserAccount? User, string? Error)> AddUserAsync(string actor, string login, string password, string role, string organizationCode, CancellationToken cancellationToken = default)
    {
        login = login.Trim();
        if (!LoginPattern().IsMatch(login))
        {
            return (null, "登录名须为3至50位字母、数字、点、下划线或连字符。");
        }

        if (password.Length < MinimumPasswordLength)
        {
            return (null, $"密码至少{MinimumPasswordLength}位。");
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
        };
        user.PasswordHash = hasher.HashPassword(user, password);
        db.Users.Add(user);
        audit.Record(actor, "users.add", login, $"角色 {role}，组织 {organization.Code}");
        await db.SaveChangesAsync(cancellationToken);
        return (user, null);
    }

    /// <summary>Sets a new password and clears any lockout.</summary>
    public async Task SetPasswordAsync(string actor, UserAccount user, string password, CancellationToken cancellationToken = default)
    {
        user.PasswordHash = hasher.HashPassword(user, password);
        user.FailedSignInCount = 0;
        user.LockedUntil = null;
        audit.Record(actor, "users.password", user.Login);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Creates an API token for <paramref name="login"/>. The token is returned once and only its hash is stored.</summary>
    public async Task<(string? Token, string? Error)> CreateTokenAsync(string actor, string login, CancellationToken cancellationToken = default)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Login == login.Trim(), cancellationToken);
        if (user is null)
        {
            return (null, $"账号“{login}”不存在。");
        }

        var token = TokenPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        db.ApiTokens.Add(new ApiToken
        {
            UserAccountId = user.Id,
            Hash = HashToken(token),
            Prefix = token[..12],
            CreatedAt = clock.GetUtcNow(),
        });
        audit.Record(actor, "tokens.create", user.Login, $"令牌 {token[..12]}…");
        await db.SaveChangesAsync(cancellationToken);
        return (token, null);
    }

    public async Task<UserAccount?> FindByTokenAsync(string token, CancellationToken cancellationToken = default)
    {
        var hash = HashToken(token);
        return await db.ApiTokens
            .Where(t => t.Hash == hash && t.RevokedAt == null)
            .Select(t => t.UserAccount)
            .SingleOrDefaultAsync(cancellationToken);
    }

    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static ClaimsPrincipal PrincipalOf(UserAccount user, string authenticationType) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, user.Login),
                new Claim(ClaimTypes.GivenName, user.DisplayName),
                new Claim(ClaimTypes.Role, user.Role),
                new Claim(CurrentUser.OrganizationClaim, user.OrganizationId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ],
            authenticationType,
            ClaimTypes.Name,
            ClaimTypes.Role));

    [GeneratedRegex("^[A-Za-z0-9._-]{3,50}$")]
    private static partial Regex LoginPattern();
}

public sealed record SignInResult(UserAccount? User, string? Error)
{
    public static SignInResult Success(UserAccount user) => new(user, null);

    public static SignInResult Failed(string error) => new(null, error);
}
