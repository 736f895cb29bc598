using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Spacegate.Tests.Infrastructure;

public sealed record GraphResponse(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)
{
    public JsonElement Data => Body.GetProperty("data");
    /// <summary>True for a GraphQL result with errors, and for anything that is not a 200 GraphQL result at all
    /// (e.g. 400 invalid_grant), so <c>Assert.False(HasErrors)</c> cannot pass on a refused request.</summary>
    public bool HasErrors => Status != HttpStatusCode.OK || Body.ValueKind != JsonValueKind.Object || !Body.TryGetProperty("data", out _)
        || (Body.TryGetProperty("errors", out var e) && e.GetArrayLength() > 0);
    public JsonElement[] Errors => Body.TryGetProperty("errors", out var e) ? [.. e.EnumerateArray()] : [];
    public string? FirstCode => Errors.Select(e => e.GetProperty("extensions").GetProperty("code").GetString()).FirstOrDefault();
    public int? FirstHttpStatus => Errors.Select(e => e.GetProperty("extensions").GetProperty("httpStatus").GetInt32()).FirstOrDefault();

    public override string ToString() => $"{(int)Status} {Body}";
}

/// <summary>Calls /api/models/graph the three documented ways.</summary>
public static class GraphClient
{
    public const string Path = "/api/models/graph";

    public static async Task<GraphResponse> PostAsync(HttpClient http, string? token, string query, object? variables = null,
        string? operationName = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path)
        {
            Content = JsonContent.Create(new { query, variables, operationName }),
        };
        return await SendAsync(http, token, request);
    }

    public static async Task<GraphResponse> PostGraphQLAsync(HttpClient http, string? token, string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path)
        {
            Content = new StringContent(query, Encoding.UTF8, "application/graphql"),
        };
        return await SendAsync(http, token, request);
    }

    public static async Task<GraphResponse> GetAsync(HttpClient http, string? token, string query, string? variablesJson = null)
    {
        var url = $"{Path}?query={Uri.EscapeDataString(query)}" + (variablesJson is null ? "" : $"&variables={Uri.EscapeDataString(variablesJson)}");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        return await SendAsync(http, token, request);
    }

    public static async Task<GraphResponse> SendAsync(HttpClient http, string? token, HttpRequestMessage request)
    {
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return new GraphResponse(response.StatusCode, body, response);
    }
}
