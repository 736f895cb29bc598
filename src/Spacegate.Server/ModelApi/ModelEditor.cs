using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Spacegate.Server.Data;
using Spacegate.Server.Models;

namespace Spacegate.Server.ModelApi;

public sealed record AddressPatch(IReadOnlyList<string>? StreetAddressLines, string? Locality, string? AdministrativeArea,
    string? PostalCode, string? CountryCode);

/// <summary>A partial update: only the members present in the request are changed (null clears internalId).</summary>
public sealed record ModelPatch(string? Name, string? Description, bool HasInternalId, string? InternalId, AddressPatch? Address);

/// <summary>Write side of the Model API: edits (EditDetails) and bundle purchases (PurchaseAssets).</summary>
public sealed class ModelEditor(SpacegateDbContext db, Audit.AuditLog audit, TimeProvider clock)
{
    private static readonly PasswordHasher<Model> Passwords = new();
    private const int StreetAddressLinesMaxLength = 1000;

    public async Task<Model> PatchAsync(ApiCaller caller, string id, ModelPatch patch, CancellationToken cancellationToken)
    {
        var model = await FindEditableAsync(caller, id, cancellationToken);
        if (patch.Name is not null)
        {
            model.Name = Require(patch.Name.Trim(), "name", 1, 200);
        }
        if (patch.Description is not null)
        {
            model.Description = Require(patch.Description, "description", 0, 4000);
        }
        if (patch.HasInternalId)
        {
            var internalId = string.IsNullOrWhiteSpace(patch.InternalId) ? null : Require(patch.InternalId.Trim(), "internalId", 1, 200);
            if (internalId is not null && await db.Models.AnyAsync(
                    m => m.AccountId == model.AccountId && m.InternalId == internalId && m.Id != model.Id, cancellationToken))
            {
                throw new ApiError(ApiErrorCodes.NotUnique, $"Another model of this account already has internalId '{internalId}'.");
            }
            model.InternalId = internalId;
        }
        if (patch.Address is { } address)
        {
            ApplyAddress(model.Address, address);
        }
        return await SaveAsync(model, cancellationToken);
    }

    public async Task<Model> SetVisibilityAsync(ApiCaller caller, string id, ModelAccessVisibility visibility, string? password,
        CancellationToken cancellationToken)
    {
        var model = await FindEditableAsync(caller, id, cancellationToken);
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
        return await SaveAsync(model, cancellationToken);
    }

    public async Task<Model> SetStateAsync(ApiCaller caller, string id, ModelState state, bool allowActivate, CancellationToken cancellationToken)
    {
        var model = await FindEditableAsync(caller, id, cancellationToken);
        if (state == ModelState.Active && model.State == ModelState.Inactive && !allowActivate)
        {
            throw ApiError.Invalid("Activating an inactive model needs allowActivate: true.");
        }
        model.State = state;
        return await SaveAsync(model, cancellationToken);
    }

    /// <summary>Unlocks a locked bundle and records the purchase in one transaction; an unlocked bundle is not charged twice.</summary>
    public async Task<BundleView> UnlockBundleAsync(ApiCaller caller, string id, string bundleId, CancellationToken cancellationToken)
    {
        var model = await FindEditableAsync(caller, id, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var bundle = await db.ModelBundles.FirstOrDefaultAsync(b => b.ModelId == model.Id && b.BundleId == bundleId, cancellationToken)
            ?? throw ApiError.NotFound("Bundle", bundleId);
        if (bundle.Availability == BundleAvailability.Unavailable)
        {
            throw ApiError.Invalid($"Bundle '{bundleId}' is not available for this model.");
        }
        if (bundle.Availability == BundleAvailability.Locked)
        {
            var now = clock.GetUtcNow();
            var unlocked = await db.ModelBundles
                .Where(b => b.ModelId == model.Id && b.BundleId == bundleId && b.Availability == BundleAvailability.Locked)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Availability, BundleAvailability.Unlocked)
                    .SetProperty(b => b.UnlockedAt, now), cancellationToken);
            if (unlocked == 1)
            {
                db.Purchases.Add(new BundlePurchase
                {
                    AccountId = model.AccountId,
                    ModelId = model.Id,
                    BundleId = bundleId,
                    UserId = caller.UserId,
                    ClientId = caller.ClientId,
                    PurchasedAt = now,
                    PriceCents = bundle.PriceCents,
                    Currency = bundle.Currency,
                });
                audit.Add(Audit.AuditActions.BundlePurchased, model.AccountId, caller.ClientId, model.Id,
                    new { bundleId, priceCents = bundle.PriceCents, currency = bundle.Currency },
                    actor: caller.UserId ?? Audit.AuditActions.AppActorPrefix + caller.ClientId);
                await db.SaveChangesAsync(cancellationToken);
            }
            await db.Entry(bundle).ReloadAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return BundleViews.From(bundle);
    }

    private async Task<Model> FindEditableAsync(ApiCaller caller, string id, CancellationToken cancellationToken) =>
        await ModelAccess.Editable(db.Models, caller).FirstOrDefaultAsync(m => m.Id == id, cancellationToken)
        ?? throw ApiError.NotFound("Model", id);

    private async Task<Model> SaveAsync(Model model, CancellationToken cancellationToken)
    {
        model.Modified = clock.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            throw new ApiError(ApiErrorCodes.NotUnique, "The change conflicts with another model of this account (internalId must be unique).");
        }
        return model;
    }

    private static void ApplyAddress(ModelAddress target, AddressPatch patch)
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
