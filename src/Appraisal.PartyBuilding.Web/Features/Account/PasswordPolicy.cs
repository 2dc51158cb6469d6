using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.Extensions.Options;

namespace Appraisal.PartyBuilding.Web.Features.Account;

/// <summary>The one check of a new password, for <c>users add</c> and every password change.</summary>
public sealed class PasswordPolicy(IOptions<PasswordPolicyOptions> options)
{
    /// <summary>Passwords that guessing tools try first (compared without regard to case).</summary>
    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "password1", "password123", "passw0rd", "p@ssw0rd", "p@ssword1", "p@ssw0rd123", "password@123",
        "12345678", "123456789", "1234567890", "11111111", "88888888", "66666666", "00000000", "123123123",
        "qwerty123", "qwertyuiop", "1qaz2wsx", "1qaz@wsx", "1qaz2wsx3edc", "zaq12wsx", "abc12345", "abc123456", "a123456789",
        "admin123", "admin@123", "admin12345", "administrator", "root1234", "welcome1", "welcome123", "iloveyou",
        "woaini1314", "5201314520", "aa123456", "Aa123456", "Aa123456!", "Abc@1234", "Abcd1234", "Abc123456!", "Qwer1234", "Asdf1234",
        "Password123", "Password123!", "Password@123", "P@ssw0rd!", "Passw0rd!", "Passw0rd123", "Admin@123456", "Abc@123456",
        "1qaz@WSX3edc", "1qaz!QAZ2wsx", "Qwer1234!@#$", "Aa123456789", "Zxcvbnm123", "Woaini1314!", "Huawei@123", "Welcome@123",
    };

    public int MinLength => options.Value.MinLength;

    /// <summary>The reason (in Chinese) <paramref name="password"/> is refused for <paramref name="login"/>, or null.</summary>
    public string? Check(string login, string password)
    {
        var o = options.Value;
        if (password.Length < o.MinLength)
        {
            return $"密码至少{o.MinLength}位。";
        }

        var classes = new[] { password.Any(char.IsAsciiLetterLower), password.Any(char.IsAsciiLetterUpper), password.Any(char.IsAsciiDigit), password.Any(c => !char.IsAsciiLetterOrDigit(c)) }.Count(x => x);
        if (classes < o.MinCharacterClasses)
        {
            return $"密码须包含小写字母、大写字母、数字、其他字符中的至少{o.MinCharacterClasses}类。";
        }

        if (login.Trim().Length > 0 && password.Contains(login.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return "密码不能包含登录名。";
        }

        if (Common.Contains(password))
        {
            return "该密码过于常见，请换一个。";
        }

        return null;
    }
}
