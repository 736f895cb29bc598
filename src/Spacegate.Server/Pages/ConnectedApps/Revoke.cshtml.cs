using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Spacegate.Server.Domain;
using Spacegate.Server.Grants;

namespace Spacegate.Server.Pages.ConnectedApps;

/// <summary>Asks before revoking; the form posts to the list page's Revoke handler.</summary>
public sealed class RevokeModel(UserManager<SpacegateUser> users, GrantQueries queries) : PageModel
{
    public GrantView Grant { get; private set; } = null!;
    public bool IsOwn { get; private set; }

    public async Task<IActionResult> OnGetAsync(string grantId)
    {
        var userId = users.GetUserId(User)!;
        if (await queries.FindVisibleAsync(userId, grantId, HttpContext.RequestAborted) is not { } grant)
        {
            return NotFound();
        }
        Grant = grant;
        IsOwn = grant.UserId == userId;
        return Page();
    }
}
