using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Spacegate.Server.Applications;
using Spacegate.Server.Domain;

namespace Spacegate.Server.Pages.Developer;

/// <summary>Confirms, then deletes an app together with every grant and token it holds.</summary>
public sealed class DeleteModel(UserManager<SpacegateUser> users, DeveloperAccess access, ApplicationService applications) : PageModel
{
    [TempData]
    public string? Status { get; set; }

    public ApplicationView App { get; private set; } = null!;

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
        var result = await applications.DeleteAsync(app!.ClientId, HttpContext.RequestAborted);
        Status = result.Succeeded
            ? $"Deleted “{app.Name}”. Its tokens and connections stopped working."
            : string.Join(" ", result.Errors);
        return RedirectToPage("Index", new { account = app.AccountId });
    }
}
