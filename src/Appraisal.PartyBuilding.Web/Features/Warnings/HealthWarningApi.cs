using Appraisal.PartyBuilding.Core.Health;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Warnings;

public static class HealthWarningApi
{
    public static IEndpointRouteBuilder MapHealthWarningApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/health-warnings", async (BranchHealthBoard board, CurrentUser user, CancellationToken cancellationToken) =>
                TypedResults.Ok((await board.AssessAsync(await VisibleBranchesAsync(user, cancellationToken), cancellationToken)).Select(HealthWarningDto.Of).ToList()))
            .WithTags("Health warnings")
            .WithName("ListHealthWarnings")
            .WithSummary("Green / yellow / red per branch in the caller's scope with the reasons (missed months, falling scores, overdue rectification, low satisfaction), red first")
            .RequireAuthorization(Policies.ReadHealthWarnings);
        return routes;
    }

    /// <summary>The branches the caller sees, with their party groups (coverage needs them).</summary>
    public static async Task<List<Organization>> VisibleBranchesAsync(CurrentUser user, CancellationToken cancellationToken) =>
        await (await user.VisibleOrganizationsAsync(cancellationToken)).AsNoTracking()
            .Where(o => o.Kind == OrganizationKind.Branch)
            .Include(o => o.Groups)
            .ToListAsync(cancellationToken);
}

public sealed record HealthWarningDto(string BranchCode, string BranchName, string Colour, string ColourName, IReadOnlyList<HealthReasonDto> Reasons)
{
    public static HealthWarningDto Of(BranchHealth h) => new(
        h.Branch.Code,
        h.Branch.Name,
        h.Assessment.Colour.ToString().ToLowerInvariant(),
        h.Assessment.Colour.DisplayName(),
        h.Assessment.Reasons.Select(r => new HealthReasonDto(Signal(r.Signal), r.Severity.ToString().ToLowerInvariant(), r.Text)).ToList());

    private static string Signal(HealthSignal signal) => signal switch
    {
        HealthSignal.MissedMonths => "missed-months",
        HealthSignal.FallingScore => "falling-score",
        HealthSignal.OverdueRectification => "overdue-rectification",
        HealthSignal.LowSatisfaction => "low-satisfaction",
        _ => signal.ToString(),
    };
}

public sealed record HealthReasonDto(string Signal, string Severity, string Text);
