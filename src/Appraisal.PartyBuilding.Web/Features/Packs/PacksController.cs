using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Packs;

[Authorize(Policy = Policies.ReadPacks)]
[Route("packs")]
public sealed class PacksController(PackCatalog catalog, LivePackCatalog live, AppraisalDbContext db, CurrentUser user) : Controller
{
    [HttpGet("")]
    public IActionResult Index() => View(catalog);

    [Authorize(Policy = Policies.ManagePacks)]
    [HttpGet("manage")]
    public async Task<IActionResult> Manage(CancellationToken cancellationToken) =>
        View(await ManagePageAsync(null, cancellationToken));

    [Authorize(Policy = Policies.InstallPacks)]
    [HttpPost("manage/upload")]
    [RequestSizeLimit(PackInstallations.MaxRequestBytes)]
    public async Task<IActionResult> Upload(IFormFile? file, [FromServices] PackInstallations installations, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Manage), await ManagePageAsync(new PageMessage(false, "请选择指标包目录的 .zip 压缩包。"), cancellationToken));
        }

        await using var stream = file.OpenReadStream();
        var change = await installations.InstallAsync(stream, user.Login, cancellationToken);
        Response.StatusCode = change.Status;
        var message = change.Pack is { } pack
            ? new PageMessage(true, $"已安装指标包“{pack.Name}”（{pack.PackId} {pack.Version}），已生效。")
            : new PageMessage(false, change.Error!);
        return View(nameof(Manage), await ManagePageAsync(message, cancellationToken));
    }

    [Authorize(Policy = Policies.InstallPacks)]
    [HttpPost("manage/{id}/{version}/enable")]
    public Task<IActionResult> Enable(string id, string version, [FromServices] PackInstallations installations, CancellationToken cancellationToken) =>
        SetEnabledAsync(id, version, true, installations, cancellationToken);

    [Authorize(Policy = Policies.InstallPacks)]
    [HttpPost("manage/{id}/{version}/disable")]
    public Task<IActionResult> Disable(string id, string version, [FromServices] PackInstallations installations, CancellationToken cancellationToken) =>
        SetEnabledAsync(id, version, false, installations, cancellationToken);

    [Authorize(Policy = Policies.ManagePacks)]
    [HttpGet("{id}/versions/{version}/dry-run")]
    public async Task<IActionResult> DryRun(string id, string version, int? periodId, [FromServices] PackDryRun dryRun, CancellationToken cancellationToken)
    {
        var periods = await db.Periods.AsNoTracking()
            .Where(p => p.State != PeriodState.Final && p.Packs.Any(x => x.PackId == id))
            .Include(p => p.Packs)
            .OrderByDescending(p => p.Year).ThenByDescending(p => p.Quarter)
            .ToListAsync(cancellationToken);
        var choices = periods.Select(p => new PeriodChoice(p.Id, $"{p.AsQuarter}（{p.State.DisplayName()}，按 {p.Packs.Single(x => x.PackId == id).Version} 版开启）")).ToList();
        periodId ??= choices.FirstOrDefault()?.Id;
        DryRunOutcome? outcome = null;
        if (periodId is { } chosen)
        {
            outcome = await dryRun.RunAsync(id, version, chosen, cancellationToken);
            Response.StatusCode = outcome.Status;
        }

        return View(new DryRunPage(id, version, choices, periodId, outcome));
    }

    private async Task<IActionResult> SetEnabledAsync(string id, string version, bool enabled, PackInstallations installations, CancellationToken cancellationToken)
    {
        var change = await installations.SetEnabledAsync(id, version, enabled, user.Login, cancellationToken);
        Response.StatusCode = change.Status;
        var message = change.Pack is not null
            ? new PageMessage(true, $"指标包“{id}”{version}版已{(enabled ? "启用" : "停用")}，已生效。")
            : new PageMessage(false, change.Error!);
        return View(nameof(Manage), await ManagePageAsync(message, cancellationToken));
    }

    private async Task<ManagePage> ManagePageAsync(PageMessage? message, CancellationToken cancellationToken)
    {
        var records = await db.InstalledPacks.AsNoTracking().ToListAsync(cancellationToken);
        var openPackIds = await db.Periods.AsNoTracking()
            .Where(p => p.State != PeriodState.Final)
            .SelectMany(p => p.Packs.Select(x => x.PackId))
            .Distinct()
            .ToListAsync(cancellationToken);
        // After an upload or a change the live catalog was reloaded: show it, not the one this request started with.
        return new ManagePage(PackVersionList.Describe(live.Current, records), openPackIds.ToHashSet(StringComparer.Ordinal), message);
    }
}

public sealed record PageMessage(bool Success, string Text);

/// <summary>The pack management page: every version with its state, and the pack ids an open period uses (for dry-run links).</summary>
public sealed record ManagePage(IReadOnlyList<PackVersionDto> Versions, IReadOnlySet<string> PackIdsInOpenPeriods, PageMessage? Message)
{
    public bool CanDryRun(PackVersionDto version) =>
        version.Id is not null && version.State is PackVersionList.Active or PackVersionList.Enabled && PackIdsInOpenPeriods.Contains(version.Id);

    public static string BadgeClass(string state) => state switch
    {
        PackVersionList.Active => "text-bg-success",
        PackVersionList.Enabled => "text-bg-primary",
        PackVersionList.Pending => "text-bg-warning",
        PackVersionList.Disabled => "text-bg-secondary",
        _ => "text-bg-danger",
    };
}

public sealed record PeriodChoice(int Id, string Label);

public sealed record DryRunPage(string PackId, string Version, IReadOnlyList<PeriodChoice> Periods, int? PeriodId, DryRunOutcome? Outcome);
