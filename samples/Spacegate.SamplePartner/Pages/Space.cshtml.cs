using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Spacegate.Client.ModelApi;

namespace Spacegate.SamplePartner.Pages;

/// <summary>One space: its details, its description (editable) and its add-ons.</summary>
public sealed class SpaceModel(SpacegateModelApiFactory apiFactory) : PageModel
{
    public Model? Space { get; private set; }

    [BindProperty]
    [StringLength(2000)]
    [Display(Name = "Description")]
    public string? Description { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        Space = await Api.GetModelAsync(id, ModelSelection.Details, cancellationToken);
        if (Space is null)
        {
            return NotFound();
        }
        Description = Space.Description;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            try
            {
                await Api.PatchModelAsync(id, new ModelPatch { Description = Description ?? "" }, cancellationToken: cancellationToken);
                return Redirect($"/spaces/{Uri.EscapeDataString(id)}?saved=1");
            }
            catch (SpacegateGraphQLException exception)
            {
                Error = exception.Code == "request.unauthorized"
                    ? "This connection may not edit spaces (it lacks the EditDetails permission)."
                    : exception.Errors[0].Message;
            }
        }
        Space = await Api.GetModelAsync(id, ModelSelection.Details, cancellationToken);
        return Space is null ? NotFound() : Page();
    }

    private SpacegateModelApi Api => apiFactory.ForUser(SampleSession.TokenKey(HttpContext));
}
