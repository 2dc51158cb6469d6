namespace Appraisal.PartyBuilding.Web.Features.Reports;

public static class ReportRegistration
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<QuarterlyReports>();
        return services;
    }
}
