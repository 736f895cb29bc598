using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Spacegate.Server.Domain;
using Spacegate.Server.Grants;

namespace Spacegate.Server.Pages;

public sealed class ConnectedAppsModel(UserManager<SpacegateUser> users, GrantQueries queries, GrantRevocationService revocation) : PageModel
{
    public List<GrantView> Grants { get; private set; } = [];
    public string UserId { get; private set; } = "";

    [TempData]
    public string? Status { get; set; }

    public async Task OnGetAsync()
    {
        UserId = users.GetUserId(User)!;
        Grants = await queries.ListVisibleAsync(UserId, HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostRevokeAsync(string grantId)
    {
        var userId = users.GetUserId(User)!;
        if (string.IsNullOrEmpty(grantId) || !await queries.CanRevokeAsync(userId, grantId, HttpContext.RequestAborted))
        {
            Status = "That connection does not exist or is not yours to revoke.";
            return RedirectToPage();
        }
        await revocation.RevokeAsync(grantId, HttpContext.RequestAborted);
        Status = "Access revoked. The app's tokens stopped working immediately.";
        return RedirectToPage();
    }
}
