namespace Spacegate.Client.Discovery;

/// <summary>The server's endpoints, as its RFC 8414 metadata announces them.</summary>
/// <param name="Issuer">The issuer; every authorization response carries it as <c>iss</c> (RFC 9207).</param>
/// <param name="AuthorizationEndpoint">Where the user is sent to sign in and consent.</param>
/// <param name="TokenEndpoint">The token endpoint.</param>
/// <param name="RevocationEndpoint">The RFC 7009 revocation endpoint.</param>
/// <param name="IntrospectionEndpoint">The RFC 7662 introspection endpoint.</param>
public sealed record SpacegateEndpoints(string Issuer, string AuthorizationEndpoint, string TokenEndpoint, string RevocationEndpoint,
    string IntrospectionEndpoint);
