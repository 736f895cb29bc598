namespace Spacegate.Client;

/// <summary>Settings of a Spacegate client: where the server is and which OAuth application this is.</summary>
public sealed class SpacegateClientOptions
{
    /// <summary>The server's public base URL, which is also its issuer (e.g. <c>http://127.0.0.1:5080</c>).</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>The application's client id (25 characters).</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The application's client secret. Keep it on the server; never send it to a browser.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>The scopes asked for by the authorization code flow, e.g. <c>ViewDetails</c>, <c>EditDetails</c>.</summary>
    public IList<string> Scopes { get; } = [];

    /// <summary>The redirect URI registered for the application, where the authorization response arrives.</summary>
    public Uri? RedirectUri { get; set; }

    /// <summary>
    /// How long before its expiry an access token is renewed (default 60 seconds), so that a token is never
    /// sent when it is about to expire on the way.
    /// </summary>
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// After a refresh refused with 429 (<c>slow_down</c>) and no <c>Retry-After</c>, how long callers get that refusal
    /// without a new request (default 5 seconds). With a <c>Retry-After</c>, the server's delay is used.
    /// </summary>
    public TimeSpan RateLimitedRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Optional lifetime to ask for when exchanging a code (the token endpoint's <c>expires_in</c>, e.g. <c>15m</c>);
    /// the server caps it at the application's access-token duration.
    /// </summary>
    public string? AccessTokenLifetime { get; set; }

    /// <summary>
    /// Other base URLs the metadata's endpoints may live under, e.g. when the server gives the authorization endpoint
    /// its own public host. Every other endpoint must be under <see cref="BaseAddress"/>, or discovery is refused.
    /// </summary>
    public IList<string> AdditionalEndpointBaseAddresses { get; } = [];

    /// <summary>How long the discovery document is cached (default one hour).</summary>
    public TimeSpan DiscoveryCacheDuration { get; set; } = TimeSpan.FromHours(1);
}
