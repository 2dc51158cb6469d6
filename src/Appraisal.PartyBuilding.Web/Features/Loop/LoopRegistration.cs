using Appraisal.PartyBuilding.Web.Features.Appeals;
using Appraisal.PartyBuilding.Web.Features.Cycle;
using Appraisal.PartyBuilding.Web.Features.Incentives;
using Appraisal.PartyBuilding.Web.Features.Rectification;
using Appraisal.PartyBuilding.Web.Features.Warnings;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Appraisal.PartyBuilding.Web.Features.Loop;

/// <summary>
/// The loop after publication (SPEC "The cycle"): appeals, incentives, rectification and the health early warning,
/// with their options, services and API.
/// </summary>
public static class LoopRegistration
{
    public static IServiceCollection AddLoop(this IServiceCollection services)
    {
        services.AddOptions<IncentiveOptions>().BindConfiguration(IncentiveOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RectificationOptions>().BindConfiguration(RectificationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HealthWarningOptions>().BindConfiguration(HealthWarningOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddScoped<IIndicatorScorers, ScorersOnRecord>();
        services.AddScoped<AppealWorkflow>();
        // The cycle refuses to finalize a period while appeals are open (its seam, registered with TryAdd).
        services.Replace(ServiceDescriptor.Scoped<IPendingAppeals, OpenAppeals>());

        services.AddScoped<IncentiveTable>();
        services.AddScoped<RectificationLists>();
        services.AddScoped<RectificationReminders>();
        services.AddScoped<RectificationWorkflow>();
        services.AddScoped<RectificationRecheck>();
        services.AddScoped<BranchHealthBoard>();
        return services;
    }

    public static IEndpointRouteBuilder MapLoopApi(this IEndpointRouteBuilder routes) =>
        routes.MapAppealApi().MapIncentiveApi().MapRectificationApi().MapHealthWarningApi();
}
