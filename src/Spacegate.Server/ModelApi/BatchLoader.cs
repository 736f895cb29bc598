using GraphQL.DataLoader;

namespace Spacegate.Server.ModelApi;

/// <summary>
/// Batches per-model lookups (the N+1 of <c>models { results { image } }</c>): a resolver asks for a key and gets a
/// deferred result; the execution strategy resolves every other field of the level first, so when the first
/// deferred value is read every key of the page is known, and one query loads them all. Per request; the Model API
/// runs fields one at a time (they share the request's DbContext), so no locking is needed.
/// </summary>
public sealed class BatchLoader<TKey, TValue>(
    Func<IReadOnlyList<TKey>, CancellationToken, Task<Dictionary<TKey, TValue>>> fetch, TValue missing) where TKey : notnull
{
    private readonly HashSet<TKey> _pending = [];
    private readonly Dictionary<TKey, TValue> _loaded = [];

    public IDataLoaderResult<TResult> Load<TResult>(TKey key, Func<TValue, TResult> select)
    {
        if (!_loaded.ContainsKey(key))
        {
            _pending.Add(key);
        }
        return new Deferred<TResult>(this, key, select);
    }

    private async Task<TValue> GetAsync(TKey key, CancellationToken cancellationToken)
    {
        if (!_loaded.ContainsKey(key) && _pending.Count > 0)
        {
            var keys = _pending.ToList();
            _pending.Clear();
            var found = await fetch(keys, cancellationToken);
            foreach (var k in keys)
            {
                _loaded[k] = found.TryGetValue(k, out var value) ? value : missing;
            }
        }
        return _loaded.TryGetValue(key, out var loaded) ? loaded : missing;
    }

    private sealed class Deferred<TResult>(BatchLoader<TKey, TValue> loader, TKey key, Func<TValue, TResult> select)
        : IDataLoaderResult<TResult>
    {
        public async Task<TResult> GetResultAsync(CancellationToken cancellationToken = default) =>
            select(await loader.GetAsync(key, cancellationToken));

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken);
    }
}
