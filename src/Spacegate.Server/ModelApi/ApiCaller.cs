using Spacegate.Server.OAuth;

namespace Spacegate.Server.ModelApi;

/// <summary>Who is calling the Model API, taken from a validated bearer token.</summary>
/// <param name="EmbedModelIds">For a Private Model Embed token, the models it may show; null otherwise.</param>
public sealed record ApiCaller(
    string AccountId,
    string ClientId,
    string? UserId,
    string TokenId,
    DateTimeOffset? TokenExpires,
    IReadOnlySet<string> Scopes,
    IReadOnlySet<string>? EmbedModelIds)
{
    public bool IsEmbed => EmbedModelIds is not null;

    public bool Has(string scope) => !IsEmbed && Scopes.Contains(scope);

    /// <summary>May read private details (ViewDetails), as opposed to public details only.</summary>
    public bool SeesPrivateDetails => Has(OAuthScopes.ViewDetails);

    /// <summary>May read public details at all: ViewPublic, ViewDetails or an embed token.</summary>
    public bool SeesPublicDetails => IsEmbed || Has(OAuthScopes.ViewPublic) || Has(OAuthScopes.ViewDetails);
}
