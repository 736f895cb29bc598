using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Spacegate.Server.Applications;
using Spacegate.Server.Domain;

namespace Spacegate.Server.Pages.Developer;

/// <summary>Confirms, then replaces a confidential app's secret and shows the new one once.</summary>
public sealed class ResetSecretModel(UserManager<SpacegateUser> users, DeveloperAccess access, ApplicationService applications) : PageModel
{
    public ApplicationView App { get; private set; } = null!;
    public OneTimeSecretView? NewSecret { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string clientId)
    {
        var (app, denied) = await ManagedApp.ResolveAsync(this, users, access, clientId);
        if (denied is not null)
        {
            return denied;
        }
        App = app!;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string clientId)
    {
        var (app, denied) = await ManagedApp.ResolveAsync(this, users, access, clientId);
        if (denied is not null)
        {
            return denied;
        }
        App = app!;
        var result = await applications.ResetSecretAsync(App.ClientId, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            Error = string.Join(" ", result.Errors);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        // Rendered in this response (no redirect, no TempData) and never cached: the secret exists in clear text only here.
        Response.Headers.CacheControl = "no-store";
        Response.Headers.Pragma = "no-cache";
        NewSecret = new OneTimeSecretView(App.Name, App.ClientId, result.ClientSecret, App.AccountId);
        return Page();
    }
}
