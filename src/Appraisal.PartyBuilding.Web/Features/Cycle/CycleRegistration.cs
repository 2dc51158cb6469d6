using Appraisal.PartyBuilding.Core.Periods;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Appraisal.PartyBuilding.Web.Features.Cycle;

public static class CycleRegistration
{
    /// <summary>The period lifecycle, its transitions and their options.</summary>
    public static IServiceCollection AddCycle(this IServiceCollection services)
    {
        services.AddOptions<CycleOptions>().BindConfiguration(CycleOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new PeriodLifecycle(sp.GetRequiredService<IOptions<CycleOptions>>().Value.AppealWindowDays));
        services.TryAddScoped<IPendingAppeals, NoAppealsYet>();
        services.AddScoped<PeriodTransitions>();
        return services;
    }
}
