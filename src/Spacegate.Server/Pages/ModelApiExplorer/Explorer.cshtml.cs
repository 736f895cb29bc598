using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Spacegate.Server.ModelApi;
using Spacegate.Server.OAuth;

namespace Spacegate.Server.Pages.ModelApiExplorer;

/// <summary>
/// The Model API explorer (GraphiQL, bundled from ClientApp/src/explorer.jsx) at <c>/api/models/graph/explorer</c>.
/// The page is a shell that holds nothing private: the bearer token is typed (or, in the sandbox, fetched from
/// <see cref="DemoTokenEndpoint"/>) and kept in the browser tab, and sent only to <see cref="GraphEndpoint"/>.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ExplorerModel(IOptions<SpacegateOptions> options) : PageModel
{
    public const string Path = GraphEndpoint.Path + "/explorer";

    /// <summary>
    /// Inline style attributes that CodeMirror's "jump to line" dialog (Alt-G) writes as HTML: allowed by hash,
    /// nothing else inline is.
    /// </summary>
    private static readonly string StyleAttributeHashes = string.Join(' ',
        new[] { "width: 10em", "color: #888" }.Select(s => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(s)))}'"));

    /// <summary>This response's nonce for the &lt;style&gt; elements GraphiQL's dialogs add at run time.</summary>
    public string StyleNonce { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    public bool Sandbox => options.Value.IsSandbox;

    public void OnGet()
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy();
    }

    /// <summary>
    /// The other pages' rules (no framing, nothing from other origins) plus what GraphiQL needs: its own script and
    /// stylesheet, fonts inlined as data: URLs in that stylesheet, and style elements carrying this response's nonce
    /// (the scroll lock of its dialogs). No inline script, no eval. SecurityHeadersMiddleware keeps this policy.
    /// </summary>
    private string ContentSecurityPolicy() =>
        "default-src 'none'; script-src 'self'; " +
        $"style-src 'self' 'nonce-{StyleNonce}' 'unsafe-hashes' {StyleAttributeHashes}; " +
        "font-src data:; img-src 'self' data:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
}
