using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Spacegate.Server.Administration;
using Spacegate.Server.Applications;

namespace Spacegate.Server.Pages.Admin;

/// <summary>Platform administration: the production approval queue and the accounts' flags.</summary>
[PlatformAdminOnly]
public sealed class IndexModel(PlatformAdministration administration, ApplicationQueries queries, ApplicationService applications) : PageModel
{
    [TempData]
    public string? Status { get; set; }

    public List<ApplicationView> Pending { get; private set; } = [];
    public List<AccountFlagsView> Accounts { get; private set; } = [];

    /// <summary>The app whose rejection form failed validation, with the message to show beside its reason field.</summary>
    public (string ClientId, string Message, string? Reason)? RejectError { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostApproveAsync(string clientId)
    {
        var app = await queries.FindAsync(clientId ?? "", HttpContext.RequestAborted);
        var result = await administration.ApprovePendingAsync(clientId ?? "", HttpContext.RequestAborted);
        Status = result.Succeeded
            ? $"Approved “{app!.Name}” of {app.AccountName} for production: anyone can now authorize it."
            : string.Join(" ", result.Errors);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRejectAsync(string clientId, string? reason)
    {
        var app = await queries.FindAsync(clientId ?? "", HttpContext.RequestAborted);
        if (app is null)
        {
            Status = "That application no longer exists.";
            return RedirectToPage();
        }
        var result = await applications.RejectAsync(app.ClientId, reason ?? "", HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            RejectError = (app.ClientId, string.Join(" ", result.Errors), reason);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync();
            return Page();
        }
        Status = $"Rejected “{app.Name}”: it is back in development mode and its developers see your reason.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostFlagsAsync(string accountId, bool developerTools, bool enterprise, bool pmeEnabled)
    {
        var saved = await administration.SetFlagsAsync(accountId ?? "", developerTools, enterprise, pmeEnabled, HttpContext.RequestAborted);
        Status = saved
            ? $"Saved the flags of {accountId}: Developer Tools {OnOff(developerTools)}, enterprise {OnOff(enterprise)}, Private Model Embed {OnOff(pmeEnabled)}."
            : "That account does not exist.";
        return RedirectToPage();
    }

    private static string OnOff(bool value) => value ? "on" : "off";

    private async Task LoadAsync()
    {
        Pending = await queries.ListPendingAsync(HttpContext.RequestAborted);
        Accounts = await administration.ListAccountsAsync(HttpContext.RequestAborted);
    }
}
