using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spacegate.Server.Data;
using Spacegate.Server.Models;
using Spacegate.Server.Models.Bundles;
using Spacegate.Server.Models.Scenes;
using Spacegate.Server.Seeding;
using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.Scenes;

public sealed class DemoModelSeederTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly TestServer _server = fixture.Server;

    [Fact]
    public void DemoModels_CoverEveryVisibilityStateAndBundleAvailability()
    {
        var all = DemoModels.All;
        Assert.Equal(12, all.Count);
        Assert.All(all, m => Assert.True(ModelIds.IsWellFormedModelId(m.Id), m.Id));
        Assert.Equal(all.Count, all.Select(m => m.Id).Distinct().Count());
        Assert.Equal(all.Count, all.Select(m => (m.AccountId, m.InternalId)).Distinct().Count());
        Assert.Equal([DemoData.AcmeAccountId, DemoData.GlobexAccountId], all.Select(m => m.AccountId).Distinct().Order());
        Assert.Equal(Enum.GetValues<ModelAccessVisibility>(), all.Select(m => m.Visibility).Distinct().Order());
        Assert.Equal(Enum.GetValues<ModelState>(), all.Select(m => m.State).Distinct().Order());
        Assert.Equal(Enum.GetValues<BundleAvailability>(), all.SelectMany(m => m.Bundles.Values).Distinct().Order());
        Assert.All(all, m => Assert.InRange(m.Rooms.Count, 3, 8));
        Assert.True(all.Select(m => m.Rooms.Count).Distinct().Count() >= 4, "room counts vary");
    }

    [Fact]
    public async Task Seed_EveryDemoModel_HasSceneImagesAndBundles()
    {
        await using var scope = _server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();
        var now = _server.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var hasher = new PasswordHasher<Model>();
        foreach (var demo in DemoModels.All)
        {
            var model = await db.Models.Include(m => m.Files).Include(m => m.Bundles).AsNoTracking().SingleAsync(m => m.Id == demo.Id);
            Assert.Equal((demo.AccountId, demo.Name, demo.InternalId, demo.State, demo.Visibility), (model.AccountId, model.Name, model.InternalId, model.State, model.AccessVisibility));
            Assert.Equal(demo.Address.Locality, model.Address.Locality);
            Assert.Equal(demo.Address.Lines, model.Address.Lines);
            Assert.True(model.Created < model.Modified && model.Modified < now, $"{demo.Id}: created {model.Created}, modified {model.Modified}");

            var plan = FloorPlan.Parse(model.FloorPlanJson);
            Assert.Empty(plan.Validate());
            Assert.Equal(demo.Rooms, plan.Rooms.Select(r => r.Name));

            var scene = Assert.Single(model.Files, f => f.Kind == ModelFileKind.Scene);
            Assert.Equal(("scene.glb", "model/gltf-binary"), (scene.FileName, scene.ContentType));
            var glb = GlbFile.Parse(scene.Content);
            Assert.Equal(demo.Rooms.Count, glb.Section("nodes").GetArrayLength());

            var images = model.Files.Where(f => f.Kind == ModelFileKind.Image).ToList();
            Assert.Equal(demo.Levels + 1, images.Count); // a colormap per level and the preview
            var preview = Assert.Single(images, f => f.IsPreview);
            var png = PngFile.Parse(preview.Content);
            Assert.Equal((preview.Width, preview.Height), (png.Width, png.Height));
            Assert.All(images, i => Assert.Equal("image/png", i.ContentType));

            Assert.Equal(BundleCatalog.All.Select(b => b.Id).Order(), model.Bundles.Select(b => b.BundleId).Order());
            foreach (var bundle in model.Bundles)
            {
                Assert.Equal(demo.Bundles[bundle.BundleId], bundle.Availability);
                Assert.Equal(BundleCatalog.Find(bundle.BundleId)!.DefaultPriceCents, bundle.PriceCents);
                Assert.Equal(bundle.Availability == BundleAvailability.Unlocked, bundle.UnlockedAt is not null);
            }

            if (demo.Visibility == ModelAccessVisibility.Password)
            {
                Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(model, model.PasswordHash!, DemoData.ModelPassword));
                Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(model, model.PasswordHash!, DemoData.Password));
            }
            else
            {
                Assert.Null(model.PasswordHash);
            }
        }
    }

    [Fact]
    public async Task Seed_Twice_CreatesNothingNewAndKeepsEdits()
    {
        await using var scope = _server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();
        var edited = await db.Models.SingleAsync(m => m.Id == DemoModels.OakRidgeRanch.Id);
        edited.Description = "Edited by its owner.";
        await db.SaveChangesAsync();
        var before = (await db.Models.CountAsync(), await db.ModelFiles.CountAsync(), await db.ModelBundles.CountAsync());

        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<DemoModelSeeder>().SeedAsync(CancellationToken.None);

        db.ChangeTracker.Clear();
        Assert.Equal(before, (await db.Models.CountAsync(), await db.ModelFiles.CountAsync(), await db.ModelBundles.CountAsync()));
        Assert.Equal("Edited by its owner.", (await db.Models.SingleAsync(m => m.Id == DemoModels.OakRidgeRanch.Id)).Description);
    }

    [Fact]
    public async Task Seed_MissingDemoModel_IsCreatedAgain()
    {
        await using var scope = _server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();
        await db.Models.Where(m => m.Id == DemoModels.KingswayRetail.Id).ExecuteDeleteAsync();
        Assert.False(await db.Models.AnyAsync(m => m.Id == DemoModels.KingswayRetail.Id));

        await scope.ServiceProvider.GetRequiredService<DemoModelSeeder>().SeedAsync(CancellationToken.None);

        var model = await db.Models.Include(m => m.Files).Include(m => m.Bundles).AsNoTracking().SingleAsync(m => m.Id == DemoModels.KingswayRetail.Id);
        Assert.Equal(3, model.Bundles.Count);
        Assert.Contains(model.Files, f => f.IsPreview);
    }
}
