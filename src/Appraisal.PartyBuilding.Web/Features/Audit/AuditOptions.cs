using System.Text;
using Appraisal.PartyBuilding.Data.Auditing;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Appraisal.PartyBuilding.Web.Features.Audit;

/// <summary>The <c>Audit</c> configuration section.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>The least length of <see cref="ChainKey"/> (characters; its UTF-8 bytes are the HMAC key).</summary>
    public const int MinimumKeyLength = 32;

    /// <summary>
    /// The key of the audit chain's HMAC, kept outside the database (environment variable <c>Audit__ChainKey</c>, a
    /// secret store): someone who can write the database but does not hold the key cannot forge a hash. Every node of
    /// a cluster needs the same key. Required outside Development.
    /// </summary>
    public string ChainKey { get; set; } = "";

    /// <summary>
    /// The key Development uses when none is configured. Public in this repository, so it protects nothing: the app
    /// refuses to start without a configured key in every other environment.
    /// </summary>
    public const string DevelopmentKey = "development-only audit chain key, never for production";
}

public static class AuditRegistration
{
    public static IServiceCollection AddAuditChain(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.Section)
            .PostConfigure(o =>
            {
                if (string.IsNullOrEmpty(o.ChainKey) && environment.IsDevelopment())
                {
                    o.ChainKey = AuditOptions.DevelopmentKey;
                }
            })
            .Validate(
                o => o.ChainKey.Length >= AuditOptions.MinimumKeyLength,
                $"审计日志链式校验密钥 Audit:ChainKey 未配置或太短（至少{AuditOptions.MinimumKeyLength}个字符）：请用环境变量 Audit__ChainKey 提供，密钥不得存放在数据库或代码仓库中。")
            .ValidateOnStart();
        services.AddSingleton(sp => new AuditChain(Encoding.UTF8.GetBytes(sp.GetRequiredService<IOptions<AuditOptions>>().Value.ChainKey)));
        services.AddSingleton<AuditChainInterceptor>();
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<AuditChainInterceptor>());
        return services;
    }
}
