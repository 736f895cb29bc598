namespace Spacegate.Server.Hosting.RateLimiting;

/// <summary>The endpoints with a rate limit; each answers 429 in its own format (<see cref="RateLimitRejection"/>).</summary>
public enum RateLimitedEndpoint { None, Token, ModelApi, SignIn }
