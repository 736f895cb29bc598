namespace Spacegate.Server.Data;

/// <summary>One decrypted row of <see cref="ServerKey"/>.</summary>
public sealed record StoredKey(string Purpose, byte[] Key, DateTimeOffset CreatedAt);
