using GraphQL;

namespace Spacegate.Server.ModelApi;

/// <summary>Per-request state handed to every resolver: the caller and the HTTP request.</summary>
public sealed class ApiUserContext(ApiCaller caller, HttpContext http) : Dictionary<string, object?>
{
    public ApiCaller Caller { get; } = caller;
    public HttpContext Http { get; } = http;
}

public static class ResolveContextExtensions
{
    public static ApiUserContext Api(this IResolveFieldContext context) => (ApiUserContext)context.UserContext;

    public static ApiCaller Caller(this IResolveFieldContext context) => context.Api().Caller;

    public static T Service<T>(this IResolveFieldContext context) where T : notnull =>
        context.RequestServices!.GetRequiredService<T>();
}
