using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace Spacegate.Server.Data;

/// <summary>
/// Secret key material shared by every node through the database (token keys, URL signing keys):
/// created on first use, the first node to store a key wins, and each node caches what it read.
/// </summary>
public sealed class SharedKeys(IServiceScopeFactory scopes, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, byte[]> _cache = new(StringComparer.Ordinal);

    /// <summary>A 256-bit random key for <paramref name="purpose"/>.</summary>
    public byte[] Get(string purpose) => Get(purpose, () => RandomNumberGenerator.GetBytes(32));

    public byte[] Get(string purpose, Func<byte[]> create) => _cache.GetOrAdd(purpose, p => LoadOrCreate(p, create));

    private byte[] LoadOrCreate(string purpose, Func<byte[]> create)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();
        var existing = db.ServerKeys.AsNoTracking().FirstOrDefault(k => k.Purpose == purpose);
        if (existing is not null)
        {
            return Convert.FromBase64String(existing.Pem);
        }
        db.ServerKeys.Add(new ServerKey
        {
            Purpose = purpose,
            Pem = Convert.ToBase64String(create()),
            CreatedAt = clock.GetUtcNow(),
        });
        try
        {
            db.SaveChanges();
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another node created it first: use theirs.
        }
        db.ChangeTracker.Clear();
        return Convert.FromBase64String(db.ServerKeys.AsNoTracking().First(k => k.Purpose == purpose).Pem);
    }
}
