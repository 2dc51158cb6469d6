using Appraisal.PartyBuilding.Core.Health;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Appraisal.PartyBuilding.Web.Features.Warnings;

public static class HealthWarningApi
{
    /// <summary>Branches per API page unless pageSize says otherwise.</summary>
    public const int PageSize = 100;

    public static IEndpointRouteBuilder MapHealthWarningApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/health-warnings", async Task<Results<Ok<List<HealthWarningDto>>, ValidationProblem, ProblemHttpResult>> (
                string? organization, string? colour, int? page, int? pageSize, BranchHealthBoard board, CurrentUser user, HttpResponse response, CancellationToken cancellationToken) =>
            {
                if (!TryParseColour(colour, out var only))
                {
                    return TypedResults.ValidationProblem(ColourProblem(colour), title: "健康度筛选条件有误");
                }

                var (number, size) = ListPaging.Clamp(page, pageSize, PageSize);
                var health = await board.BoardAsync(await user.ScopeAsync(cancellationToken), organization, only, number, size, cancellationToken);
                if (health is null)
                {
                    return TypedResults.Problem(title: "组织不存在", detail: $"组织“{organization?.Trim()}”不存在或不在您的管理范围内", statusCode: StatusCodes.Status404NotFound);
                }

                if (health.Branches is not { } branches || health.Counts is not { } counts)
                {
                    var example = health.Children?.Items.FirstOrDefault()?.Code;
                    return TypedResults.Problem(
                        title: "范围内党支部过多",
                        detail: $"“{health.Node.Name}”下有{health.BranchCount}个党支部，超过一次评估的上限{health.MaxComputed}个：请用 organization 参数指定下级组织" + (example is null ? "" : $"（例如 organization={example}）"),
                        statusCode: StatusCodes.Status400BadRequest);
                }

                response.AddPageHeaders(branches);
                response.Headers["X-Red-Count"] = counts.Red.ToString(System.Globalization.CultureInfo.InvariantCulture);
                response.Headers["X-Yellow-Count"] = counts.Yellow.ToString(System.Globalization.CultureInfo.InvariantCulture);
                response.Headers["X-Green-Count"] = counts.Green.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Ok(branches.Items.Select(HealthWarningDto.Of).ToList());
            })
            .WithTags("Health warnings")
            .WithName("ListHealthWarnings")
            .WithSummary("One page (page, pageSize ≤ 500, default 100) of green / yellow / red per branch under organization (a code in the caller's scope; the scope by default), of one colour when colour=red|yellow|green, red first, with the reasons; totals in X-Total-Count, X-Page-Count and X-Red-Count / X-Yellow-Count / X-Green-Count; 400 when the organization holds more branches than BranchLists:MaxComputed")
            .RequireAuthorization(Policies.ReadHealthWarnings);
        return routes;
    }

    /// <summary>Reads the colour filter: empty is every colour; otherwise red, yellow or green.</summary>
    public static bool TryParseColour(string? text, out HealthColour? colour)
    {
        colour = null;
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "":
                return true;
            case "red":
                colour = HealthColour.Red;
                return true;
            case "yellow":
                colour = HealthColour.Yellow;
                return true;
            case "green":
                colour = HealthColour.Green;
                return true;
            default:
                return false;
        }
    }

    public static Dictionary<string, string[]> ColourProblem(string? text) =>
        new() { ["colour"] = [$"未知的颜色“{text}”：应为 red（预警）、yellow（关注）或 green（正常）"] };
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
