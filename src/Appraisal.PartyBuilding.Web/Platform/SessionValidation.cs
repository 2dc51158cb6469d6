using System.Globalization;
using Appraisal.PartyBuilding.Web.Features.Account;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Appraisal.PartyBuilding.Web.Platform;

/// <summary>
/// Server-side control of sign-in cookies. A cookie is only a ticket; on every request it is held against its
/// account (<see cref="AccountService.CurrentSessionScopeAsync"/>: security stamp, role, node, lockout) and the
/// absolute timeout, so sign-out, a role change or a lock ends it at once, on every node. No cache: the check is one
/// read by primary key. The idle timeout is the cookie's sliding expiry.
/// </summary>
public static class SessionValidation
{
    /// <summary>The cookie that holds "password right, code pending" for five minutes.</summary>
    public const string SecondFactorScheme = "SecondFactor";

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var absolute = services.GetRequiredService<IOptions<SignInSessionOptions>>().Value.AbsoluteTimeout;
        var principal = context.Principal!;
        var scope = long.TryParse(principal.FindFirst(AccountService.SignedInAtClaim)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && new DateTimeOffset(ticks, TimeSpan.Zero) + absolute > now
                ? await services.GetRequiredService<AccountService>().CurrentSessionScopeAsync(principal, context.HttpContext.RequestAborted)
                : null;
        if (scope is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        // The same read brought the account's node: the request's scope needs no second round trip.
        services.GetRequiredService<CurrentUser>().KnowScope(scope, principal);
    }
}
