using System.Net;
using System.Text.RegularExpressions;
using Spacegate.Tests.Infrastructure;

namespace Spacegate.Tests.Pages;

public sealed record PageResponse(HttpStatusCode Status, string Html, HttpResponseMessage Response)
{
    public string? Header(string name) =>
        Response.Headers.TryGetValues(name, out var values) || Response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values) : null;
}

/// <summary>A signed-in browser over plain HTTP: cookies kept, redirects not followed, antiforgery token at hand.</summary>
public sealed partial class PageSession(HttpClient client) : IDisposable
{
    public HttpClient Client { get; } = client;

    public static async Task<PageSession> SignInAsync(TestServer server, string email)
    {
        var client = server.CreateClient();
        await OAuthClient.SignInAsync(client, email);
        return new PageSession(client);
    }

    public async Task<PageResponse> GetAsync(string url)
    {
        var response = await Client.GetAsync(url);
        return new PageResponse(response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    /// <summary>Posts a form the way the page would, with the session's antiforgery token unless told not to.</summary>
    public async Task<PageResponse> PostAsync(string url, IEnumerable<KeyValuePair<string, string>> fields, bool antiforgery = true)
    {
        var form = fields.ToList();
        if (antiforgery)
        {
            // Every signed-in page carries the sign-out form, and with it a token for this session.
            form.Add(new("__RequestVerificationToken", OAuthClient.Antiforgery((await GetAsync("/")).Html)));
        }
        var response = await Client.PostAsync(url, new FormUrlEncodedContent(form));
        return new PageResponse(response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    public Task<PageResponse> PostAsync(string url, params (string Key, string Value)[] fields) =>
        PostAsync(url, fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    /// <summary>The text of the element with the given id (tags stripped, entities decoded), or null.</summary>
    public static string? TextOf(string html, string id)
    {
        var match = Regex.Match(html, $"<(?<tag>[a-z0-9]+)[^>]*\\sid=\"{Regex.Escape(id)}\"[^>]*>(?<body>.*?)</\\k<tag>>", RegexOptions.Singleline);
        return match.Success ? WebUtility.HtmlDecode(Tags().Replace(match.Groups["body"].Value, " ")).Trim() : null;
    }

    /// <summary>The value attribute of the input with the given id, or null.</summary>
    public static string? ValueOf(string html, string id)
    {
        var match = Regex.Match(html, $"<input[^>]*\\sid=\"{Regex.Escape(id)}\"[^>]*>", RegexOptions.Singleline);
        if (!match.Success)
        {
            return null;
        }
        var value = Regex.Match(match.Value, "\\svalue=\"(?<v>[^\"]*)\"");
        return value.Success ? WebUtility.HtmlDecode(value.Groups["v"].Value) : null;
    }

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
