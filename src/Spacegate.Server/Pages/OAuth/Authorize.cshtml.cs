using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Primitives;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Spacegate.Server.Data;
using Spacegate.Server.Domain;
using Spacegate.Server.Grants;
using Spacegate.Server.OAuth;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Spacegate.Server.Pages.OAuth;

/// <summary>
/// The interactive part of GET /oauth/authorize: sign-in, account chooser, consent. OpenIddict has
/// validated the client, redirect URI, response type, scopes and PKCE before this runs, and sent its
/// errors back to the client when it could (<see cref="Spacegate.Server.OAuth.Handlers.RedirectRejectedAuthorizationRequests"/>);
/// the errors that arrive here had no registered redirect URI to go to and are shown as an error page.
/// </summary>
public sealed class AuthorizeModel(
    IOpenIddictApplicationManager applications,
    UserManager<SpacegateUser> users,
    ConsentService consent,
    ClientRedirectTarget redirectTargets) : PageModel
{
    public const string AccountField = "spacegate_account";
    public const string DecisionField = "spacegate_decision";

    public enum Step { Error, ChooseAccount, Consent }

    public Step Current { get; private set; }
    public string ErrorTitle { get; private set; } = "";
    public string ErrorMessage { get; private set; } = "";
    public string AppName { get; private set; } = "";
    public Domain.Account? Owner { get; private set; }
    public List<AccountChoice> Choices { get; private set; } = [];
    public AccountChoice? Chosen { get; private set; }
    public List<ScopeDescription> Scopes { get; private set; } = [];
    public List<KeyValuePair<string, string>> Parameters { get; private set; } = [];
    public string UserName { get; private set; } = "";

    /// <summary>Where the browser goes after the decision, so people can tell which site is asking.</summary>
    public string? ReturnHost { get; private set; }

    public Task<IActionResult> OnGetAsync() => HandleAsync();

    public Task<IActionResult> OnPostAsync() => HandleAsync();

    private async Task<IActionResult> HandleAsync()
    {
        var request = HttpContext.GetOpenIddictServerRequest();
        if (HttpContext.GetOpenIddictServerResponse() is { Error: not null } failure)
        {
            // Unknown client or unregistered redirect URI: never a redirect (SPEC §3).
            return ShowError(StatusCodes.Status400BadRequest, "This authorization request is invalid", Describe(failure));
        }
        if (request is null)
        {
            return ShowError(StatusCodes.Status400BadRequest, "This authorization request is invalid", "The request carries no OAuth parameters.");
        }

        var session = await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var user = session.Succeeded ? await users.GetUserAsync(session.Principal!) : null;
        if (user is null)
        {
            return Challenge(new AuthenticationProperties { RedirectUri = ReturnUrl(request) }, IdentityConstants.ApplicationScheme);
        }

        var app = (OAuthApplication)(await applications.FindByClientIdAsync(request.ClientId!, HttpContext.RequestAborted))!;
        AppName = app.DisplayName ?? app.ClientId!;
        UserName = user.DisplayName;
        ReturnHost = await redirectTargets.FindAsync(request.ClientId, request.RedirectUri, HttpContext.RequestAborted) is { } returnTo && Uri.TryCreate(returnTo, UriKind.Absolute, out var returnUri) ? returnUri.Authority : null;
        (Owner, Choices) = await consent.GetChoicesAsync(user, app, HttpContext.RequestAborted);
        if (Choices.Count == 0)
        {
            return app.Mode == ApplicationMode.Production
                ? ShowError(StatusCodes.Status403Forbidden, "No account to connect", "Your user does not belong to any account, so there is nothing this app could be given access to.")
                : ShowError(StatusCodes.Status403Forbidden, "This app is still in development",
                    $"“{AppName}” is in development mode: only members of {Owner.Name}, the account that owns it, can authorize it until it is approved for production.");
        }

        Parameters = [.. request.GetParameters()
            .Where(p => p.Key is not (AccountField or DecisionField) && !p.Key.StartsWith("__", StringComparison.Ordinal))
            .SelectMany(p => ((StringValues?)p.Value ?? StringValues.Empty).Select(v => new KeyValuePair<string, string>(p.Key, v ?? "")))];
        Scopes = [.. request.GetScopes().Select(OAuthScopes.Find).OfType<ScopeDescription>()];

        var chosenId = HttpMethods.IsPost(Request.Method) ? (string?)Request.Form[AccountField] : null;
        Chosen = Choices.Count == 1 ? Choices[0] : Choices.FirstOrDefault(c => c.Id == chosenId);
        if (!string.IsNullOrEmpty(chosenId) && Chosen?.Id != chosenId)
        {
            return ShowError(StatusCodes.Status400BadRequest, "Unknown account", "The chosen account is not one you can grant access to.");
        }
        if (Chosen is null)
        {
            Current = Step.ChooseAccount;
            return Page();
        }

        var decision = HttpMethods.IsPost(Request.Method) ? (string?)Request.Form[DecisionField] : null;
        if (decision == "deny")
        {
            return Forbid(new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.AccessDenied,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The user denied the authorization request.",
            }), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }
        if (decision == "allow")
        {
            var principal = await consent.GrantAsync(user, app, Chosen.Id, [.. request.GetScopes()], HttpContext.RequestAborted);
            return SignIn(principal, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }
        Current = Step.Consent;
        return Page();
    }

    private IActionResult ShowError(int status, string title, string message)
    {
        Current = Step.Error;
        ErrorTitle = title;
        ErrorMessage = message;
        Response.StatusCode = status;
        return Page();
    }

    private static string Describe(OpenIddictResponse failure) => failure.Error switch
    {
        _ when failure.ErrorDescription?.Contains("client_id", StringComparison.OrdinalIgnoreCase) == true =>
            "The app that sent you here is not registered with Spacegate (unknown or missing client_id).",
        _ when failure.ErrorDescription?.Contains("redirect_uri", StringComparison.OrdinalIgnoreCase) == true =>
            $"The redirect URI is missing or is not registered for this app, so Spacegate will not send you back to it. ({failure.ErrorDescription})",
        _ => $"{failure.Error}: {failure.ErrorDescription}",
    };

    private string ReturnUrl(OpenIddictRequest request) =>
        Request.PathBase + Request.Path + QueryString.Create(request.GetParameters()
            .Where(p => p.Key is not (AccountField or DecisionField) && !p.Key.StartsWith("__", StringComparison.Ordinal))
            .SelectMany(p => ((StringValues?)p.Value ?? StringValues.Empty).Select(v => new KeyValuePair<string, string?>(p.Key, v))));
}
