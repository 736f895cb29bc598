using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Spacegate.Server.Audit;

namespace Spacegate.Server.Pages.Admin;

/// <summary>The audit trail for platform admins: filter by account, app and time (GET, so a filtered view is a link), paged newest first.</summary>
[PlatformAdminOnly]
public sealed class AuditModel(AuditQuery audit, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Account { get; set; }
    [BindProperty(SupportsGet = true)] public string? App { get; set; }
    [BindProperty(SupportsGet = true)] public string? Since { get; set; }
    [BindProperty(SupportsGet = true)] public string? Until { get; set; }
    [BindProperty(SupportsGet = true)] public string? Before { get; set; }

    public List<AuditEvent> Events { get; private set; } = [];
    public string? NextBefore { get; private set; }
    public Dictionary<string, string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var now = clock.GetUtcNow();
        var since = Parse(nameof(Since), Since, now);
        var until = Parse(nameof(Until), Until, now);
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var page = await audit.ListAsync(new AuditFilter(Trim(Account), Trim(App), since, until, PageSize, Trim(Before)), HttpContext.RequestAborted);
        Events = page.Events;
        NextBefore = page.NextBefore;
        return Page();
    }

    /// <summary>The query of this view with another page cursor.</summary>
    public Dictionary<string, string?> RouteFor(string? before) => new()
    {
        ["account"] = Trim(Account), ["app"] = Trim(App), ["since"] = Trim(Since), ["until"] = Trim(Until), ["before"] = before,
    };

    private DateTimeOffset? Parse(string field, string? text, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (AuditTime.TryParse(text, now, out var value, out var error))
        {
            return value;
        }
        Errors[field] = error!;
        return null;
    }

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
