using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Spacegate.Client.ModelApi;

namespace Spacegate.SamplePartner.Pages;

/// <summary>A purchase is charged to the user's account: it happens only after this confirmation.</summary>
public sealed class BuyModel(SpacegateModelApiFactory apiFactory) : PageModel
{
    public Model? Space { get; private set; }
    public ModelBundle? Bundle { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, string bundle, CancellationToken cancellationToken) =>
        await LoadAsync(id, bundle, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string id, string bundle, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, bundle, cancellationToken))
        {
            return NotFound();
        }
        try
        {
            var bought = await Api.UnlockBundleAsync(id, bundle, cancellationToken);
            return Redirect($"/spaces/{Uri.EscapeDataString(id)}?bought={Uri.EscapeDataString(bought.Name ?? bought.Id)}");
        }
        catch (SpacegateGraphQLException exception)
        {
            Error = exception.Code == "request.unauthorized"
                ? "This connection may not buy add-ons (it lacks the PurchaseAssets permission)."
                : exception.Errors[0].Message;
            return Page();
        }
    }

    private async Task<bool> LoadAsync(string id, string bundle, CancellationToken cancellationToken)
    {
        Space = await Api.GetModelAsync(id, ModelSelection.Details, cancellationToken);
        Bundle = Space?.Bundles?.FirstOrDefault(b => b.Id == bundle);
        return Bundle is not null;
    }

    private SpacegateModelApi Api => apiFactory.ForUser(SampleSession.TokenKey(HttpContext));
}
