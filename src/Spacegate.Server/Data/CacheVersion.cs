namespace Spacegate.Server.Data;

/// <summary>
/// A counter that database triggers raise whenever the rows a cache copies change, whoever changes them (a page,
/// the API, the CLI, another node, plain SQL). A node reads it once per request, a primary-key read, and uses its
/// cached copies only while the counter is unchanged. The triggers live in each provider's migration
/// (<c>ClientCacheVersion</c>).
/// </summary>
public sealed class CacheVersion
{
    /// <summary>Client applications and the account flags that decide what they may do.</summary>
    public const string Clients = "clients";

    public string Name { get; set; } = "";
    public long Version { get; set; }
}
