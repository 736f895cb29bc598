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
    public async Task<Model> PatchAsync(ApiCaller caller, string id, ModelPatch patch, CancellationToken cancellationToken)
    {
        var model = await FindEditableAsync(caller, id, cancellationToken);
        if (patch.Name is not null)
        {
            model.Name = ModelRules.Name(patch.Name);
        }
        if (patch.Description is not null)
        {
            model.Description = ModelRules.Description(patch.Description);
        }
        if (patch.HasInternalId)
        {
            var internalId = ModelRules.InternalId(patch.InternalId);
            await ModelRules.RequireUniqueInternalIdAsync(db, model.AccountId, internalId, model.Id, cancellationToken);
            model.InternalId = internalId;
        }
        if (patch.Address is { } address)
        {
            ModelRules.ApplyAddress(model.Address, address);
        }
        return await SaveAsync(model, cancellationToken);
    }

    public async Task<Model> SetVisibilityAsync(ApiCaller caller, string id, ModelAccessVisibility visibility, string? password,
        CancellationToken cancellationToken)
    {
        var model = await FindEditableAsync(caller, id, cancellationToken);
        ModelRules.SetVisibility(model, visibility, password);
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
}
