using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Spacegate.Server.OAuth;

namespace Spacegate.Server.Data;

/// <summary>
/// Encrypts key material before it is stored in the database, under the key-encryption key from
/// Spacegate:KeyEncryptionKey (AES-256-GCM), so that a copy of the database alone (a backup, a
/// read-only SQL injection) does not give away the keys that sign tokens and protect cookies. The
/// stored text is <c>kek1:</c> + base64(nonce ‖ tag ‖ ciphertext); the purpose is authenticated
/// data, so a ciphertext cannot be moved to another row. Without a key-encryption key (a sandbox)
/// key material is stored as before, and rows written that way stay readable.
/// </summary>
public sealed class KeyEncryption(IOptions<SpacegateOptions> options)
{
    public const string Prefix = "kek1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    // Read on first use, not when Data Protection is wired up while the app is built: a configuration
    // error must surface where options are validated (at start, or as the CLI's "Configuration error").
    private readonly Lazy<byte[]?> _key = new(() => TryDecodeKey(options.Value.KeyEncryptionKey, out var key) ? key : null);

    public bool Enabled => _key.Value is not null;

    public static bool IsProtected(string stored) => stored.StartsWith(Prefix, StringComparison.Ordinal);

    public static bool TryDecodeKey(string? base64, out byte[] key)
    {
        key = [];
        if (string.IsNullOrWhiteSpace(base64))
        {
            return false;
        }
        var buffer = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64.Trim(), buffer, out var written) || written != 32)
        {
            return false;
        }
        key = buffer[..32];
        return true;
    }

    /// <summary>The text to store for <paramref name="plaintext"/>: encrypted when a key-encryption key is set.</summary>
    public string Protect(ReadOnlySpan<byte> plaintext, string purpose)
    {
        if (_key.Value is not { } kek)
        {
            return Convert.ToBase64String(plaintext);
        }
        var sealedBox = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = sealedBox.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(kek, TagSize);
        aes.Encrypt(nonce, plaintext, sealedBox.AsSpan(NonceSize + TagSize), sealedBox.AsSpan(NonceSize, TagSize),
            Encoding.UTF8.GetBytes(purpose));
        return Prefix + Convert.ToBase64String(sealedBox);
    }

    /// <summary>The key material stored as <paramref name="stored"/> (encrypted or, from a sandbox, plain base64).</summary>
    public byte[] Unprotect(string stored, string purpose)
    {
        if (!IsProtected(stored))
        {
            return Convert.FromBase64String(stored);
        }
        if (_key.Value is not { } kek)
        {
            throw new InvalidOperationException(
                $"The stored key '{purpose}' is encrypted, but Spacegate:KeyEncryptionKey is not set: configure the key it was encrypted with.");
        }
        var sealedBox = Convert.FromBase64String(stored[Prefix.Length..]);
        if (sealedBox.Length < NonceSize + TagSize)
        {
            throw new CryptographicException($"The stored key '{purpose}' is truncated.");
        }
        var plaintext = new byte[sealedBox.Length - NonceSize - TagSize];
        using var aes = new AesGcm(kek, TagSize);
        try
        {
            aes.Decrypt(sealedBox.AsSpan(0, NonceSize), sealedBox.AsSpan(NonceSize + TagSize), sealedBox.AsSpan(NonceSize, TagSize),
                plaintext, Encoding.UTF8.GetBytes(purpose));
        }
        catch (AuthenticationTagMismatchException exception)
        {
            throw new CryptographicException(
                $"The stored key '{purpose}' cannot be decrypted with Spacegate:KeyEncryptionKey: it was encrypted with another key, or altered.",
                exception);
        }
        return plaintext;
    }
}
