using System.ComponentModel.DataAnnotations;

namespace Appraisal.PartyBuilding.Web.Features.Capture;

/// <summary>
/// The <c>Capture</c> configuration section: how the host pulls KPI values from other systems (无感考核). The sources
/// themselves (address, format, schedule) are configured by the root's 组织部 on <c>/capture</c> and kept in the database.
/// </summary>
public sealed class CaptureOptions
{
    public const string Section = "Capture";

    /// <summary>The longest one pull's request may take, connecting and reading included.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest answer read; a longer one fails the pull (a source reports one row per branch).</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public int MaxResponseBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>
    /// Host names a source may point at (exact, case-insensitive). Empty: any host, because the configurer is the root's
    /// 组织部, a trusted, two-factor account; set it where the server can reach internal services that must not be
    /// probed from a source address.
    /// </summary>
    public string[] AllowedHosts { get; set; } = [];
}
