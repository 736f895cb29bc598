using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Spacegate.Server.Applications;
using Spacegate.Server.Domain;

namespace Spacegate.Server.Pages.Developer;

/// <summary>
/// Developer Tools: the OAuth apps of one account. Every member sees them; admins of an account with
/// Developer Tools enabled create, edit, delete, reset secrets and request production access.
/// </summary>
public sealed class IndexModel(UserManager<SpacegateUser> users, DeveloperAccess access, ApplicationQueries queries,
    ApplicationService applications) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "account")]
    public string? AccountId { get; set; }

    [TempData]
    public string? Status { get; set; }

    public List<DeveloperAccount> Accounts { get; private set; } = [];
    public DeveloperAccount? Account { get; private set; }
    public List<ApplicationView> Apps { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        Accounts = await access.ListAccountsAsync(users.GetUserId(User)!, HttpContext.RequestAborted);
        Account = string.IsNullOrEmpty(AccountId)
            ? Accounts.FirstOrDefault(a => a.DeveloperTools) ?? Accounts.FirstOrDefault()
            : Accounts.FirstOrDefault(a => a.Id == AccountId);
        if (Account is null && !string.IsNullOrEmpty(AccountId))
        {
            return NotFound();
        }
        if (Account is { DeveloperTools: true })
        {
            Apps = await queries.ListByAccountAsync(Account.Id, HttpContext.RequestAborted);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostRequestProductionAsync(string clientId)
    {
        var (found, app) = await access.FindAppAsync(users.GetUserId(User)!, clientId ?? "", HttpContext.RequestAborted);
        switch (found)
        {
            case AppAccess.NotFound:
                return NotFound();
            case AppAccess.ViewOnly:
                return StatusCode(StatusCodes.Status403Forbidden);
        }
        var result = await applications.RequestProductionAsync(app!.ClientId, HttpContext.RequestAborted);
        Status = result.Succeeded
            ? $"Production access requested for “{app.Name}”. A platform admin will review it; until then it stays usable by your account only."
            : string.Join(" ", result.Errors);
        return RedirectToPage(new { account = app.AccountId });
    }
}
