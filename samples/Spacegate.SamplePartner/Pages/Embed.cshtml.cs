using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Spacegate.Client;
using Microsoft.Extensions.Options;
using Spacegate.Client.ModelApi;

namespace Spacegate.SamplePartner.Pages;

/// <summary>
/// Private Model Embed: the app's own (client-credentials) token lists its account's spaces and mints a short-lived
/// viewer link for one; the JS SDK renews the viewer's token through <c>/refresh</c>. A real intranet checks its own
/// sign-in here first.
/// </summary>
public sealed class EmbedModel(SpacegateModelApiFactory apiFactory, EmbedTokens embed, IOptions<SpacegateClientOptions> options) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "m")]
    public string? ModelId { get; set; }

    public IReadOnlyList<Model> Spaces { get; private set; } = [];
    public Model? Selected { get; private set; }
    public EmbedToken? Token { get; private set; }
    public string SdkUrl => new Uri(options.Value.BaseAddress!, "/sdk/showcase-sdk.js").ToString();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        Spaces = (await apiFactory.ForApplication().SearchModelsAsync("*", 20, cancellationToken: cancellationToken)).Results;
        Selected = ModelId is null ? Spaces.FirstOrDefault() : Spaces.FirstOrDefault(s => s.Id == ModelId);
        if (Selected is null)
        {
            return ModelId is null ? Page() : NotFound();
        }
        Token = await embed.MintAsync(Selected.Id, cancellationToken);
        return Page();
    }
}
