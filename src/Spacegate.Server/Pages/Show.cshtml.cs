using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Spacegate.Server.ModelApi;
using Spacegate.Server.Models;

namespace Spacegate.Server.Pages;

/// <summary>
/// The viewer ("Showcase") at <c>/show?m=MODEL_ID&amp;auth=Bearer+TOKEN</c>. The page is only a shell:
/// the token is read and used by <c>/js/viewer.js</c> in the browser, never by the server here, so the
/// page holds nothing private and may be framed by any site.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ShowModel(SignedUrls urls) : PageModel
{
    /// <summary>The model id from <c>m</c>, when it is well formed.</summary>
    public string? ModelId { get; private set; }

    public IActionResult OnGet(string? m)
    {
        // The URL carries a bearer token: never cache the page; never send the URL on as a referrer
        // (SecurityHeadersMiddleware sets Referrer-Policy: no-referrer on every response).
        Response.Headers.CacheControl = "no-store";
        Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy();
        if (!ModelIds.IsWellFormedModelId(m))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        ModelId = m;
        return Page();
    }

    /// <summary>
    /// Framing is allowed from anywhere (the page exists to be embedded); everything else is locked to
    /// this server. Signed download URLs point at the public base URL, which may be another origin
    /// than the one the page was requested on. Blob URLs carry the textures of the glTF and the images.
    /// </summary>
    private string ContentSecurityPolicy()
    {
        var connect = "'self' blob: data:";
        if (Uri.TryCreate(urls.PublicBase(Request), UriKind.Absolute, out var publicBase))
        {
            connect += " " + publicBase.GetLeftPart(UriPartial.Authority);
        }
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; " +
            $"connect-src {connect}; frame-ancestors *; base-uri 'none'; form-action 'none'";
    }
}
