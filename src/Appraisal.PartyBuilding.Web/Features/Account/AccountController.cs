using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Appraisal.PartyBuilding.Web.Features.Account;

[Route("account")]
public sealed class AccountController(AccountService accounts, TimeProvider clock) : Controller
{
    [AllowAnonymous]
    [HttpGet("signin")]
    public IActionResult SignIn(string? returnUrl) => View(new SignInForm { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [HttpPost("signin")]
    public async Task<IActionResult> SignIn(SignInForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        var result = await accounts.VerifyPasswordAsync(form.Login, form.Password, cancellationToken);
        if (result.User is not { } user)
        {
            ModelState.AddModelError(string.Empty, result.Error!);
            return View(form);
        }

        if (!SecondFactor.IsRequired(user.Role))
        {
            return await SignInFullyAsync(user, form.ReturnUrl);
        }

        // Password right: a short-lived cookie of its own remembers that until the code is entered.
        await HttpContext.SignInAsync(
            SessionValidation.SecondFactorScheme,
            new ClaimsPrincipal(new ClaimsIdentity(
                [
                    new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    new Claim(ClaimTypes.Name, user.Login),
                    new Claim(AccountService.StampClaim, user.SecurityStamp ?? ""),
                ],
                SessionValidation.SecondFactorScheme)));
        return Redirect("/account/two-factor" + (Url.IsLocalUrl(form.ReturnUrl) ? "?returnUrl=" + Uri.EscapeDataString(form.ReturnUrl) : ""));
    }

    [Authorize(Policy = Policies.SecondFactorPending)]
    [HttpGet("two-factor")]
    public async Task<IActionResult> TwoFactor(string? returnUrl, CancellationToken cancellationToken)
    {
        if (await accounts.PendingSecondFactorAsync(User, cancellationToken) is not { } user)
        {
            return await RestartAsync();
        }

        return View(await FormAsync(user, returnUrl, cancellationToken));
    }

    [Authorize(Policy = Policies.SecondFactorPending)]
    [HttpPost("two-factor")]
    public async Task<IActionResult> TwoFactor(TwoFactorForm form, CancellationToken cancellationToken)
    {
        if (await accounts.PendingSecondFactorAsync(User, cancellationToken) is not { } user)
        {
            return await RestartAsync();
        }

        var result = await accounts.CompleteSecondFactorAsync(user, form.Code ?? "", cancellationToken);
        if (result.User is null)
        {
            if (user.IsLockedOut(clock.GetUtcNow()))
            {
                return await RestartAsync();
            }

            ModelState.AddModelError(string.Empty, result.Error!);
            return View(await FormAsync(user, form.ReturnUrl, cancellationToken));
        }

        await HttpContext.SignOutAsync(SessionValidation.SecondFactorScheme);
        return await SignInFullyAsync(result.User, form.ReturnUrl);
    }

    [Authorize(Policy = Policies.SignedIn)]
    [HttpPost("signout")]
    public async Task<IActionResult> SignOutNow(CancellationToken cancellationToken)
    {
        await accounts.SignOutAsync(User, cancellationToken);
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return LocalRedirect("/account/signin");
    }

    [AllowAnonymous]
    [HttpGet("denied")]
    public IActionResult Denied() => View();

    private async Task<IActionResult> SignInFullyAsync(Core.Accounts.UserAccount user, string? returnUrl)
    {
        await HttpContext.SignInAsync(
            CookieAuthenticationDefaults.AuthenticationScheme,
            AccountService.SessionPrincipalOf(user, CookieAuthenticationDefaults.AuthenticationScheme, clock.GetUtcNow()));
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }

    private async Task<IActionResult> RestartAsync()
    {
        await HttpContext.SignOutAsync(SessionValidation.SecondFactorScheme);
        return LocalRedirect("/account/signin");
    }

    private async Task<TwoFactorForm> FormAsync(Core.Accounts.UserAccount user, string? returnUrl, CancellationToken cancellationToken)
    {
        var enrolling = user.TotpEnabledAt is null;
        var secret = enrolling ? await accounts.EnrolmentSecretAsync(user, cancellationToken) : null;
        return new TwoFactorForm
        {
            ReturnUrl = returnUrl,
            Login = user.Login,
            Secret = secret,
            OtpAuthUri = secret is null ? null : SecondFactor.Uri(user.Login, secret),
        };
    }
}

public sealed class SignInForm
{
    [Required(ErrorMessage = "请输入账号")]
    [Display(Name = "账号")]
    public string Login { get; set; } = "";

    [Required(ErrorMessage = "请输入密码")]
    [DataType(DataType.Password)]
    [Display(Name = "密码")]
    public string Password { get; set; } = "";

    public string? ReturnUrl { get; set; }
}

public sealed class TwoFactorForm
{
    [Display(Name = "动态验证码")]
    public string? Code { get; set; }

    public string? ReturnUrl { get; set; }

    /// <summary>Shown while enrolling: the secret as text and as an <c>otpauth://</c> URI; null once enrolled.</summary>
    public string? Secret { get; set; }

    public string? OtpAuthUri { get; set; }

    public string Login { get; set; } = "";
}
