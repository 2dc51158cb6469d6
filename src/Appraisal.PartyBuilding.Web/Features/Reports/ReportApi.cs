using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Features.Jobs;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Reports;

public static class ReportApi
{
    public const string SourceHeader = "X-Report-Source";

    public static IEndpointRouteBuilder MapReportApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/periods/{id:int}/report", GetAsync)
            .WithTags("Reports")
            .WithName("GetQuarterlyReport")
            .WithSummary("The quarterly report (季度通报) of the period as .xlsx, for the caller's organization subtree")
            .Produces(StatusCodes.Status200OK, contentType: QuarterlyReports.ContentType)
            .RequireAuthorization(Policies.ReadPeriods);
        routes.MapPost("/api/v1/periods/{id:int}/report", async Task<Results<Accepted<JobAccepted>, NotFound>> (int id, AppraisalDbContext db, BackgroundWork work, CurrentUser user, CancellationToken cancellationToken) =>
            {
                if (await db.Periods.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken) is not { } period)
                {
                    return TypedResults.NotFound();
                }

                var login = user.Login;
                return JobsApi.Accepted(work.Start<ReportJob>(job => job.GenerateAsync(id, login, null!, CancellationToken.None), ReportJob.Kind, $"{period.AsQuarter}季度通报", login));
            })
            .WithTags("Reports")
            .WithName("GenerateQuarterlyReport")
            .WithSummary("Generates the quarterly report .xlsx for the caller's subtree as a job: 202 with its status URL; the finished job's result names the file's URL")
            .RequireAuthorization(Policies.ReadPeriods);
        return routes;
    }

    /// <summary>
    /// The organization-wide report is the stored file the scheduler made, while it is current; any other scope,
    /// or a report whose results changed since, is generated from the same data on the spot.
    /// </summary>
    private static async Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult>> GetAsync(
        int id,
        AppraisalDbContext db,
        QuarterlyReports reports,
        CurrentUser user,
        HttpContext http,
        CancellationToken cancellationToken)
    {
        var period = await db.Periods.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (period is null)
        {
            return TypedResults.NotFound();
        }

        if (QuarterlyReports.Refusal(period, user.Role) is { } refusal)
        {
            return TypedResults.Problem(title: "暂无季度通报", detail: refusal, statusCode: StatusCodes.Status409Conflict);
        }

        var scope = await user.ScopeAsync(cancellationToken);
        if (scope.ParentId is not null)
        {
            http.Response.Headers[SourceHeader] = "generated";
            return TypedResults.File(await reports.WriteAsync(period, scope, cancellationToken), QuarterlyReports.ContentType, QuarterlyReports.FileName(period));
        }

        var file = await reports.WriteAsync(
            period,
            scope,
            async stamp => await db.QuarterlyReports.AsNoTracking()
                .Where(r => r.PeriodId == id && r.Stamp == stamp)
                .Select(r => r.Content)
                .SingleOrDefaultAsync(cancellationToken),
            cancellationToken);
        http.Response.Headers[SourceHeader] = file.Generated ? "generated" : "stored";
        return TypedResults.File(file.Content, QuarterlyReports.ContentType, QuarterlyReports.FileName(period));
    }
}
