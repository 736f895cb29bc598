using System.Collections.Concurrent;

namespace Spacegate.Client.Tokens;

/// <summary>Keeps tokens in the process's memory: lost on restart, not shared between servers.</summary>
public sealed class InMemoryTokenStore : ITokenStore
{
    private readonly ConcurrentDictionary<string, SpacegateTokenSet> _tokens = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask<SpacegateTokenSet?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_tokens.TryGetValue(key, out var tokens) ? tokens : null);

    /// <inheritdoc />
    public ValueTask SetAsync(string key, SpacegateTokenSet tokens, CancellationToken cancellationToken = default)
    {
        _tokens[key] = tokens;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        _tokens.TryRemove(key, out _);
        return ValueTask.CompletedTask;
    }
}
