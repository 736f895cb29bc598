using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Spacegate.Server.Domain;
using Spacegate.Server.Grants;

namespace Spacegate.Server.Pages.ConnectedApps;

/// <summary>The apps a user authorized and, for account admins, every app connected to the accounts they administer.</summary>
public sealed class IndexModel(UserManager<SpacegateUser> users, GrantQueries queries, GrantRevocationService revocation) : PageModel
{
    public List<GrantView> Mine { get; private set; } = [];
    public List<GrantView> Others { get; private set; } = [];

    [TempData]
    public string? Status { get; set; }

    public async Task OnGetAsync()
    {
        var userId = users.GetUserId(User)!;
        var grants = await queries.ListVisibleAsync(userId, HttpContext.RequestAborted);
        Mine = [.. grants.Where(g => g.UserId == userId)];
        // Everything else the query returns is on an account the user administers.
        Others = [.. grants.Where(g => g.UserId != userId)];
    }

    /// <summary>Posted from the confirmation page (<see cref="RevokeModel"/>).</summary>
    public async Task<IActionResult> OnPostRevokeAsync(string grantId)
    {
        var userId = users.GetUserId(User)!;
        var grant = string.IsNullOrEmpty(grantId) ? null : await queries.FindVisibleAsync(userId, grantId, HttpContext.RequestAborted);
        if (grant is null)
        {
            Status = "That connection does not exist (any more) or is not yours to revoke.";
            return RedirectToPage();
        }
        await revocation.RevokeAsync(grant.Id, HttpContext.RequestAborted);
        Status = $"Revoked “{grant.AppName}” on {grant.AccountName}. Its tokens stopped working immediately.";
        return RedirectToPage();
    }
}
