using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Capture;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Features.Loop;
using Appraisal.PartyBuilding.Web.Features.Schedule;
using Appraisal.PartyBuilding.Web.Platform;
using Cronos;
using Hangfire;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appraisal.PartyBuilding.Web.Features.Capture;

/// <summary>A data source an installed pack declares for a KPI, and the indicators scored from that KPI.</summary>
public sealed record DeclaredSource(string KpiCode, string Name, string BranchField, string ValueField, IReadOnlyList<string> Indicators);

/// <summary>What the 组织部 enters for a source; blank fields take the pack's declaration.</summary>
/// <param name="Token">A new credential for <paramref name="TokenHeader"/>; blank keeps the stored one.</param>
/// <param name="ClearToken">Removes the stored credential.</param>
public sealed record CaptureSourceInput(
    string? Url,
    string? Format,
    string? BranchField,
    string? ValueField,
    string? Cron,
    bool Enabled,
    string? TokenHeader,
    string? Token,
    bool ClearToken);

/// <summary>
/// The configured sources (root 组织部 only): the pack declares a source, the 组织部 sets its address, format, fields,
/// schedule and optional credential header. Saving validates everything (a clear Chinese message, nothing saved),
/// protects the credential with Data Protection, audits the change without it, and (re)registers the recurring pull.
/// </summary>
public sealed class CaptureSources(
    AppraisalDbContext db,
    PackCatalog catalog,
    AuditLog audit,
    TimeProvider clock,
    IDataProtectionProvider protection,
    IRecurringJobManager recurring,
    IOptions<SchedulerOptions> scheduler,
    IOptions<CaptureOptions> options)
{
    /// <summary>The purpose the credentials are protected under (a key ring purpose: other data cannot be read with it).</summary>
    public const string TokenPurpose = "Appraisal.PartyBuilding.Capture.Token";

    public IReadOnlyList<DeclaredSource> Declared() => Declared(catalog);

    public static IReadOnlyList<DeclaredSource> Declared(PackCatalog catalog) =>
        catalog.Categories
            .SelectMany(c => c.Dimensions.SelectMany(d => d.Indicators).Select(i => (Category: c, Indicator: i)))
            .Where(x => x.Indicator.Rule is KpiTargetRule { DataSource: not null })
            .GroupBy(x => ((KpiTargetRule)x.Indicator.Rule).KpiCode, StringComparer.Ordinal)
            .Select(g =>
            {
                var source = ((KpiTargetRule)g.First().Indicator.Rule).DataSource!;
                return new DeclaredSource(g.Key, source.Name, source.BranchField, source.ValueField, g.Select(x => $"{x.Category.Name}·{x.Indicator.Name}").Distinct().ToList());
            })
            .OrderBy(s => s.KpiCode, StringComparer.Ordinal)
            .ToList();

    public Task<ListPage<CaptureSource>> ListAsync(int page, int pageSize, CancellationToken cancellationToken) =>
        db.CaptureSources.AsNoTracking().OrderBy(s => s.KpiCode).ThenBy(s => s.Id).ToListPageAsync(page, pageSize, cancellationToken);

    /// <summary>The declared sources without a configuration yet.</summary>
    public async Task<IReadOnlyList<DeclaredSource>> UnconfiguredAsync(CancellationToken cancellationToken)
    {
        var configured = await db.CaptureSources.AsNoTracking().Select(s => s.KpiCode).ToListAsync(cancellationToken);
        return Declared().Where(d => !configured.Contains(d.KpiCode)).ToList();
    }

    public Task<CaptureSource?> FindAsync(string kpiCode, CancellationToken cancellationToken) =>
        db.CaptureSources.AsNoTracking().SingleOrDefaultAsync(s => s.KpiCode == kpiCode, cancellationToken);

    public async Task<StepOutcome<CaptureSource>> SaveAsync(string kpiCode, CaptureSourceInput input, string login, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var stored = await db.CaptureSources.SingleOrDefaultAsync(s => s.KpiCode == kpiCode, cancellationToken);
        var declared = Declared().FirstOrDefault(d => d.KpiCode == kpiCode);
        if (declared is null && stored is null)
        {
            return StepOutcome<CaptureSource>.NotFound($"已安装的指标包没有为指标值“{kpiCode}”声明数据源");
        }

        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors[field] = [message];

        var url = input.Url?.Trim() ?? "";
        if (UrlProblem(url, options.Value) is { } urlProblem)
        {
            Error("url", urlProblem);
        }

        var format = (input.Format?.Trim().ToLowerInvariant()) switch
        {
            "json" => CaptureFormat.Json,
            "csv" => CaptureFormat.Csv,
            _ => (CaptureFormat?)null,
        };
        if (format is null)
        {
            Error("format", $"格式“{input.Format}”无效：应为 json 或 csv");
        }

        var branchField = Blank(input.BranchField) ? declared?.BranchField ?? stored!.BranchField : input.BranchField!.Trim();
        var valueField = Blank(input.ValueField) ? declared?.ValueField ?? stored!.ValueField : input.ValueField!.Trim();
        if (branchField.Length > CaptureSource.MaxFieldLength)
        {
            Error("branchField", $"支部编码字段名不能超过{CaptureSource.MaxFieldLength}个字符");
        }

        if (valueField.Length > CaptureSource.MaxFieldLength)
        {
            Error("valueField", $"指标值字段名不能超过{CaptureSource.MaxFieldLength}个字符");
        }
        else if (valueField == branchField)
        {
            Error("valueField", "指标值字段不能与支部编码字段相同");
        }

        var cron = input.Cron?.Trim() ?? "";
        if (!CronExpression.TryParse(cron, CronFormat.Standard, out _))
        {
            Error("cron", $"采集计划“{cron}”不是有效的 cron 表达式：应为五个字段（分 时 日 月 星期），如“0 6 * * *”表示每天 6:00");
        }

        var header = Blank(input.TokenHeader) ? null : input.TokenHeader!.Trim();
        var token = Blank(input.Token) ? null : input.Token!.Trim();
        if (header is not null && (header.Length > CaptureSource.MaxFieldLength || !header.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c))))
        {
            Error("tokenHeader", $"请求头名称“{header}”无效：只能由字母、数字和 - _ . 等符号组成");
        }

        if (token is not null && header is null)
        {
            Error("tokenHeader", "填写了令牌，请同时填写放置令牌的请求头名称（如 Authorization）");
        }

        if (token is not null && token.Any(char.IsControl))
        {
            Error("token", "令牌不能包含换行等控制字符");
        }

        if (errors.Count > 0)
        {
            return StepOutcome<CaptureSource>.Invalid("数据源配置有误，未保存", errors);
        }

        var now = clock.GetUtcNow();
        var source = stored ?? db.CaptureSources.Add(new CaptureSource
        {
            KpiCode = kpiCode,
            Name = declared!.Name,
            Url = url,
            BranchField = branchField,
            ValueField = valueField,
            Cron = cron,
            UpdatedBy = login,
        }).Entity;
        var tokenChange = token is not null ? (source.ProtectedToken is null ? "已设置" : "已更换")
            : input.ClearToken && source.ProtectedToken is not null ? "已清除"
            : source.ProtectedToken is not null ? "未变" : "无";
        source.Name = declared?.Name ?? source.Name;
        source.Url = url;
        source.Format = format!.Value;
        source.BranchField = branchField;
        source.ValueField = valueField;
        source.Cron = cron;
        source.Enabled = input.Enabled;
        source.TokenHeader = input.ClearToken && token is null ? null : header;
        if (token is not null)
        {
            source.ProtectedToken = protection.CreateProtector(TokenPurpose).Protect(token);
        }
        else if (input.ClearToken || header is null)
        {
            source.ProtectedToken = null;
        }

        source.UpdatedBy = login;
        source.UpdatedAt = now;
        // The credential is never written to the audit log; the address is, without its query (which may carry one).
        audit.Record(login, stored is null ? "capture.source.create" : "capture.source.update", kpiCode,
            $"{source.Name}：{CaptureFetch.Shown(url)}，{format.Value.ToString().ToUpperInvariant()}，字段 {branchField}/{valueField}，计划“{cron}”，{(source.Enabled ? "启用" : "停用")}，令牌{tokenChange}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (stored is null && DatabaseErrors.IsUniqueViolation(exception))
        {
            // Two first saves of the same source at once: the other one is kept, this one changes nothing.
            return StepOutcome<CaptureSource>.Refused(StatusCodes.Status409Conflict, "数据源刚被他人保存", $"“{source.Name}”的数据源刚刚由另一位管理员保存，本次未保存：请刷新后核对再改。");
        }

        Schedule(source);
        return StepOutcome<CaptureSource>.Done(source);
    }

    /// <summary>Registers the source's recurring pull (or removes it when disabled); nothing when the cycle's recurring jobs are off.</summary>
    public void Schedule(CaptureSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Schedule(recurring, scheduler.Value, source);
    }

    public static void Schedule(IRecurringJobManager recurring, SchedulerOptions scheduler, CaptureSource source)
    {
        ArgumentNullException.ThrowIfNull(recurring);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(source);
        if (!scheduler.RecurringJobs)
        {
            return;
        }

        var id = CapturePullJob.RecurringId(source.KpiCode);
        if (source.Enabled)
        {
            var kpiCode = source.KpiCode;
            recurring.AddOrUpdate<CapturePullJob>(id, j => j.RunAsync(kpiCode, SchedulerSetup.Actor, null!, CancellationToken.None), source.Cron, new RecurringJobOptions { TimeZone = scheduler.Zone() });
        }
        else
        {
            recurring.RemoveIfExists(id);
        }
    }

    /// <summary>Why <paramref name="url"/> cannot be a source address; null when it can.</summary>
    public static string? UrlProblem(string url, CaptureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (url.Length == 0)
        {
            return "请填写数据源地址";
        }

        if (url.Length > CaptureSource.MaxUrlLength)
        {
            return $"数据源地址不能超过{CaptureSource.MaxUrlLength}个字符";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return $"数据源地址“{url}”无效：只支持 http:// 或 https:// 开头的地址";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "数据源地址中不能包含用户名或密码：请把凭据填在令牌请求头中（令牌加密保存，不再显示）";
        }

        if (options.AllowedHosts.Length > 0 && !options.AllowedHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase))
        {
            return $"数据源主机“{uri.Host}”不在允许的主机列表（Capture:AllowedHosts）中";
        }

        return null;
    }

    private static bool Blank(string? text) => string.IsNullOrWhiteSpace(text);
}
