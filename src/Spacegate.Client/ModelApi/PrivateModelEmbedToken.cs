namespace Spacegate.Client.ModelApi;

/// <summary>A read-only embed token for some private models.</summary>
/// <param name="AccessToken">The embed token.</param>
/// <param name="ValidUntil">When it expires.</param>
public sealed record PrivateModelEmbedToken(string AccessToken, DateTimeOffset ValidUntil);
