using System.Text.Encodings.Web;
using Appraisal.PartyBuilding.Web.Features.Account;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Appraisal.PartyBuilding.Web.Platform;

/// <summary>Authenticates <c>Authorization: Bearer &lt;token&gt;</c> against the hashed API tokens.</summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccountService accounts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var token = header["Bearer ".Length..].Trim();
        var user = token.Length == 0 ? null : await accounts.FindByTokenAsync(token, Context.RequestAborted);
        if (user is null)
        {
            return AuthenticateResult.Fail("Invalid or revoked API token.");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(AccountService.PrincipalOf(user, SchemeName), SchemeName));
    }
}
