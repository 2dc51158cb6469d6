using Appraisal.PartyBuilding.Core.Capture;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Appraisal.PartyBuilding.Web.Features.Capture;

/// <summary>
/// The 组织部's pages for the KPI data sources (无感考核): the paged list with each source's status, and one source's
/// configuration form with its last success and failure and the 立即拉取 button (a pull in the request, once; the
/// scheduled pulls run as jobs and are retried).
/// </summary>
[Route("capture")]
[Authorize(Policy = Policies.RootOrgAdmin)]
public sealed class CaptureController(CaptureSources sources, CapturePull pull, CurrentUser user) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int? page, CancellationToken cancellationToken)
    {
        var (number, size) = ListPaging.Clamp(page, null);
        return View("Index", new CaptureListPage(await sources.ListAsync(number, size, cancellationToken), await sources.UnconfiguredAsync(cancellationToken)));
    }

    [HttpGet("{kpiCode}")]
    public async Task<IActionResult> Edit(string kpiCode, CancellationToken cancellationToken) =>
        await PageAsync(kpiCode, null, null, null, StatusCodes.Status200OK, cancellationToken);

    [HttpPost("{kpiCode}")]
    public async Task<IActionResult> Save(string kpiCode, CaptureSourceInput input, CancellationToken cancellationToken)
    {
        var outcome = await sources.SaveAsync(kpiCode, input, user.Login, cancellationToken);
        return outcome.Succeeded
            ? Redirect($"/capture/{Uri.EscapeDataString(kpiCode)}?saved=true")
            : await PageAsync(kpiCode, input, null, outcome.Message, outcome.Status, cancellationToken);
    }

    [HttpPost("{kpiCode}/pull")]
    public async Task<IActionResult> Pull(string kpiCode, CancellationToken cancellationToken)
    {
        var outcome = await pull.PullAsync(kpiCode, cancellationToken);
        if (outcome is null)
        {
            return await PageAsync(kpiCode, null, null, "请先保存数据源配置，再拉取。", StatusCodes.Status404NotFound, cancellationToken);
        }

        return outcome.Succeeded
            ? await PageAsync(kpiCode, null, $"拉取成功：读取{outcome.Rows}行，新增{outcome.Inserted}条，更新{outcome.Updated}条，未变{outcome.Skipped}条。", null, StatusCodes.Status200OK, cancellationToken)
            : await PageAsync(kpiCode, null, null, $"拉取失败，未保存任何数据：{outcome.Error}", StatusCodes.Status502BadGateway, cancellationToken);
    }

    private async Task<IActionResult> PageAsync(string kpiCode, CaptureSourceInput? input, string? notice, string? error, int status, CancellationToken cancellationToken)
    {
        var source = await sources.FindAsync(kpiCode, cancellationToken);
        var declared = sources.Declared().FirstOrDefault(d => d.KpiCode == kpiCode);
        if (source is null && declared is null)
        {
            return NotFound();
        }

        if (notice is null && error is null && Request.Query["saved"] == "true")
        {
            notice = "数据源配置已保存。";
        }

        Response.StatusCode = status;
        return View("Edit", new CaptureEditPage(kpiCode, source, declared, input, notice, error));
    }
}

public sealed record CaptureListPage(ListPage<CaptureSource> Sources, IReadOnlyList<DeclaredSource> Unconfigured);

public sealed record CaptureEditPage(string KpiCode, CaptureSource? Source, DeclaredSource? Declared, CaptureSourceInput? Input, string? Notice, string? Error)
{
    public string Name => Source?.Name ?? Declared!.Name;

    public string Url => Input?.Url ?? Source?.Url ?? "";

    public string Format => Input?.Format ?? Source?.Format.ToString().ToLowerInvariant() ?? "json";

    public string BranchField => Input?.BranchField ?? Source?.BranchField ?? Declared!.BranchField;

    public string ValueField => Input?.ValueField ?? Source?.ValueField ?? Declared!.ValueField;

    public string Cron => Input?.Cron ?? Source?.Cron ?? "0 6 * * *";

    public bool Enabled => Input?.Enabled ?? Source?.Enabled ?? true;

    public string TokenHeader => Input?.TokenHeader ?? Source?.TokenHeader ?? "";
}
