namespace Spacegate.Tests.Fuzz;

/// <summary>
/// Real credentials the generator mixes into some requests, so that malformed input also reaches the
/// code behind authentication (signed-in pages with a valid antiforgery token, the Model API with a
/// valid bearer token), not only the front door.
/// </summary>
public sealed record FuzzCredentials(
    string? BearerToken = null,
    string? SessionCookie = null,
    string? AntiforgeryCookie = null,
    string? AntiforgeryToken = null,
    string ClientId = "globexportal0000000000001",
    string ClientSecret = "globex-demo-secret-8b1e4d7a0c3f6925e8d1a4b7c0f3e692",
    string ModelId = "HXDYzEzVMGP");
