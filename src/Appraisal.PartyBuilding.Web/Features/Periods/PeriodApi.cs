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
            .RequireAuthorization(Policies.ManagePeriods);

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
        AppraisalDbContext db,
        PackCatalog catalog,
        CurrentUser user,
        AuditLog audit,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Year is not (>= Period.FirstYear and <= Period.LastYear))
        {
            errors["year"] = [$"年度应为{Period.FirstYear}至{Period.LastYear}之间的整数"];
        }

        if (request.Quarter is not (>= 1 and <= 4))
        {
            errors["quarter"] = ["季度应为1至4"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "考核期参数有误");
        }

        var period = new Period
        {
            Year = request.Year!.Value,
            Quarter = request.Quarter!.Value,
            OpenedAt = clock.GetUtcNow(),
            OpenedBy = user.Login,
            Packs = catalog.Packs.Select(p => new PinnedPack { PackId = p.Manifest.Id, Version = p.Manifest.Version }).ToList(),
        };
        if (await db.Periods.AnyAsync(p => p.Year == period.Year && p.Quarter == period.Quarter, cancellationToken))
        {
            return AlreadyOpen(period);
        }

        db.Periods.Add(period);
        audit.Record(user.Login, "periods.open", $"{period.Year}Q{period.Quarter}", string.Join("，", period.Packs.Select(p => $"{p.PackId} {p.Version}")));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Opened by someone else between the check and the insert: the unique index decides.
            return AlreadyOpen(period);
        }

        return TypedResults.Created($"/api/v1/periods/{period.Id}", PeriodDto.Of(period, clock.GetUtcNow()));
    }

    private static ProblemHttpResult AlreadyOpen(Period period) =>
        TypedResults.Problem(
            title: "考核期已存在",
            detail: $"{period.AsQuarter}的考核期已经开启，不能重复开启。",
            statusCode: StatusCodes.Status409Conflict);
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
