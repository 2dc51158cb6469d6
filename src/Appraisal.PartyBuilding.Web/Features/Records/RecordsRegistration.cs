using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Appraisal.PartyBuilding.Web.Features.Records;

public static class RecordsRegistration
{
    /// <summary>The records feature: entry, import, review, attachments, copied-minutes check and completeness.</summary>
    public static IServiceCollection AddRecords(this IServiceCollection services)
    {
        services.AddOptions<AttachmentOptions>()
            .BindConfiguration(AttachmentOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.MaxRecordBytes >= o.MaxFileBytes, "Attachments:MaxRecordBytes must be at least Attachments:MaxFileBytes.")
            .ValidateOnStart()
            .PostConfigure<IHostEnvironment>((o, environment) => o.Path = ResolvePath(o.Path, environment.ContentRootPath));

        services.AddOptions<RecordImportOptions>()
            .BindConfiguration(RecordImportOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // A deployment (or a test) registers its own scanner before or after this line; the first registration wins.
        services.TryAddSingleton<IAttachmentScanner, NoAttachmentScanner>();
        services.AddScoped<AttachmentStore>();
        services.AddScoped<RecordScope>();
        services.AddScoped<MinutesCopyCheck>();
        services.AddScoped<RecordEntry>();
        services.AddScoped<RecordReview>();
        services.AddScoped<RecordImport>();
        services.AddScoped<RecordDetails>();
        services.AddScoped<Completeness>();
        return services;
    }

    /// <summary>Empty: <c>App_Data/attachments</c> under the content root (outside wwwroot, git-ignored); relative: against the content root.</summary>
    public static string ResolvePath(string? configured, string contentRoot)
    {
        var path = string.IsNullOrWhiteSpace(configured) ? Path.Combine("App_Data", "attachments") : configured;
        return Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(contentRoot, path));
    }
}

/// <summary>Lets a page upload as much as a record's attachments may hold (Kestrel's default is about 28.6 MB).</summary>
public sealed class AttachmentUploadLimit(IOptions<AttachmentOptions> options) : IResourceFilter
{
    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        var feature = context.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = options.Value.MaxRequestBytes;
        }
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }
}
