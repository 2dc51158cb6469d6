using System.ComponentModel.DataAnnotations;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Appraisal.PartyBuilding.Web.Features.Account;

[Route("account")]
public sealed class AccountController(AccountService accounts) : Controller
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
        if (result.User is null)
        {
            ModelState.AddModelError(string.Empty, result.Error!);
            return View(form);
        }

        await HttpContext.SignInAsync(
            CookieAuthenticationDefaults.AuthenticationScheme,
            AccountService.PrincipalOf(result.User, CookieAuthenticationDefaults.AuthenticationScheme));
        return LocalRedirect(Url.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl : "/");
    }

    [Authorize(Policy = Policies.SignedIn)]
    [HttpPost("signout")]
    public async Task<IActionResult> SignOutNow()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return LocalRedirect("/account/signin");
    }

    [AllowAnonymous]
    [HttpGet("denied")]
    public IActionResult Denied() => View();
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
