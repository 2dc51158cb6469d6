using Appraisal.PartyBuilding.Core.Health;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Appraisal.PartyBuilding.Web.Features.Warnings;

/// <summary>The health board (健康度预警): the branches of an organization in scope with their colour and reasons, red first, a page at a time.</summary>
[Route("warnings")]
public sealed class WarningsController(BranchHealthBoard board, CurrentUser user) : Controller
{
    [Authorize(Policy = Policies.ReadHealthWarnings)]
    [HttpGet("")]
    public async Task<IActionResult> Index(string? organization, string? colour, int? page, CancellationToken cancellationToken)
    {
        if (!HealthWarningApi.TryParseColour(colour, out var only))
        {
            return ValidationProblem(new ValidationProblemDetails(HealthWarningApi.ColourProblem(colour)) { Title = "健康度筛选条件有误" });
        }

        var scope = await user.ScopeAsync(cancellationToken);
        var (number, size) = ListPaging.Clamp(page, null);
        var health = await board.BoardAsync(scope, organization, only, number, size, cancellationToken);
        if (health is null)
        {
            return NotFound();
        }

        return View("Index", new HealthBoardPage(scope, health, only));
    }
}

public sealed record HealthBoardPage(Core.Organizations.Organization Scope, HealthBoard Board, HealthColour? Colour)
{
    /// <summary>The address of this board with another organization, colour or page.</summary>
    public string Url(string? organization, HealthColour? colour, int page = 1)
    {
        var query = new List<string>();
        if (organization is not null && organization != Scope.Code)
        {
            query.Add("organization=" + Uri.EscapeDataString(organization));
        }

        if (colour is { } c)
        {
            query.Add("colour=" + c.ToString().ToLowerInvariant());
        }

        if (page > 1)
        {
            query.Add("page=" + page);
        }

        return query.Count == 0 ? "/warnings" : "/warnings?" + string.Join("&", query);
    }
}
