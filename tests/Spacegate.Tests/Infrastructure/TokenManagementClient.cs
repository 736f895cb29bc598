using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Spacegate.Server.Applications;

namespace Spacegate.Tests.Infrastructure;

/// <summary>RFC 7009 revocation, RFC 7662 introspection and PME minting over real HTTP, as an app server would call them.</summary>
public static class TokenManagementClient
{
    public static async Task<HttpResponseMessage> RevokeAsync(HttpClient http, string token, string clientId, string? secret,
        string? hint = null)
    {
        var form = new Dictionary<string, string> { ["token"] = token, ["client_id"] = clientId };
        if (secret is not null)
        {
            form["client_secret"] = secret;
        }
        if (hint is not null)
        {
            form["token_type_hint"] = hint;
        }
        return await http.PostAsync("/api/oauth/revoke", new FormUrlEncodedContent(form));
    }

    public static async Task<JsonElement> IntrospectAsync(HttpClient http, string token, string clientId, string secret)
    {
        var response = await http.PostAsync("/api/oauth/introspect", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token, ["client_id"] = clientId, ["client_secret"] = secret,
        }));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Introspection failed: {response.StatusCode}");
        }
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public static async Task<bool> IsActiveAsync(HttpClient http, string token, string clientId, string secret) =>
        (await IntrospectAsync(http, token, clientId, secret)).GetProperty("active").GetBoolean();

    /// <summary>A Private Model Embed token of the Globex app for one of its models.</summary>
    public static async Task<string> MintEmbedTokenAsync(HttpClient http, string modelId)
    {
        var appToken = await OAuthClient.ClientCredentialsAsync(http);
        var response = await GraphClient.PostAsync(http, appToken.AccessToken,
            "mutation($m: [ID!]!, $c: String!, $s: String!) { createPrivateModelEmbedToken(modelIds: $m, clientId: $c, clientSecret: $s) { accessToken } }",
            new { m = new[] { modelId }, c = OAuthClient.GlobexClientId, s = OAuthClient.GlobexSecret });
        if (response.HasErrors)
        {
            throw new InvalidOperationException(response.ToString());
        }
        return response.Data.GetProperty("createPrivateModelEmbedToken").GetProperty("accessToken").GetString()!;
    }

    /// <summary>Registers an implicit (public, secret-less) app on <paramref name="accountId"/>; returns its client id.</summary>
    public static async Task<string> CreateImplicitAppAsync(TestServer server, string accountId, string name)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ApplicationService>().CreateAsync(accountId,
            new ApplicationRegistration(name, ["http://localhost:9090/callback"], ["ViewPublic"], 60, ClientKind.Implicit),
            CancellationToken.None);
        return result.ClientId ?? throw new InvalidOperationException(string.Join(' ', result.Errors));
    }
}
