using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Spacegate.Client.ModelApi;
using Spacegate.Client.Tokens;

namespace Spacegate.SamplePartner.Pages;

/// <summary>The connected account's spaces, with search and paging; or the button to connect.</summary>
public sealed class IndexModel(SpacegateUserTokens tokens, SpacegateModelApiFactory apiFactory, IOptions<SampleOptions> options) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "offset")]
    public string? Offset { get; set; }

    [BindProperty(SupportsGet = true, Name = "pg")]
    public int PageNumber { get; set; } = 1;

    public bool Connected { get; private set; }
    public ModelPage? Spaces { get; private set; }
    public string? SearchError { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var key = SampleSession.TokenKey(HttpContext);
        Connected = await tokens.IsConnectedAsync(key, cancellationToken);
        if (!Connected)
        {
            return;
        }
        PageNumber = Math.Max(1, PageNumber);
        var search = string.IsNullOrWhiteSpace(Query) ? "*" : Query.Trim();
        try
        {
            Spaces = await apiFactory.ForUser(key).SearchModelsAsync(search, options.Value.PageSize, Offset, ModelSelection.Details, cancellationToken);
        }
        catch (SpacegateGraphQLException exception) when (exception.Code == "request.invalid")
        {
            SearchError = exception.Errors[0].Message;
        }
    }
}
