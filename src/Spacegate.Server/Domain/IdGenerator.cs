using System.Security.Cryptography;

namespace Spacegate.Server.Domain;

public static class IdGenerator
{
    private const string LowerAlphanumeric = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static string NewId() => Guid.CreateVersion7().ToString("N");

    /// <summary>25 characters [a-z0-9], as the documented client ids.</summary>
    public static string NewClientId() => RandomNumberGenerator.GetString(LowerAlphanumeric, 25);

    /// <summary>256 bits from the CSPRNG, URL-safe.</summary>
    public static string NewSecret() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
