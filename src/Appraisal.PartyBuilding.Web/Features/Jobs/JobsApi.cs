using System.Text.Json;
using Appraisal.PartyBuilding.Web.Features.Organizations;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Appraisal.PartyBuilding.Web.Features.Jobs;

/// <summary>
/// <c>/api/v1/jobs/{id}</c>: the status of queued work (what the endpoints that answer 202 point to) and the file a
/// finished report job made. Only the user who started a job sees it: for anyone else it does not exist (404).
/// </summary>
public static class JobsApi
{
    public static string StatusUrl(string id) => $"/api/v1/jobs/{id}";

    public static string FileUrl(string id) => $"/api/v1/jobs/{id}/file";

    public static string PageUrl(string id) => $"/jobs/{id}";

    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/jobs").WithTags("Jobs");

        group.MapGet("/{id}", Results<Ok<JobStatus>, ProblemHttpResult> (string id, BackgroundWork work, CurrentUser user) =>
                work.Find(id, user.Login) is { } status ? TypedResults.Ok(status) : NotFound())
            .WithName("GetJob")
            .WithSummary("State (queued, running, succeeded, refused, failed, cancelled), progress and then the result or the problem of a job the caller started")
            .RequireAuthorization(Policies.SignedIn);

        group.MapGet("/{id}/file", Results<FileContentHttpResult, ProblemHttpResult> (string id, BackgroundWork work, CurrentUser user) =>
                work.Find(id, user.Login) is { State: JobState.Succeeded } status && work.File(id, user.Login) is { } content
                    ? TypedResults.File(content, OrganizationApi.XlsxContentType, FileName(status))
                    : NotFound())
            .WithName("GetJobFile")
            .WithSummary("The file a finished job of the caller made (the quarterly report .xlsx)")
            .RequireAuthorization(Policies.SignedIn);
        return routes;
    }

    /// <summary>The answer of an endpoint that queued work: 202, <c>Location</c> the status URL.</summary>
    public static Accepted<JobAccepted> Accepted(string id) =>
        TypedResults.Accepted(StatusUrl(id), new JobAccepted(id, StatusUrl(id), PageUrl(id)));

    internal static string FileName(JobStatus status) =>
        status.Result is { } result && result.TryGetProperty("fileName", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : "download.xlsx";

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(title: "后台作业不存在", detail: "没有这个作业，或它不是您提交的。", statusCode: StatusCodes.Status404NotFound);
}

/// <param name="Id">The job's id.</param>
/// <param name="StatusUrl">Poll it (GET) for state, progress and the answer.</param>
/// <param name="PageUrl">The same for people, with a progress bar.</param>
public sealed record JobAccepted(string Id, string StatusUrl, string PageUrl);
