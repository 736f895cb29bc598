namespace Spacegate.Client.Authorization;

/// <summary>A checked authorization response: the code, ready to exchange.</summary>
/// <param name="Code">The single-use authorization code (valid 5 minutes).</param>
public sealed record AuthorizationCallback(string Code);
