using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Spacegate.Server.Applications;
using Spacegate.Server.Domain;

namespace Spacegate.Server.Pages.Developer;

/// <summary>The access check every page that changes one app starts with.</summary>
public static class ManagedApp
{
    /// <summary>
    /// The app when the signed-in user may manage it; otherwise the result to return: 404 for apps of
    /// accounts the user is not in (their existence is not revealed), 403 for members who may only look.
    /// </summary>
    public static async Task<(ApplicationView? App, IActionResult? Denied)> ResolveAsync(PageModel page,
        UserManager<SpacegateUser> users, DeveloperAccess access, string? clientId)
    {
        var (found, app) = await access.FindAppAsync(users.GetUserId(page.User)!, clientId ?? "", page.HttpContext.RequestAborted);
        return found switch
        {
            AppAccess.Manage => (app, null),
            AppAccess.ViewOnly => (null, page.StatusCode(StatusCodes.Status403Forbidden)),
            _ => (null, page.NotFound()),
        };
    }
}
