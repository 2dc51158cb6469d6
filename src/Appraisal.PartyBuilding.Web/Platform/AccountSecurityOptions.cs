using System.ComponentModel.DataAnnotations;

namespace Appraisal.PartyBuilding.Web.Platform;

/// <summary>The <c>Password</c> configuration section: the password policy (等保 2.0 level 3: length and complexity).</summary>
public sealed class PasswordPolicyOptions
{
    public const string Section = "Password";

    [Range(8, 128)]
    public int MinLength { get; set; } = 10;

    /// <summary>How many of the four classes (lower case, upper case, digit, other) a password must mix.</summary>
    [Range(1, 4)]
    public int MinCharacterClasses { get; set; } = 3;
}

/// <summary>The <c>Session</c> configuration section: how long a sign-in cookie lasts.</summary>
public sealed class SignInSessionOptions
{
    public const string Section = "Session";

    /// <summary>A session unused this long ends (the cookie slides while it is used).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A session ends this long after sign-in however busy it is.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(8);
}

/// <summary>The <c>Tokens</c> configuration section: API token lifetime.</summary>
public sealed class ApiTokenOptions
{
    public const string Section = "Tokens";

    /// <summary>How long a token made without <c>--days</c> is valid.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan DefaultLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>The longest lifetime <c>--days</c> may ask for.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromDays(365);
}
