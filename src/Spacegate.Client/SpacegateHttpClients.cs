namespace Spacegate.Client;

/// <summary>Names of the <see cref="System.Net.Http.IHttpClientFactory"/> clients this library registers.</summary>
public static class SpacegateHttpClients
{
    /// <summary>Discovery, token, revocation and introspection requests (no bearer token).</summary>
    public const string OAuth = "Spacegate.OAuth";

    /// <summary>The Model API; its <see cref="Http.SpacegateTokenHandler"/> attaches the bearer token.</summary>
    public const string ModelApi = "Spacegate.ModelApi";
}
