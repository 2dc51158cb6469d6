using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Periods;

public static class PeriodApi
{
    public static IEndpointRouteBuilder MapPeriodApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/periods").WithTags("Periods");

        group.MapPost("/", OpenAsync)
            .WithName("OpenPeriod")
            .WithSummary("Opens the assessment period of a quarter, pinning the installed pack versions")
            .RequireAuthorization(Policies.RootOrgAdmin);

        group.MapGet("/", async (AppraisalDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
                TypedResults.Ok((await db.Periods.AsNoTracking().Include(p => p.Packs)
                    .OrderByDescending(p => p.Year).ThenByDescending(p => p.Quarter)
                    .ToListAsync(cancellationToken)).Select(p => PeriodDto.Of(p, clock.GetUtcNow()))))
            .WithName("ListPeriods")
            .WithSummary("All assessment periods, newest first")
            .RequireAuthorization(Policies.ReadPeriods);

        group.MapGet("/{id:int}", async Task<Results<Ok<PeriodDto>, NotFound>> (int id, AppraisalDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
                await db.Periods.AsNoTracking().Include(p => p.Packs).SingleOrDefaultAsync(p => p.Id == id, cancellationToken) is { } period
                    ? TypedResults.Ok(PeriodDto.Of(period, clock.GetUtcNow()))
                    : TypedResults.NotFound())
            .WithName("GetPeriod")
            .WithSummary("One assessment period with its state and deadlines")
            .RequireAuthorization(Policies.ReadPeriods);

        return routes;
    }

    private static async Task<Results<Created<PeriodDto>, ValidationProblem, ProblemHttpResult>> OpenAsync(
        OpenPeriodRequest request,
        PeriodOpening opening,
        CurrentUser user,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = PeriodOpening.Check(request.Year, request.Quarter);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "考核期参数有误");
        }

        var quarter = new AssessmentQuarter(request.Year!.Value, request.Quarter!.Value);
        return await opening.OpenAsync(quarter, user.Login, null, cancellationToken) is { } period
            ? TypedResults.Created($"/api/v1/periods/{period.Id}", PeriodDto.Of(period, clock.GetUtcNow()))
            : TypedResults.Problem(title: "考核期已存在", detail: PeriodOpening.AlreadyOpen(quarter), statusCode: StatusCodes.Status409Conflict);
    }
}

public sealed record OpenPeriodRequest(int? Year, int? Quarter);

/// <param name="NextState">The state the period moves to next (POST .../transitions), or null once final.</param>
/// <param name="AppealWindowOpen">Whether appeals are accepted now (published and before <paramref name="AppealsCloseAt"/>).</param>
public sealed record PeriodDto(
    int Id,
    int Year,
    int Quarter,
    string State,
    string StateName,
    DateTimeOffset OpenedAt,
    string OpenedBy,
    IReadOnlyList<PinnedPackDto> Packs,
    DateTimeOffset? ScoringStartedAt,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? AppealsCloseAt,
    DateTimeOffset? FinalizedAt,
    string? NextState,
    bool AppealWindowOpen)
{
    public static PeriodDto Of(Period p, DateTimeOffset now) => new(
        p.Id,
        p.Year,
        p.Quarter,
        p.State.ToString().ToLowerInvariant(),
        p.State.DisplayName(),
        p.OpenedAt,
        p.OpenedBy,
        p.Packs.OrderBy(x => x.PackId, StringComparer.Ordinal).Select(x => new PinnedPackDto(x.PackId, x.Version)).ToList(),
        p.ScoringStartedAt,
        p.PublishedAt,
        p.AppealsCloseAt,
        p.FinalizedAt,
        PeriodLifecycle.Next(p.State)?.ToString().ToLowerInvariant(),
        PeriodLifecycle.IsAppealWindowOpen(p, now));
}

public sealed record PinnedPackDto(string Id, string Version);
