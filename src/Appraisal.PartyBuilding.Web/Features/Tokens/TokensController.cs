using Appraisal.PartyBuilding.Web.Features.Account;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Appraisal.PartyBuilding.Web.Features.Tokens;

/// <summary>The system administrator's list of API tokens within scope, with revocation (audited).</summary>
[Authorize(Policy = Policies.ManageTokens)]
[Route("admin/tokens")]
public sealed class TokensController(AccountService accounts, CurrentUser user, TimeProvider clock) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View("Index", new TokensPage(
            await accounts.TokensAsync(await user.ScopePathAsync(cancellationToken), cancellationToken),
            clock.GetUtcNow(),
            TempData["TokenMessage"] as string,
            TempData["TokenError"] as string));

    [HttpPost("{id:int}/revoke")]
    public async Task<IActionResult> Revoke(int id, CancellationToken cancellationToken)
    {
        var (revoked, error) = await accounts.RevokeTokensAsync(user.Login, await user.ScopePathAsync(cancellationToken), id, null, cancellationToken);
        if (error is not null)
        {
            return NotFound();
        }

        TempData["TokenMessage"] = revoked > 0 ? $"令牌 {id} 已吊销。" : $"令牌 {id} 此前已吊销。";
        return Redirect("/admin/tokens");
    }
}

public sealed record TokensPage(IReadOnlyList<TokenLine> Tokens, DateTimeOffset Now, string? Message, string? Error);
