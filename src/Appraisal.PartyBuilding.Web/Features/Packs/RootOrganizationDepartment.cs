using System.Security.Claims;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Packs;

/// <summary>
/// The account is scoped to the root of the organization tree (the 组织部 itself, not a 党委 below it). Installing,
/// enabling and disabling packs puts code into the server for every organization, so a sub-tree administrator may not
/// (<see cref="Policies.InstallPacks"/>). The requirement handles itself: the scope is read from the database on each
/// check, so moving an account's node takes effect at once.
/// </summary>
public sealed class RootOrganizationDepartment : AuthorizationHandler<RootOrganizationDepartment>, IAuthorizationRequirement
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, RootOrganizationDepartment requirement)
    {
        if (context.Resource is not HttpContext http
            || !int.TryParse(context.User.FindFirstValue(CurrentUser.OrganizationClaim), System.Globalization.CultureInfo.InvariantCulture, out var organizationId))
        {
            return;
        }

        var db = http.RequestServices.GetRequiredService<AppraisalDbContext>();
        if (await db.Organizations.AnyAsync(o => o.Id == organizationId && o.ParentId == null, http.RequestAborted))
        {
            context.Succeed(requirement);
        }
    }
}
