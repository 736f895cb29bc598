using Spacegate.Server.Data;

namespace Spacegate.Server.OAuth.ClientCache;

/// <summary>
/// A detached copy of an application's stored columns (no navigations, fresh collections), so a cached application is
/// never shared between requests or contexts. <c>ApplicationCopyTests</c> checks that every settable column is copied.
/// </summary>
public static class ApplicationCopy
{
    public static OAuthApplication Of(OAuthApplication app) => new()
    {
        Id = app.Id,
        ApplicationType = app.ApplicationType,
        ClientId = app.ClientId,
        ClientSecret = app.ClientSecret,
        ClientType = app.ClientType,
        ConcurrencyToken = app.ConcurrencyToken,
        ConsentType = app.ConsentType,
        DisplayName = app.DisplayName,
        DisplayNames = app.DisplayNames,
        JsonWebKeySet = app.JsonWebKeySet,
        Permissions = app.Permissions,
        PostLogoutRedirectUris = app.PostLogoutRedirectUris,
        Properties = app.Properties,
        RedirectUris = app.RedirectUris,
        Requirements = app.Requirements,
        Settings = app.Settings,
        AccountId = app.AccountId,
        Mode = app.Mode,
        AccessTokenMinutes = app.AccessTokenMinutes,
        ReviewNote = app.ReviewNote,
        CreatedAt = app.CreatedAt,
    };
}
