namespace Appraisal.PartyBuilding.Web.Platform;

/// <summary>The <c>Packs</c> configuration section.</summary>
public sealed class PacksOptions
{
    public const string Section = "Packs";

    /// <summary>The folder holding one sub-folder per pack. Empty means <c>packs/</c> beside the executable, where the build puts this repository's packs.</summary>
    public string Path { get; set; } = "";

    public string ResolvedPath => string.IsNullOrWhiteSpace(Path) ? System.IO.Path.Combine(AppContext.BaseDirectory, "packs") : System.IO.Path.GetFullPath(Path);
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
