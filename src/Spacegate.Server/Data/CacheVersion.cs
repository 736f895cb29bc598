namespace Spacegate.Server.Data;

/// <summary>
/// A counter that database triggers raise whenever the rows a cache copies change, whoever changes them (a page,
/// the API, the CLI, another node, plain SQL). A node reads it once per request, a primary-key read, and uses its
/// cached copies only while the counter is unchanged. The triggers live in each provider's migration
/// (<c>ClientCacheVersion</c>, <c>TokenCacheVersion</c>); <see cref="RequestCacheVersions"/> reads them.
/// </summary>
public sealed class CacheVersion
{
    /// <summary>Client applications and the account flags that decide what they may do.</summary>
    public const string Clients = "clients";

    /// <summary>
    /// Access tokens and grants: raised when an access token's row changes or goes (revocation, deletion) and when a
    /// grant's row changes or goes. Issuing a token, or redeeming a code or refresh token, leaves it alone.
    /// </summary>
    public const string Tokens = "tokens";

    public string Name { get; set; } = "";
    public long Version { get; set; }
}
