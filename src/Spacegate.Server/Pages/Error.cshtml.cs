using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Spacegate.Server.Pages;

/// <summary>
/// Rendered for status codes without a body and after an unexpected exception, for any method. It
/// binds nothing: the request that led here may carry a form that cannot be read, and reading it
/// again would turn a 400 into a failure of the error page itself.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Error";
    public string Message { get; private set; } = "";

    public void OnGet() => Describe();

    public void OnPost() => Describe();

    private void Describe()
    {
        // Re-executed after an exception the query has no code, but the status is already set.
        var code = int.TryParse(Request.Query["code"], out var fromQuery) ? fromQuery : Response.StatusCode;
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
