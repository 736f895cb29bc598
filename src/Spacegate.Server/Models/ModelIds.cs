using System.Security.Cryptography;

namespace Spacegate.Server.Models;

public static class ModelIds
{
    private const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>11 characters [A-Za-z0-9] from the CSPRNG (about 65 bits).</summary>
    public static string NewModelId() => RandomNumberGenerator.GetString(Alphanumeric, 11);

    public static string NewFileId() => RandomNumberGenerator.GetString(Alphanumeric, 16);

    public static bool IsWellFormedModelId(string? id) =>
        id is { Length: 11 } && id.All(char.IsAsciiLetterOrDigit);
}
