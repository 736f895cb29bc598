using OpenIddict.Abstractions;

namespace Spacegate.Server.OAuth.TokenStorage;

/// <summary>
/// Token entries of the current request that have an identifier but no row yet: <see cref="PrepareTokenEntry"/>
/// reserves the identifier before the payload is generated, <see cref="StoreTokenEntry"/> writes the row once the
/// payload exists. Scoped: nothing here outlives the request, and a request that fails in between writes nothing.
/// </summary>
public sealed class PendingTokenEntries
{
    private readonly Dictionary<string, OpenIddictTokenDescriptor> entries = new(StringComparer.Ordinal);

    public void Add(string id, OpenIddictTokenDescriptor descriptor) => entries.Add(id, descriptor);

    public OpenIddictTokenDescriptor? Take(string id) => entries.Remove(id, out var descriptor) ? descriptor : null;
}
