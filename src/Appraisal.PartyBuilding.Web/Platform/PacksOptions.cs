namespace Appraisal.PartyBuilding.Web.Platform;

/// <summary>The <c>Packs</c> configuration section.</summary>
public sealed class PacksOptions
{
    public const string Section = "Packs";

    /// <summary>The folder holding one sub-folder per pack. Empty means <c>packs/</c> beside the executable, where the build puts this repository's packs.</summary>
    public string Path { get; set; } = "";

    public string ResolvedPath => string.IsNullOrWhiteSpace(Path) ? System.IO.Path.Combine(AppContext.BaseDirectory, "packs") : System.IO.Path.GetFullPath(Path);

    /// <summary>
    /// The 组织部's public keys (PEM, ECDSA P-256) an uploaded code pack must be signed with. Public keys only: the
    /// private key stays with whoever builds the packs. Empty refuses every code pack upload.
    /// </summary>
    public string[] TrustedKeys { get; set; } = [];

    /// <summary>The longest a pack's constructor or one scorer call may take before the host gives up on it.</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:00.1", "00:10:00")]
    public TimeSpan CallTimeout { get; set; } = Plugins.PackLoadSettings.Default.CallTimeout;

    /// <summary>The trusted keys, parsed.</summary>
    /// <exception cref="ArgumentException">A key is not a PEM ECDSA P-256 public key.</exception>
    public Plugins.PackTrustedKeys ParseTrustedKeys() => Plugins.PackTrustedKeys.FromPem(TrustedKeys);

    /// <summary>Whether every trusted key parses (checked at start-up).</summary>
    public bool TrustedKeysAreValid()
    {
        try
        {
            ParseTrustedKeys();
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

/// <summary>The <c>SignIn</c> configuration section: lockout after repeated failures.</summary>
public sealed class SignInLockoutOptions
{
    public const string Section = "SignIn";

    [System.ComponentModel.DataAnnotations.Range(1, 100)]
    public int MaxFailedAttempts { get; set; } = 5;

    [System.ComponentModel.DataAnnotations.Range(1, 1440)]
    public int LockoutMinutes { get; set; } = 15;
}
