using System.Text;
using GraphQL;
using GraphQL.Transport;
using GraphQLParser.AST;

namespace Spacegate.Server.ModelApi;

public sealed record GraphRequestRead(GraphQLRequest? Request, ApiError? Error)
{
    public static GraphRequestRead Fail(int status, string message) =>
        new(null, new ApiError(ApiErrorCodes.Invalid, message) { HttpStatus = status });
}

/// <summary>Reads the three documented request forms into a <see cref="GraphQLRequest"/>, with a bounded body.</summary>
public static class GraphRequestReader
{
    public static async Task<GraphRequestRead> ReadAsync(HttpContext http, IGraphQLTextSerializer serializer)
    {
        var request = http.Request;
        if (HttpMethods.IsGet(request.Method))
        {
            return FromQueryString(request, serializer, query: null);
        }
        var body = await ReadBodyAsync(request, http.RequestAborted);
        if (body is null)
        {
            return GraphRequestRead.Fail(413, $"The request body exceeds {GraphEndpoint.MaxBodyBytes / 1024} KB.");
        }
        var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        switch (mediaType)
        {
            case "application/json":
                GraphQLRequest? parsed;
                try
                {
                    parsed = serializer.Deserialize<GraphQLRequest>(body);
                }
                catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException or NotSupportedException)
                {
                    return GraphRequestRead.Fail(400, "The body is not a JSON object {\"query\", \"variables\", \"operationName\"}.");
                }
                return string.IsNullOrWhiteSpace(parsed?.Query)
                    ? GraphRequestRead.Fail(400, "The body has no \"query\".")
                    : new GraphRequestRead(parsed, null);
            case "application/graphql":
                return string.IsNullOrWhiteSpace(body)
                    ? GraphRequestRead.Fail(400, "The body is empty: send the GraphQL document.")
                    : FromQueryString(request, serializer, body);
            default:
                return GraphRequestRead.Fail(415, "Send Content-Type application/json or application/graphql.");
        }
    }

    /// <summary>GET ?query=&amp;variables=&amp;operationName= (variables as JSON), or the application/graphql form.</summary>
    private static GraphRequestRead FromQueryString(HttpRequest request, IGraphQLTextSerializer serializer, string? query)
    {
        var values = request.Query;
        if (values["query"].Count > 1 || values["variables"].Count > 1 || values["operationName"].Count > 1)
        {
            return GraphRequestRead.Fail(400, "query, variables and operationName may each be given once.");
        }
        query ??= values["query"].ToString();
        if (string.IsNullOrWhiteSpace(query))
        {
            return GraphRequestRead.Fail(400, "The query parameter is required.");
        }
        if (query.Length > GraphEndpoint.MaxBodyBytes)
        {
            return GraphRequestRead.Fail(413, $"The query exceeds {GraphEndpoint.MaxBodyBytes / 1024} KB.");
        }
        Inputs? variables = null;
        var variablesText = values["variables"].ToString();
        if (!string.IsNullOrWhiteSpace(variablesText))
        {
            try
            {
                variables = serializer.Deserialize<Inputs>(variablesText);
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException or NotSupportedException)
            {
                return GraphRequestRead.Fail(400, "variables must be a JSON object.");
            }
        }
        var operationName = values["operationName"].ToString();
        return new GraphRequestRead(new GraphQLRequest
        {
            Query = query,
            Variables = variables,
            OperationName = string.IsNullOrEmpty(operationName) ? null : operationName,
        }, null);
    }

    /// <summary>The body as UTF-8 text, or null when it is longer than the limit.</summary>
    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > GraphEndpoint.MaxBodyBytes)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > GraphEndpoint.MaxBodyBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            return "";
        }
    }

    /// <summary>True when the operation that would run is a mutation (for refusing mutations over GET).</summary>
    public static bool IsMutation(GraphQLRequest request)
    {
        GraphQLDocument document;
        try
        {
            document = GraphQLParser.Parser.Parse(request.Query!);
        }
        catch (GraphQLParser.Exceptions.GraphQLSyntaxErrorException)
        {
            return false; // the executor reports the syntax error
        }
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var operation = request.OperationName is null
            ? operations.Count == 1 ? operations[0] : null
            : operations.FirstOrDefault(o => o.Name?.StringValue == request.OperationName);
        return operation?.Operation == OperationType.Mutation;
    }
}
