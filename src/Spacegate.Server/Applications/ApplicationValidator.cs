using Spacegate.Server.OAuth;

namespace Spacegate.Server.Applications;

public static class ApplicationValidator
{
    public const int MinMinutes = 1;
    public const int MaxMinutes = 24 * 60;

    public static List<ApplicationError> Validate(ApplicationRegistration registration)
    {
        var errors = new List<ApplicationError>();
        if (string.IsNullOrWhiteSpace(registration.Name) || registration.Name.Trim().Length > 100)
        {
            errors.Add(new(ApplicationField.Name, "The name is required and must be at most 100 characters."));
        }
        if (registration.RedirectUris.Count == 0)
        {
            errors.Add(new(ApplicationField.RedirectUris, "At least one redirect URI is required."));
        }
        foreach (var uri in registration.RedirectUris)
        {
            if (!IsValidRedirectUri(uri))
            {
                errors.Add(new(ApplicationField.RedirectUris, $"The redirect URI '{uri}' must be an absolute http or https URL without a fragment or user info."));
            }
        }
        if (registration.AccessTokenMinutes is < MinMinutes or > MaxMinutes)
        {
            errors.Add(new(ApplicationField.AccessTokenMinutes, $"The access-token duration must be between {MinMinutes} minute and 24 hours ({MaxMinutes} minutes)."));
        }
        if (registration.Scopes.Count == 0)
        {
            errors.Add(new(ApplicationField.Scopes, "Select at least one scope."));
        }
        foreach (var scope in registration.Scopes.Where(s => !OAuthScopes.Names.Contains(s)))
        {
            errors.Add(new(ApplicationField.Scopes, $"The scope '{scope}' is unknown. Known scopes: {string.Join(", ", OAuthScopes.Names)}."));
        }
        return errors;
    }

    public static bool IsValidRedirectUri(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
        && string.IsNullOrEmpty(uri.Fragment)
        && string.IsNullOrEmpty(uri.UserInfo)
        && value.Length <= 2000;
}
