using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Spacegate.Client.Errors;
using Spacegate.Client.Http;

namespace Spacegate.Client.ModelApi;

/// <summary>
/// The Model API (GraphQL at <c>/api/models/graph</c>) for one token source: a connected user's or the application's.
/// Get one from <see cref="SpacegateModelApiFactory"/>. Errors raise <see cref="SpacegateGraphQLException"/> with
/// <c>extensions.code</c> and the partial data.
/// </summary>
public sealed class SpacegateModelApi
{
    private const string Path = "api/models/graph";
    private readonly HttpClient _http;
    private readonly SpacegateTokenSource _source;
    private readonly SpacegateClientOptions _options;

    internal SpacegateModelApi(HttpClient http, SpacegateTokenSource source, SpacegateClientOptions options)
    {
        _http = http;
        _source = source;
        _options = options;
    }

    /// <summary>One model, or null when it does not exist or the token may not see it (<c>not.found</c>).</summary>
    /// <param name="id">The model id.</param>
    /// <param name="selection">The fields to read, e.g. <see cref="ModelSelection.Details"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<Model?> GetModelAsync(string id, string selection = ModelSelection.Public, CancellationToken cancellationToken = default)
    {
        try
        {
            var data = await ExecuteAsync($"query($id: ID!) {{ model(id: $id) {{ {selection} }} }}", new { id }, cancellationToken).ConfigureAwait(false);
            return Read<Model>(data, "model");
        }
        catch (SpacegateGraphQLException exception) when (exception.Errors.All(e => e.Code == "not.found"))
        {
            return null;
        }
    }

    /// <summary>One page of a search (see the search syntax in docs/SEARCH.md), newest first unless sorted otherwise.</summary>
    /// <param name="query">The search, <c>*</c> for everything.</param>
    /// <param name="pageSize">1 to 1000.</param>
    /// <param name="offset">The previous page's <see cref="ModelPage.NextOffset"/>; null for the first page.</param>
    /// <param name="selection">The fields to read of each model.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<ModelPage> SearchModelsAsync(string query = "*", int pageSize = 10, string? offset = null, string selection = ModelSelection.Public,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 1000);
        var data = await ExecuteAsync(
            $"query($q: String, $n: Int, $o: String) {{ models(query: $q, pageSize: $n, offset: $o) {{ totalResults nextOffset results {{ {selection} }} }} }}",
            new { q = query, n = pageSize, o = offset }, cancellationToken).ConfigureAwait(false);
        var page = Read<PageBody>(data, "models") ?? new PageBody();
        return new ModelPage(page.Results ?? [], page.TotalResults, page.NextOffset);
    }

    /// <summary>Every model matching <paramref name="query"/>, page after page (following <c>nextOffset</c>).</summary>
    public async IAsyncEnumerable<Model> ListModelsAsync(string query = "*", int pageSize = 100, string selection = ModelSelection.Public,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? offset = null;
        do
        {
            var page = await SearchModelsAsync(query, pageSize, offset, selection, cancellationToken).ConfigureAwait(false);
            foreach (var model in page.Results)
            {
                yield return model;
            }
            offset = page.NextOffset;
        }
        while (offset is not null);
    }

    /// <summary>Changes a model's name, description or internal id (EditDetails).</summary>
    public async Task<Model> PatchModelAsync(string id, ModelPatch patch, string selection = ModelSelection.Public, CancellationToken cancellationToken = default)
    {
        var data = await ExecuteAsync($"mutation($id: ID!, $patch: ModelPatch!) {{ patchModel(id: $id, patch: $patch) {{ {selection} }} }}",
            new { id, patch }, cancellationToken).ConfigureAwait(false);
        return Read<Model>(data, "patchModel") ?? throw new SpacegateException("patchModel returned no model.");
    }

    /// <summary>Buys a bundle of a model (PurchaseAssets). The account is charged the bundle's price.</summary>
    public async Task<ModelBundle> UnlockBundleAsync(string id, string bundleId, CancellationToken cancellationToken = default)
    {
        var data = await ExecuteAsync("mutation($id: ID!, $b: ID!) { unlockModelBundle(id: $id, bundleId: $b) { id name description availability price { amount currencyCode } } }",
            new { id, b = bundleId }, cancellationToken).ConfigureAwait(false);
        return Read<ModelBundle>(data, "unlockModelBundle") ?? throw new SpacegateException("unlockModelBundle returned no bundle.");
    }

    /// <summary>Mints a read-only link to one model for the viewer (application token of a PME-enabled account).</summary>
    /// <param name="modelId">The model.</param>
    /// <param name="validFor">e.g. <c>10m</c>, <c>PT1H</c> (default 10 minutes, at most 24 hours).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<PrivateModelEmbedLink> CreatePrivateModelEmbedLinkAsync(string modelId, string? validFor = null, CancellationToken cancellationToken = default)
    {
        var data = await ExecuteAsync(
            "mutation($m: ID!, $c: String!, $s: String!, $v: String) { createPrivateModelEmbedLink(modelId: $m, clientId: $c, clientSecret: $s, validFor: $v) { accessToken application link validUntil } }",
            new { m = modelId, c = _options.ClientId, s = _options.ClientSecret, v = validFor }, cancellationToken).ConfigureAwait(false);
        return Read<PrivateModelEmbedLink>(data, "createPrivateModelEmbedLink") ?? throw new SpacegateException("No embed link returned.");
    }

    /// <summary>Mints a read-only embed token for several models.</summary>
    public async Task<PrivateModelEmbedToken> CreatePrivateModelEmbedTokenAsync(IEnumerable<string> modelIds, string? validFor = null,
        CancellationToken cancellationToken = default)
    {
        var data = await ExecuteAsync(
            "mutation($m: [ID!]!, $c: String!, $s: String!, $v: String) { createPrivateModelEmbedToken(modelIds: $m, clientId: $c, clientSecret: $s, validFor: $v) { accessToken validUntil } }",
            new { m = modelIds.ToArray(), c = _options.ClientId, s = _options.ClientSecret, v = validFor }, cancellationToken).ConfigureAwait(false);
        return Read<PrivateModelEmbedToken>(data, "createPrivateModelEmbedToken") ?? throw new SpacegateException("No embed token returned.");
    }

    /// <summary>Revokes an embed token of this application at once.</summary>
    public async Task<bool> DeletePrivateModelEmbedTokenAsync(string accessToken, CancellationToken cancellationToken = default)
    {
        var data = await ExecuteAsync(
            "mutation($c: String!, $s: String!, $t: String!) { deletePrivateModelEmbedToken(clientId: $c, clientSecret: $s, accessToken: $t) }",
            new { c = _options.ClientId, s = _options.ClientSecret, t = accessToken }, cancellationToken).ConfigureAwait(false);
        return Read<bool?>(data, "deletePrivateModelEmbedToken") == true;
    }

    /// <summary>Runs any query or mutation and returns its <c>data</c>.</summary>
    /// <exception cref="SpacegateGraphQLException">The response has errors (its partial data is on the exception).</exception>
    /// <exception cref="SpacegateReconnectRequiredException">The user's grant is gone.</exception>
    public async Task<JsonElement> ExecuteAsync(string query, object? variables = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path)
        {
            Content = JsonContent.Create(new { query, variables }, options: ModelApiJson.Options),
        };
        request.Options.Set(SpacegateTokenSource.OptionKey, _source);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        JsonElement body;
        try
        {
            body = JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException exception)
        {
            throw new SpacegateException($"The Model API answered {(int)response.StatusCode} without JSON.", exception);
        }
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new SpacegateException($"The Model API answered {(int)response.StatusCode} with unexpected JSON.");
        }
        var data = body.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d : (JsonElement?)null;
        if (body.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
        {
            throw new SpacegateGraphQLException([.. errors.EnumerateArray().Select(ParseError)], data, (int)response.StatusCode);
        }
        if (body.TryGetProperty("error", out var oauthError))
        {
            // The token was refused even after one renewal (the handler retries once).
            throw new SpacegateException($"The Model API refused the token ({(int)response.StatusCode} {oauthError}).");
        }
        return data ?? throw new SpacegateException($"The Model API answered {(int)response.StatusCode} without data.");
    }

    private static T? Read<T>(JsonElement data, string field) =>
        data.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null ? value.Deserialize<T>(ModelApiJson.Options) : default;

    private static SpacegateGraphQLError ParseError(JsonElement error)
    {
        var message = error.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "";
        JsonElement? extensions = error.TryGetProperty("extensions", out var e) && e.ValueKind == JsonValueKind.Object ? e : null;
        var code = extensions is { } x && x.TryGetProperty("code", out var c) ? c.GetString() : null;
        int? status = extensions is { } y && y.TryGetProperty("httpStatus", out var s) && s.TryGetInt32(out var n) ? n : null;
        var path = error.TryGetProperty("path", out var p) && p.ValueKind == JsonValueKind.Array
            ? p.EnumerateArray().Select(segment => segment.ValueKind == JsonValueKind.Number ? (object)segment.GetInt32() : segment.GetString()!).ToList()
            : [];
        return new SpacegateGraphQLError(message, code, status, path, extensions);
    }

    private sealed record PageBody
    {
        public List<Model>? Results { get; init; }
        public int TotalResults { get; init; }
        public string? NextOffset { get; init; }
    }
}
