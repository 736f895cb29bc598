using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Spacegate.Server.Data;
using Spacegate.Server.Models;
using Spacegate.Server.Models.Bundles;
using Spacegate.Server.Models.Scenes;

namespace Spacegate.Server.Seeding;

/// <summary>
/// Creates the demo models (<see cref="DemoModels"/>) with their scenes, images and bundles; find-or-create by
/// id, so running it twice changes nothing and a model a user has edited is left as it is.
/// </summary>
public sealed class DemoModelSeeder(SpacegateDbContext db, TimeProvider clock)
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var ids = DemoModels.All.Select(m => m.Id).ToList();
        var existing = await db.Models.Where(m => ids.Contains(m.Id)).Select(m => m.Id).ToListAsync(cancellationToken);
        var missing = DemoModels.All.Where(m => !existing.Contains(m.Id)).ToList();
        if (missing.Count == 0)
        {
            return;
        }
        var now = clock.GetUtcNow();
        var hasher = new PasswordHasher<Model>();
        foreach (var demo in missing)
        {
            db.Models.Add(Build(demo, now, hasher));
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    internal static Model Build(DemoModel demo, DateTimeOffset now, IPasswordHasher<Model> hasher)
    {
        var plan = FloorPlanGenerator.Generate(demo.Rooms, demo.Seed, demo.Levels, demo.AverageRoomArea);
        var modified = now - TimeSpan.FromDays(demo.ModifiedDaysAgo);
        var model = new Model
        {
            Id = demo.Id,
            AccountId = demo.AccountId,
            Name = demo.Name,
            Description = demo.Description,
            InternalId = demo.InternalId,
            Created = now - TimeSpan.FromDays(demo.CreatedDaysAgo),
            Modified = modified,
            State = demo.State,
            AccessVisibility = demo.Visibility,
            Address = new ModelAddress
            {
                StreetAddressLines = string.Join('\n', demo.Address.Lines),
                Locality = demo.Address.Locality,
                AdministrativeArea = demo.Address.AdministrativeArea,
                PostalCode = demo.Address.PostalCode,
                CountryCode = demo.Address.CountryCode,
            },
            FloorPlanJson = plan.ToJson(),
            Files = ModelFileFactory.Create(plan, demo.Name),
        };
        if (demo.Visibility == ModelAccessVisibility.Password)
        {
            model.PasswordHash = hasher.HashPassword(model, DemoData.ModelPassword);
        }
        foreach (var (bundleId, availability) in demo.Bundles)
        {
            var definition = BundleCatalog.Find(bundleId) ?? throw new InvalidOperationException($"Demo model {demo.Id} offers unknown bundle {bundleId}.");
            model.Bundles.Add(new ModelBundle
            {
                BundleId = bundleId,
                Availability = availability,
                PriceCents = definition.DefaultPriceCents,
                Currency = definition.Currency,
                UnlockedAt = availability == BundleAvailability.Unlocked ? modified : null,
            });
        }
        return model;
    }
}
