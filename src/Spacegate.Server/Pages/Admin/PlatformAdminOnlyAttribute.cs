using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Spacegate.Server.Domain;

namespace Spacegate.Server.Pages.Admin;

/// <summary>
/// Answers 403 (the "Not allowed" page) to signed-in users who are not platform admins. The flag is
/// read from the database on every request, so taking it away takes effect at once, not at the next sign-in.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PlatformAdminOnlyAttribute : Attribute, IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var users = context.HttpContext.RequestServices.GetRequiredService<UserManager<SpacegateUser>>();
        if (await users.GetUserAsync(context.HttpContext.User) is not { IsPlatformAdmin: true })
        {
            context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
            return;
        }
        await next();
    }
}
