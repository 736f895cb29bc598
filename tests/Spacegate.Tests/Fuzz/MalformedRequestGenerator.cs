using System.Net.Http.Headers;
using System.Text;

namespace Spacegate.Tests.Fuzz;

/// <summary>
/// Generates malformed and hostile HTTP requests for every endpoint and page: odd methods, broken and
/// duplicated headers, wrong or unparseable Content-Types and charsets, invalid UTF-8, duplicated and
/// oversized parameters, broken JSON, GraphQL and multipart bodies. Deterministic for a given seed.
/// </summary>
public sealed class MalformedRequestGenerator(int seed, Uri baseAddress, FuzzCredentials credentials)
{
    private readonly Random _random = new(seed);

    private static readonly string[] Paths =
    [
        "/", "/account/login", "/account/logout", "/account/denied", "/oauth/authorize", "/api/oauth/token",
        "/api/oauth/revoke", "/api/oauth/introspect", "/.well-known/oauth-authorization-server",
        "/.well-known/openid-configuration", "/api/models/graph", "/api/models/graph/explorer", "/show",
        "/sdk/showcase-sdk.js", "/js/viewer.js", "/css/site.css", "/developer", "/developer/create", "/developer/edit",
        "/developer/delete", "/developer/resetsecret", "/connectedapps", "/connectedapps/revoke", "/admin",
        "/error", "/health", "/api/models/{m}/files/scene/scene.glb", "/api/models/{m}/bundles/mp:matterpak/model.zip",
        "/api/models/{m}/files/{x}/{x}", "/nope", "/api", "/api/oauth", "/.well-known/{x}",
    ];

    private static readonly string[] Methods = ["GET", "GET", "POST", "POST", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "FOO"];

    private static readonly string[] ParameterNames =
    [
        "client_id", "client_secret", "grant_type", "code", "refresh_token", "redirect_uri", "scope", "state",
        "response_type", "code_challenge", "code_challenge_method", "code_verifier", "expires_in", "token",
        "token_type_hint", "m", "auth", "query", "variables", "operationName", "code", "returnUrl", "ReturnUrl",
        "Email", "Password", "clientId", "grantId", "accountId", "handler", "account", "decision", "Name",
        "RedirectUris", "AccessTokenMinutes", "Scopes", "ClientType", "developerTools", "pmeEnabled", "reason",
        "__RequestVerificationToken", "sig", "exp", "validUntil", "id",
    ];

    private static readonly string[] ContentTypes =
    [
        "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-8",
        "application/x-www-form-urlencodedx", "application/x-www-form-urlencoded; charset=\"",
        "application/x-www-form-urlencoded;;", "application/x-www-form-urlencoded; charset=utf-16",
        "application/x-www-form-urlencoded; charset=nonsense", "application/x-www-form-urlencoded; boundary=x",
        "APPLICATION/X-WWW-FORM-URLENCODED", "application/x-www-form-urlencoded, text/plain",
        "multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=\"",
        "multipart/form-data; boundary=abc", "multipart/form-data; boundary=" + new string('b', 200),
        "application/json", "application/json; charset=latin1", "application/json; charset=\"", "application/jsonx",
        "application/graphql", "application/graphql; charset=utf-32", "text/plain", "text/html", "*/*", ";", "=",
        "a/b/c", "application/", "/json", "x", "application/json; a=\"b", "", " ",
    ];

    private static readonly string[] GraphQueries =
    [
        "{ model(id: \"{m}\") { id name description } }",
        "{ model(id: \"{m}\") { id internalId state accessVisibility address { locality } assets { meshes { url } } bundles { id availability } } }",
        "{ models { totalResults nextOffset results { id name } } }",
        "{ models(query: \"{q}\", pageSize: {n}, offset: \"{x}\") { totalResults results { id } } }",
        "{ models(sortBy: [{ field: created, direction: desc }], include: [inactive]) { results { id } } }",
        "mutation { patchModel(id: \"{m}\", patch: { name: \"{x}\" }) { id name } }",
        "mutation { updateModelAccessVisibility(id: \"{m}\", visibility: password, password: \"{x}\") { id } }",
        "mutation { updateModelState(id: \"{m}\", state: inactive) { id } }",
        "mutation { unlockModelBundle(id: \"{m}\", bundleId: \"{x}\") { id availability } }",
        "mutation { createPrivateModelEmbedLink(modelId: \"{m}\", clientId: \"{c}\", clientSecret: \"{s}\", validFor: \"{d}\") { link validUntil } }",
        "mutation { createPrivateModelEmbedToken(modelIds: [\"{m}\", \"{x}\"], clientId: \"{c}\", clientSecret: \"{s}\", validFor: \"{d}\") { accessToken } }",
        "mutation { deletePrivateModelEmbedToken(clientId: \"{c}\", clientSecret: \"{s}\", accessToken: \"{x}\") }",
        "query Q($id: ID!) { model(id: $id) { id } }",
        "{ __schema { types { name fields { name } } } }",
        "{ __type(name: \"Model\") { name } }",
    ];

    private static readonly string[] SearchFragments =
    [
        "*", "name:", "name:\"", "created:[2024-01-01 TO *]", "created:[", "created:[x TO y]", "AND", "OR", "NOT", "(", ")",
        "internalId:a*", "state:active", "address.locality:x", "unknown:x", "\"quoted phrase", "\\", "%", "_", "name:**",
        "modified:{2020 TO 2030}", "((((((((((", "a OR b AND NOT c", "accessVisibility:public",
    ];

    private static readonly string[] Durations = ["PT10M", "10m", "0", "-1m", "P1000D", "PT", "1x", "", "99999999999999999999d", "P1DT", "24h"];

    /// <summary>A new request; the caller owns and disposes the message.</summary>
    public FuzzRequest Next()
    {
        var method = Pick(Methods);
        var path = Pick(Paths).Replace("{m}", credentials.ModelId).Replace("{x}", Uri.EscapeDataString(Word()));
        if (Chance(0.08))
        {
            path = MutatePath(path);
        }
        var query = Chance(0.5) ? "?" + QueryString() : "";
        // Absolute, so that a path starting with "//" stays a path instead of becoming a host name.
        var authority = baseAddress.GetLeftPart(UriPartial.Authority);
        if (!Uri.TryCreate(authority + path + query, UriKind.Absolute, out var uri))
        {
            uri = new Uri(authority + "/" + Uri.EscapeDataString(path + query));
        }
        var message = new HttpRequestMessage(new HttpMethod(method), uri);
        var shape = "none";
        if (method is not ("GET" or "HEAD" or "TRACE") || Chance(0.05))
        {
            (message.Content, shape) = Body(path);
        }
        AddHeaders(message, path);
        var contentType = message.Content?.Headers.TryGetValues("Content-Type", out var types) == true ? string.Join(",", types) : "-";
        return new FuzzRequest(message, $"{method} {Truncate(path + query, 160)} [content-type: {Truncate(contentType, 60)}; body: {shape}]");
    }

    private (HttpContent, string) Body(string path)
    {
        var kind = _random.Next(10);
        HttpContent content;
        string shape;
        switch (kind)
        {
            case 0 or 1 or 2:
                content = Bytes(Encoding.UTF8.GetBytes(QueryString()));
                shape = "form";
                break;
            case 3:
                content = Bytes(Encoding.UTF8.GetBytes(GraphJson()));
                shape = "graphql-json";
                break;
            case 4:
                content = Bytes(Encoding.UTF8.GetBytes(Graph()));
                shape = "graphql";
                break;
            case 5:
                content = Bytes(Encoding.UTF8.GetBytes(BrokenJson()));
                shape = "broken-json";
                break;
            case 6:
                content = Bytes(Encoding.UTF8.GetBytes(Multipart()));
                shape = "multipart";
                break;
            case 7:
                var random = new byte[_random.Next(0, 2048)];
                _random.NextBytes(random);
                content = Bytes(random);
                shape = "random-bytes";
                break;
            case 8:
                content = Bytes(Chance(0.2) ? new byte[_random.Next(64 * 1024, 1024 * 1024)] : []);
                shape = "zeros-or-empty";
                break;
            default:
                content = Bytes(Encoding.UTF8.GetBytes(ManyFields()));
                shape = "many-fields";
                break;
        }
        var contentType = kind switch
        {
            3 when Chance(0.7) => "application/json",
            4 when Chance(0.7) => "application/graphql",
            0 or 1 or 2 or 9 when Chance(0.5) => "application/x-www-form-urlencoded",
            _ => Pick(ContentTypes),
        };
        if (contentType.Length > 0 || Chance(0.5))
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        if (Chance(0.03))
        {
            content.Headers.TryAddWithoutValidation("Content-Encoding", Pick(["gzip", "br", "x-nonsense"]));
        }
        return (content, shape);
    }

    private static ByteArrayContent Bytes(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = null;
        return content;
    }

    private void AddHeaders(HttpRequestMessage message, string path)
    {
        var headers = message.Headers;
        switch (_random.Next(8))
        {
            case 0 when credentials.BearerToken is not null:
                headers.TryAddWithoutValidation("Authorization", "Bearer " + credentials.BearerToken);
                break;
            case 1:
                headers.TryAddWithoutValidation("Authorization", Pick(["Bearer", "Bearer ", "Basic", "Basic !!!", "Basic " +
                    Convert.ToBase64String(Encoding.UTF8.GetBytes(Word() + ":" + Word())), "Bearer " + HeaderSafe(Word()), "Digest x", "Basic Og==",
                    "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials.ClientId + ":" + credentials.ClientSecret)),
                    "Basic " + Convert.ToBase64String(Encoding.Latin1.GetBytes("\u00ff\u00fe:%ZZ"))]));
                break;
            case 2:
                headers.TryAddWithoutValidation("Authorization", "Bearer " + credentials.BearerToken);
                headers.TryAddWithoutValidation("Authorization", "Basic Og==");
                break;
        }
        if (Chance(0.4))
        {
            var cookies = new List<string>();
            if (credentials.SessionCookie is not null && Chance(0.7))
            {
                cookies.Add(credentials.SessionCookie);
            }
            if (credentials.AntiforgeryCookie is not null && Chance(0.7))
            {
                cookies.Add(credentials.AntiforgeryCookie);
            }
            if (Chance(0.2))
            {
                cookies.Add(Pick(["spacegate.session", "spacegate.antiforgery"]) + "=" + HeaderSafe(Word(), latin1: true));
            }
            if (cookies.Count > 0)
            {
                headers.TryAddWithoutValidation("Cookie", string.Join("; ", cookies));
            }
        }
        if (credentials.AntiforgeryToken is not null && Chance(0.3))
        {
            headers.TryAddWithoutValidation("RequestVerificationToken", credentials.AntiforgeryToken);
        }
        if (Chance(0.5))
        {
            headers.TryAddWithoutValidation("Accept", Pick(["text/html", "application/json", "*/*", "text/html;q=x", "application/problem+json",
                "image/png", ";;", "text/*, application/json;q=0.5"]));
        }
        if (Chance(0.1))
        {
            headers.TryAddWithoutValidation("Host", Pick(["evil.example", "127.0.0.1:1", "[::1]", "a..b", "x" + new string('y', 300), "localhost:99999", "a b", ""]));
        }
        if (Chance(0.1))
        {
            headers.TryAddWithoutValidation(Pick(["X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "Forwarded"]),
                Pick(["https", "evil.example", "1.2.3.4, 5.6.7.8", "for=\"[", "garbage"]));
        }
        if (Chance(0.1))
        {
            headers.TryAddWithoutValidation("Origin", Pick(["https://evil.example", "null", "http://localhost:8085", "x"]));
        }
        if (path.StartsWith("/api/models/", StringComparison.Ordinal) && Chance(0.3))
        {
            headers.TryAddWithoutValidation("Range", Pick(["bytes=0-0", "bytes=-1", "bytes=99999999-", "bytes=5-1", "bytes=x", "items=0-1"]));
        }
        if (Chance(0.05))
        {
            headers.TryAddWithoutValidation("X-Junk", new string('j', _random.Next(1, 8000)));
        }
    }

    /// <summary>What can travel in a header: printable ASCII, or with <paramref name="latin1"/> any byte but CR, LF and NUL.</summary>
    private static string HeaderSafe(string value, bool latin1 = false) =>
        new([.. value.Where(c => latin1 ? c is >= ' ' and <= '\u00ff' : c is >= ' ' and <= '~').Take(4000)]);

    private string QueryString()
    {
        var parts = new List<string>();
        for (var i = _random.Next(0, 8); i > 0; i--)
        {
            var name = Chance(0.9) ? Pick(ParameterNames) : Word();
            parts.Add(Encode(name) + (Chance(0.05) ? "" : "=" + ParameterValue(name)));
            if (Chance(0.1))
            {
                parts.Add(Encode(name) + "=" + ParameterValue(name)); // duplicated parameter
            }
        }
        if (Chance(0.05))
        {
            parts.Add(Pick(["%", "%Z", "%C3%28", "%FF%FE", "&&&", "=", "a=%00", "%E2%82", "+%2B+"]));
        }
        return string.Join("&", parts);
    }

    private string ParameterValue(string name) => name switch
    {
        "client_id" or "clientId" => Chance(0.6) ? credentials.ClientId : Encode(Word()),
        "client_secret" => Chance(0.6) ? Encode(credentials.ClientSecret) : Encode(Word()),
        "grant_type" => Pick(["client_credentials", "authorization_code", "refresh_token", "password", "", "urn:x"]),
        "response_type" => Pick(["code", "token", "id_token", "code token", ""]),
        "scope" => Encode(Pick(["ViewDetails", "ViewPublic EditDetails", "openid", "", "ViewDetails ViewDetails", Word()])),
        "m" => Chance(0.5) ? credentials.ModelId : Encode(Word()),
        "auth" => Encode("Bearer " + (Chance(0.5) ? credentials.BearerToken : Word())),
        "query" => Encode(Chance(0.5) ? Graph() : Word()),
        "variables" => Encode(Pick(["{}", "{\"id\":\"x\"}", "[", "null", "\"x\"", "{\"id\":" + new string('[', 300) + "}"])),
        "expires_in" => Encode(Pick(Durations)),
        "code_challenge_method" => Pick(["S256", "plain", "x"]),
        "redirect_uri" or "returnUrl" or "ReturnUrl" => Encode(Pick(["http://localhost:8086/callback", "//evil.example", "javascript:x", "/", Word()])),
        "AccessTokenMinutes" => Pick(["60", "0", "-5", "99999999999", "1e3", "x"]),
        "developerTools" or "pmeEnabled" => Pick(["true", "false", "on", "x"]),
        _ => Encode(Word()),
    };

    private string Word()
    {
        var roll = _random.Next(20);
        if (roll == 0)
        {
            return new string('a', _random.Next(1000, Chance(0.1) ? 200_000 : 20_000)); // oversized
        }
        if (roll == 1)
        {
            return "";
        }
        const string alphabet = "abcXYZ019-._~ !\"#$%&'()*+,/:;<=>?@[\\]^`{|}\u00e9\u00fc\u4e2d\u0000\t\n\ud83d\ude00";
        var length = _random.Next(1, 40);
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(alphabet[_random.Next(alphabet.Length)]);
        }
        if (roll == 2)
        {
            builder.Append('\ud800'); // a lone surrogate: invalid once encoded
        }
        return builder.ToString();
    }

    private string Encode(string value) => Chance(0.1) ? value.Replace("&", "%26").Replace("#", "%23") : Uri.EscapeDataString(value.Replace('\ud800', '?'));

    private string Graph()
    {
        var query = Pick(GraphQueries)
            .Replace("{m}", Chance(0.7) ? credentials.ModelId : Word().Replace("\"", ""))
            .Replace("{c}", credentials.ClientId).Replace("{s}", Chance(0.5) ? credentials.ClientSecret : "x")
            .Replace("{q}", string.Join(' ', Enumerable.Range(0, _random.Next(1, 6)).Select(_ => Pick(SearchFragments))).Replace("\"", "\\\""))
            .Replace("{n}", Pick(["0", "1", "10", "1000", "1001", "-1", "2147483648"]))
            .Replace("{d}", Pick(Durations))
            .Replace("{x}", Word().Replace("\"", "").Replace("\\", ""));
        return _random.Next(8) switch
        {
            0 => query[.._random.Next(query.Length)], // truncated
            1 => new string('{', 200) + "model" + new string('}', 200), // deep
            2 => "{" + string.Concat(Enumerable.Range(0, 500).Select(i => $" a{i}: model(id: \"{credentials.ModelId}\") {{ id }}")) + " }", // wide
            3 => query.Insert(_random.Next(query.Length), Pick(["}", "{", "\"", "$", "@skip", "...", "#", "\u0000", "query"])),
            4 => "fragment F on Model { ...F } { model(id: \"x\") { ...F } }", // cyclic fragment
            _ => query,
        };
    }

    private string GraphJson() => _random.Next(10) switch
    {
        0 => "[]",
        1 => "{\"query\": 5}",
        2 => "{\"query\": \"{ __typename }\", \"variables\": \"x\"}",
        3 => "{\"query\": \"query Q($id: ID!) { model(id: $id) { id } }\", \"variables\": {\"id\": " + Pick(["5", "null", "[1]", "{\"a\":1}", "true"]) + "}}",
        4 => "{\"query\": \"{ __typename }\", \"operationName\": \"Missing\"}",
        5 => "{\"query\": \"{ __typename }\", \"query\": \"{ __typename }\"}",
        6 => "{\"query\": " + System.Text.Json.JsonSerializer.Serialize(Graph()) + ", \"extensions\": " + new string('[', 100) + new string(']', 100) + "}",
        _ => "{\"query\": " + System.Text.Json.JsonSerializer.Serialize(Graph()) + "}",
    };

    private string BrokenJson() => Pick([
        "{", "}", "{\"query\":", "{\"query\": \"{ model", "null", "\"\"", "[" + new string('[', 2000), "{\"a\":" + new string('{', 5000),
        "{\"query\": \"\\uZZZZ\"}", "\u00ef\u00bb\u00bf{}", "{'query': 'x'}", "{\"query\": 1e999999}", "NaN", "{\"query\":\"x\",}",
    ]);

    private string Multipart() => Pick([
        "--abc\r\nContent-Disposition: form-data; name=\"client_id\"\r\n\r\nx\r\n--abc--\r\n",
        "--abc\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated",
        "--abc\r\n\r\n\r\n", "--", "garbage without boundary", "--abc\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\n" + new string('x', 5000),
    ]);

    private string ManyFields() =>
        string.Join("&", Enumerable.Range(0, _random.Next(500, 3000)).Select(i => Chance(0.5) ? $"client_id={i}" : $"f{i}={i}"));

    private string MutatePath(string path) => _random.Next(7) switch
    {
        0 => path + "/" + Uri.EscapeDataString(Word()),
        1 => path + "%00",
        2 => "/" + new string('a', 5000),
        3 => path.Replace("/", "//"),
        4 => path + "/../../etc/passwd",
        5 => path + "%C3%28",
        _ => path.ToUpperInvariant(),
    };

    private bool Chance(double probability) => _random.NextDouble() < probability;

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length] + "…";
}
