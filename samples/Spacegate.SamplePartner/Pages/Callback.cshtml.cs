using Microsoft.AspNetCore.Mvc.RazorPages;
using Spacegate.Client.Authorization;
using Spacegate.Client.Errors;

namespace Spacegate.SamplePartner.Pages;

/// <summary>
/// The redirect URI: checks state and issuer, redeems the code and keeps the tokens on this server. In the popup, the
/// page then tells the main window and closes itself.
/// </summary>
public sealed partial class CallbackModel(SpacegateAuthorization authorization, PendingAuthorizations pending, ILogger<CallbackModel> logger) : PageModel
{
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        var started = pending.Take(SampleSession.Id(HttpContext));
        if (started is null)
        {
            Error = "This sign-in was not started here, or it took too long. Start again with “Connect to Spacegate”.";
            return;
        }
        try
        {
            var callback = await authorization.ValidateCallbackAsync(Request.QueryString.Value ?? "", started);
            await authorization.ExchangeCodeAsync(SampleSession.TokenKey(HttpContext), callback, started, cancellationToken);
        }
        catch (SpacegateAuthorizationException exception)
        {
            Error = exception.Error == "access_denied" ? "You did not allow access. Nothing was connected." : "Spacegate's answer could not be used. Try again.";
            LogCallbackRefused(logger, exception.Error);
        }
        catch (SpacegateTokenException exception)
        {
            Error = "Spacegate refused to complete the connection. Try again.";
            LogExchangeRefused(logger, exception.Error);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Authorization callback refused: {Error}")]
    private static partial void LogCallbackRefused(ILogger logger, string error);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Code exchange refused: {Error}")]
    private static partial void LogExchangeRefused(ILogger logger, string? error);
}
