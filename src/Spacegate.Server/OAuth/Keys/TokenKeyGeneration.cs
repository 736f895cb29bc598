using System.Globalization;
using Spacegate.Server.Data;

namespace Spacegate.Server.OAuth.Keys;

/// <summary>
/// One generation of a token key. Generation 1 is the row named after the purpose ("signing"), later ones
/// "signing#2", "signing#3", … (unique names, so two nodes rotating at once store one key: the first wins).
/// The row's CreatedAt is when the generation becomes the active key.
/// </summary>
public sealed record TokenKeyGeneration(string Purpose, int Number, DateTimeOffset ActivatesAt, byte[] Key)
{
    public const string Signing = "signing";
    public const string Encryption = "encryption";
    public static readonly IReadOnlyList<string> Purposes = [Signing, Encryption];

    /// <summary>The database row's name.</summary>
    public string Name => Number == 1 ? Purpose : NameOf(Purpose, Number);

    /// <summary>The <c>kid</c> in the headers of the tokens it signed or encrypted (generation 1 keeps the name it always had).</summary>
    public string KeyId => Number == 1 ? $"spacegate-{Purpose}" : $"spacegate-{Purpose}-{Number.ToString(CultureInfo.InvariantCulture)}";

    public static string NameOf(string purpose, int number) =>
        number == 1 ? purpose : $"{purpose}#{number.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Null for a row that is not a generation of <paramref name="purpose"/>.</summary>
    public static TokenKeyGeneration? From(string purpose, StoredKey row)
    {
        if (row.Purpose == purpose)
        {
            return new(purpose, 1, row.CreatedAt, row.Key);
        }
        var suffix = row.Purpose.StartsWith(purpose + "#", StringComparison.Ordinal) ? row.Purpose[(purpose.Length + 1)..] : null;
        return int.TryParse(suffix, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 2
            && NameOf(purpose, number) == row.Purpose
            ? new(purpose, number, row.CreatedAt, row.Key)
            : null;
    }
}
