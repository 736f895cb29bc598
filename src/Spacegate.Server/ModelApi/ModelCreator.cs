using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Spacegate.Server.Data;
using Spacegate.Server.Models;
using Spacegate.Server.Models.Bundles;
using Spacegate.Server.Models.Scenes;

namespace Spacegate.Server.ModelApi;

/// <summary>A new model's details; <see cref="Rooms"/> sizes the generated floor plan.</summary>
public sealed record NewModel(string AccountId, string Name, string Description, string? InternalId,
    ModelAccessVisibility Visibility, string? Password, AddressPatch? Address, int Rooms);

/// <summary>
/// Creates a model with a generated floor plan, glTF scene, colormap images and preview, its bundles locked.
/// The details follow <see cref="ModelRules"/>, the same rules as the Model API's edits.
/// </summary>
public sealed class ModelCreator(SpacegateDbContext db, TimeProvider clock)
{
    public const int MaxRooms = 12;

    public async Task<(Model Model, FloorPlan Plan)> CreateAsync(NewModel details, CancellationToken cancellationToken)
    {
        if (details.Rooms is < 1 or > MaxRooms)
        {
            throw ApiError.Invalid($"rooms must be 1 to {MaxRooms}.");
        }
        var now = clock.GetUtcNow();
        var model = new Model
        {
            AccountId = details.AccountId,
            Name = ModelRules.Name(details.Name),
            Description = ModelRules.Description(details.Description),
            InternalId = ModelRules.InternalId(details.InternalId),
            Created = now,
            Modified = now,
        };
        ModelRules.SetVisibility(model, details.Visibility, details.Password);
        if (details.Address is { } address)
        {
            ModelRules.ApplyAddress(model.Address, address);
        }
        if (!await db.Accounts.AnyAsync(a => a.Id == details.AccountId, cancellationToken))
        {
            throw ApiError.NotFound("Account", details.AccountId);
        }
        await ModelRules.RequireUniqueInternalIdAsync(db, model.AccountId, model.InternalId, null, cancellationToken);

        var plan = FloorPlanGenerator.Generate(details.Rooms, RandomNumberGenerator.GetInt32(int.MaxValue));
        model.FloorPlanJson = plan.ToJson();
        model.Files = ModelFileFactory.Create(plan, model.Name);
        model.Bundles = [.. BundleCatalog.All.Select(b => new ModelBundle
        {
            BundleId = b.Id, Availability = BundleAvailability.Locked, PriceCents = b.DefaultPriceCents, Currency = b.Currency,
        })];
        db.Models.Add(model);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            throw new ApiError(ApiErrorCodes.NotUnique, $"Another model of this account already has internalId '{model.InternalId}'.");
        }
        return (model, plan);
    }
}
