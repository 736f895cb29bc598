using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace Spacegate.Server.Data;

/// <summary>
/// Secret key material shared by every node through the database (token keys, URL signing keys):
/// created on first use, the first node to store a key wins, and each node caches what it read.
/// With a key-encryption key configured, rows are stored encrypted (<see cref="KeyEncryption"/>) and a
/// plain row left by an earlier sandbox run is encrypted in place the first time it is read.
/// </summary>
public sealed class SharedKeys(IServiceScopeFactory scopes, TimeProvider clock, KeyEncryption encryption)
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
            return Read(db, existing);
        }
        db.ServerKeys.Add(new ServerKey
        {
            Purpose = purpose,
            Pem = encryption.Protect(create(), purpose),
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
        return Read(db, db.ServerKeys.AsNoTracking().First(k => k.Purpose == purpose));
    }

    /// <summary>
    /// Every stored key named <paramref name="purpose"/> or <c>purpose#…</c> (the generations of a rotated key),
    /// read fresh from the database.
    /// </summary>
    public IReadOnlyList<StoredKey> ReadGenerations(string purpose)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();
        var prefix = purpose + "#";
        var rows = db.ServerKeys.AsNoTracking().Where(k => k.Purpose == purpose || k.Purpose.StartsWith(prefix)).ToList();
        return [.. rows.Select(r => new StoredKey(r.Purpose, Read(db, r), r.CreatedAt))];
    }

    /// <summary>Stores a new key unless a row of that purpose exists: false when another node stored it first.</summary>
    public bool TryAdd(string purpose, byte[] key, DateTimeOffset createdAt)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();
        if (db.ServerKeys.Any(k => k.Purpose == purpose))
        {
            return false;
        }
        db.ServerKeys.Add(new ServerKey { Purpose = purpose, Pem = encryption.Protect(key, purpose), CreatedAt = createdAt });
        try
        {
            db.SaveChanges();
            return true;
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e)) // another node stored this generation first
        {
            return false;
        }
    }

    /// <summary>Deletes the keys of these purposes; returns how many rows it deleted.</summary>
    public int Remove(IReadOnlyCollection<string> purposes)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();
        var names = purposes.ToList();
        foreach (var name in names)
        {
            _cache.TryRemove(name, out _);
        }
        return db.ServerKeys.Where(k => names.Contains(k.Purpose)).ExecuteDelete();
    }

    /// <summary>
    /// Reads every stored key, so that a wrong key-encryption key fails the start rather than the first
    /// request, and encrypts the rows an earlier run stored plain. Returns how many rows it encrypted.
    /// </summary>
    public int VerifyAll()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();
        var rows = db.ServerKeys.AsNoTracking().ToList();
        foreach (var row in rows)
        {
            Read(db, row);
        }
        return encryption.Enabled ? rows.Count(r => !KeyEncryption.IsProtected(r.Pem)) : 0;
    }

    private byte[] Read(SpacegateDbContext db, ServerKey row)
    {
        var key = encryption.Unprotect(row.Pem, row.Purpose);
        if (encryption.Enabled && !KeyEncryption.IsProtected(row.Pem))
        {
            // Only if no other node did it meanwhile; either way the key itself is unchanged.
            db.ServerKeys.Where(k => k.Purpose == row.Purpose && k.Pem == row.Pem)
                .ExecuteUpdate(s => s.SetProperty(k => k.Pem, encryption.Protect(key, row.Purpose)));
        }
        return key;
    }
}
