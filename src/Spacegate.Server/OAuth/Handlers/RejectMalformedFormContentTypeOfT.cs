using Microsoft.AspNetCore;
using Microsoft.Net.Http.Headers;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.AspNetCore.OpenIddictServerAspNetCoreHandlerFilters;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Spacegate.Server.OAuth.Handlers;

/// <summary>
/// OpenIddict accepts any Content-Type that merely starts with <c>application/x-www-form-urlencoded</c>
/// and then asks ASP.NET Core to read the form, which throws on a media type it cannot parse
/// (<c>application/x-www-form-urlencodedx</c>, <c>…; charset="</c>): a 500 for a client's typo. This
/// rejects such requests first with the same <c>invalid_request</c> OpenIddict gives other wrong types.
/// </summary>
public sealed class RejectMalformedFormContentType<TContext> : IOpenIddictServerHandler<TContext>
    where TContext : BaseValidatingContext
{
    public static OpenIddictServerHandlerDescriptor Descriptor(int order) =>
        OpenIddictServerHandlerDescriptor.CreateBuilder<TContext>()
            .AddFilter<RequireHttpRequest>()
            .UseSingletonHandler<RejectMalformedFormContentType<TContext>>()
            .SetOrder(order - 1_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(TContext context)
    {
        var request = context.Transaction.GetHttpRequest();
        if (request is null || !HttpMethods.IsPost(request.Method) || string.IsNullOrEmpty(request.ContentType))
        {
            return default; // OpenIddict answers a missing Content-Type itself
        }
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) ||
            !type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            context.Reject(Errors.InvalidRequest, "The specified 'Content-Type' header is invalid.");
        }
        return default;
    }
}
