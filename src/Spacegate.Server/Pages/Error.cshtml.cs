using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Spacegate.Server.Pages;

[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Error";
    public string Message { get; private set; } = "";

    // Re-executed after an exception, the page has no code in its query but the status is already set.
    public void OnGet(int? code) => Describe(code ?? Response.StatusCode);

    public void OnPost(int? code) => Describe(code ?? Response.StatusCode);

    private void Describe(int? code)
    {
        (Title, Message) = code switch
        {
            404 => ("Page not found", "There is no page at this address."),
            400 => ("Bad request", "The request could not be understood."),
            413 => ("Request too large", "The request is larger than the server accepts."),
            403 => ("Not allowed", "You are not allowed to do this."),
            _ => ("Error", "Something went wrong. Please try again."),
        };
    }
}
