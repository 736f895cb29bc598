using OpenIddict.Server;
using static OpenIddict.Server.AspNetCore.OpenIddictServerAspNetCoreHandlers;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Spacegate.Server.OAuth.Handlers;

/// <summary>The descriptors of <see cref="RejectMalformedFormContentType{TContext}"/> for each endpoint that reads a form.</summary>
public static class RejectMalformedFormContentType
{
    public static IEnumerable<OpenIddictServerHandlerDescriptor> Descriptors =>
    [
        RejectMalformedFormContentType<ExtractTokenRequestContext>.Descriptor(
            ExtractPostRequest<ExtractTokenRequestContext>.Descriptor.Order),
        RejectMalformedFormContentType<ExtractRevocationRequestContext>.Descriptor(
            ExtractPostRequest<ExtractRevocationRequestContext>.Descriptor.Order),
        // Introspection reads its request with ExtractGetOrPostRequest (GET is allowed there too).
        RejectMalformedFormContentType<ExtractIntrospectionRequestContext>.Descriptor(Math.Min(
            ExtractPostRequest<ExtractIntrospectionRequestContext>.Descriptor.Order,
            ExtractGetOrPostRequest<ExtractIntrospectionRequestContext>.Descriptor.Order)),
        RejectMalformedFormContentType<ExtractAuthorizationRequestContext>.Descriptor(
            ExtractGetOrPostRequest<ExtractAuthorizationRequestContext>.Descriptor.Order),
    ];
}
