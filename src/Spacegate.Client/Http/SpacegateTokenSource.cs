namespace Spacegate.Client.Http;

/// <summary>Whose token a request carries: a connected user's (by token store key) or the application's own.</summary>
public sealed record SpacegateTokenSource
{
    private SpacegateTokenSource(string? userKey) => UserKey = userKey;

    /// <summary>The token store key of the user, or null for the application's token.</summary>
    public string? UserKey { get; }

    /// <summary>The application's client-credentials token.</summary>
    public static SpacegateTokenSource Application { get; } = new((string?)null);

    /// <summary>The token of the user connected under <paramref name="key"/>.</summary>
    public static SpacegateTokenSource ForUser(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return new SpacegateTokenSource(key);
    }

    /// <summary>The request option that tells <see cref="SpacegateTokenHandler"/> which token to attach.</summary>
    public static HttpRequestOptionsKey<SpacegateTokenSource> OptionKey { get; } = new("Spacegate.TokenSource");
}
