using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Spacegate.Server.Domain;

namespace Spacegate.Server.Pages.Account;

public sealed class LoginModel(SignInManager<SpacegateUser> signIn, UserManager<SpacegateUser> users) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public string? ErrorMessage { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password) || Email.Length > 256 || Password.Length > 1024)
        {
            ErrorMessage = "Enter your email and password.";
            return Page();
        }
        var user = await users.FindByEmailAsync(Email.Trim());
        // The same message for an unknown email and a wrong password: don't reveal which users exist.
        if (user is null)
        {
            ErrorMessage = "The email or password is incorrect.";
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            ErrorMessage = "Too many failed attempts: this user is locked out for a while. Try again later.";
            return Page();
        }
        if (!result.Succeeded)
        {
            ErrorMessage = "The email or password is incorrect.";
            return Page();
        }
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
