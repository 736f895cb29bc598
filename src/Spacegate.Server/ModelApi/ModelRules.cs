using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Spacegate.Server.Data;
using Spacegate.Server.Models;

namespace Spacegate.Server.ModelApi;

/// <summary>What a model's details may hold: one set of rules for the Model API's edits and for <c>models create</c>.</summary>
public static class ModelRules
{
    private static readonly PasswordHasher<Model> Passwords = new();
    private const int StreetAddressLinesMaxLength = 1000;

    public static string Name(string value) => Require(value.Trim(), "name", 1, 200);

    public static string Description(string value) => Require(value, "description", 0, 4000);

    /// <summary>The trimmed internal id, or null for an empty one (which clears it).</summary>
    public static string? InternalId(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : Require(value.Trim(), "internalId", 1, 200);

    /// <summary>Refuses an internal id another model of the account already uses.</summary>
    public static async Task RequireUniqueInternalIdAsync(SpacegateDbContext db, string accountId, string? internalId, string? modelId,
        CancellationToken cancellationToken)
    {
        if (internalId is not null && await db.Models.AnyAsync(
                m => m.AccountId == accountId && m.InternalId == internalId && m.Id != modelId, cancellationToken))
        {
            throw new ApiError(ApiErrorCodes.NotUnique, $"Another model of this account already has internalId '{internalId}'.");
        }
    }

    /// <summary>Sets the visibility; a password is required with, and only with, visibility password.</summary>
    public static void SetVisibility(Model model, ModelAccessVisibility visibility, string? password)
    {
        if (visibility == ModelAccessVisibility.Password)
        {
            if (string.IsNullOrEmpty(password) || password.Length is < 4 or > 128)
            {
                throw ApiError.Invalid("visibility password needs a password of 4 to 128 characters.");
            }
            model.PasswordHash = Passwords.HashPassword(model, password);
        }
        else if (password is not null)
        {
            throw ApiError.Invalid("password is only accepted with visibility password.");
        }
        else
        {
            model.PasswordHash = null;
        }
        model.AccessVisibility = visibility;
    }

    /// <summary>Applies the members of <paramref name="patch"/> that are present; an empty value clears one.</summary>
    public static void ApplyAddress(ModelAddress target, AddressPatch patch)
    {
        if (patch.StreetAddressLines is { } lines)
        {
            if (lines.Count > 5 || lines.Any(l => l.Length > 200 || l.Contains('\n') || l.Contains('\0')))
            {
                throw ApiError.Invalid("address.streetAddressLines takes at most 5 single-line entries of up to 200 characters.");
            }
            var joined = string.Join('\n', lines.Select(l => l.Trim()).Where(l => l.Length > 0));
            // The column holds 1000 characters, which PostgreSQL enforces (SQLite does not).
            target.StreetAddressLines = joined.Length <= StreetAddressLinesMaxLength
                ? joined
                : throw ApiError.Invalid($"address.streetAddressLines may hold at most {StreetAddressLinesMaxLength} characters in all.");
        }
        if (patch.Locality is not null)
        {
            target.Locality = Optional(patch.Locality, "address.locality", 200);
        }
        if (patch.AdministrativeArea is not null)
        {
            target.AdministrativeArea = Optional(patch.AdministrativeArea, "address.administrativeArea", 200);
        }
        if (patch.PostalCode is not null)
        {
            target.PostalCode = Optional(patch.PostalCode, "address.postalCode", 40);
        }
        if (patch.CountryCode is not null)
        {
            var code = patch.CountryCode.Trim().ToUpperInvariant();
            if (code.Length != 0 && (code.Length != 2 || !code.All(char.IsAsciiLetterUpper)))
            {
                throw ApiError.Invalid("address.countryCode must be a two-letter ISO 3166-1 code, e.g. US.");
            }
            target.CountryCode = code.Length == 0 ? null : code;
        }
    }

    private static string? Optional(string value, string field, int max)
    {
        var trimmed = value.Trim();
        return trimmed.Length == 0 ? null : Require(trimmed, field, 1, max);
    }

    // PostgreSQL text cannot hold NUL; refused on both providers so that they accept the same input.
    private static string Require(string value, string field, int min, int max) =>
        value.Length < min || value.Length > max
            ? throw ApiError.Invalid($"{field} must be {(min > 0 ? $"{min} to " : "at most ")}{max} characters.")
            : value.Contains('\0')
                ? throw ApiError.Invalid($"{field} must not contain a NUL character.")
                : value;
}
