using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Spacegate.Server.Applications;
using Spacegate.Server.Domain;

namespace Spacegate.Server.Pages.Developer;

public sealed class EditModel(UserManager<SpacegateUser> users, DeveloperAccess access, ApplicationService applications) : PageModel
{
    [BindProperty]
    public ApplicationForm Form { get; set; } = new();

    [TempData]
    public string? Status { get; set; }

    public ApplicationView App { get; private set; } = null!;
    public List<ApplicationError> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string clientId)
    {
        var (app, denied) = await ManagedApp.ResolveAsync(this, users, access, clientId);
        if (denied is not null)
        {
            return denied;
        }
        App = app!;
        Form = ApplicationForm.From(App);
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
        // The client type cannot change after creation (a secret would appear or vanish); the service keeps the stored one.
        var result = await applications.UpdateAsync(App.ClientId, Form.ToRegistration(out _), HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            Errors = [.. result.Errors];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Status = $"Saved the changes to “{Form.Name?.Trim()}”.";
        return RedirectToPage("Index", new { account = App.AccountId });
    }
}
