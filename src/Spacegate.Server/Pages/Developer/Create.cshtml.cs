using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Spacegate.Server.Applications;
using Spacegate.Server.Domain;

namespace Spacegate.Server.Pages.Developer;

/// <summary>Registers an OAuth app for an account the user administers and shows its secret once.</summary>
public sealed class CreateModel(UserManager<SpacegateUser> users, DeveloperAccess access, ApplicationService applications) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "account")]
    public string? AccountId { get; set; }

    [BindProperty]
    public ApplicationForm Form { get; set; } = new() { Scopes = [Spacegate.Server.OAuth.OAuthScopes.ViewDetails] };

    public DeveloperAccount? Account { get; private set; }
    public List<ApplicationError> Errors { get; private set; } = [];
    public OneTimeSecretView? Created { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await ResolveAccountAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await ResolveAccountAsync() is { } denied)
        {
            return denied;
        }
        var registration = Form.ToRegistration(out var formErrors);
        if (formErrors.Count > 0)
        {
            return Invalid([.. formErrors, .. ApplicationValidator.Validate(registration)]);
        }
        var result = await applications.CreateAsync(Account!.Id, registration, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            return Invalid([.. result.Errors]);
        }
        // Rendered in this response (no redirect, no TempData) and never cached: the secret exists in clear text only here.
        Response.Headers.CacheControl = "no-store";
        Response.Headers.Pragma = "no-cache";
        Created = new OneTimeSecretView(registration.Name.Trim(), result.ClientId!, result.ClientSecret, Account.Id);
        return Page();
    }

    private PageResult Invalid(List<ApplicationError> errors)
    {
        Errors = errors;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<IActionResult?> ResolveAccountAsync()
    {
        if (string.IsNullOrEmpty(AccountId) ||
            await access.FindAccountAsync(users.GetUserId(User)!, AccountId, HttpContext.RequestAborted) is not { } account)
        {
            return NotFound();
        }
        Account = account;
        if (!account.DeveloperTools)
        {
            return RedirectToPage("Index", new { account = account.Id });
        }
        return account.CanManage ? null : StatusCode(StatusCodes.Status403Forbidden);
    }
}
