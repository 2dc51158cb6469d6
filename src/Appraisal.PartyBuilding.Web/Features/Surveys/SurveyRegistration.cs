using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Appraisal.PartyBuilding.Web.Features.Surveys;

public static class SurveyRegistration
{
    /// <summary>The rate-limiter policy of the anonymous answer pages.</summary>
    public const string AnswerRateLimit = "survey-answers";

    public static IServiceCollection AddSurveys(this IServiceCollection services)
    {
        services.AddOptions<SurveyOptions>().BindConfiguration(SurveyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<SurveyDesk>();
        services.AddScoped<SurveyAnswering>();
        services.AddRateLimiter(options =>
        {
            // The answer pages are the only anonymous pages that touch data: a fixed window per client address keeps
            // token guessing and floods slow without bothering a room of raters.
            options.AddPolicy(AnswerRateLimit, context =>
            {
                var limit = context.RequestServices.GetRequiredService<IOptions<SurveyOptions>>().Value.AnswerRequestsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? string.Empty,
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await context.HttpContext.Response.WriteAsJsonAsync(
                    new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = "请求过于频繁", Detail = "请求过于频繁，请稍后再试。" },
                    options: null,
                    contentType: "application/problem+json",
                    cancellationToken: cancellationToken);
            };
        });
        return services;
    }
}
