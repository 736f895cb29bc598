using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Spacegate.Server.Pages;

[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Error";
    public string Message { get; private set; } = "";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        (Title, Message) = code switch
        {
            404 => ("Page not found", "There is no page at this address."),
            400 => ("Bad request", "The request could not be understood."),
            403 => ("Not allowed", "You are not allowed to do this."),
            _ => ("Error", "Something went wrong. Please try again."),
        };
    }
}
