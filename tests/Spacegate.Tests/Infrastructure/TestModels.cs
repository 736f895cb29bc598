using Microsoft.Extensions.DependencyInjection;
using Spacegate.Server.Data;
using Spacegate.Server.Models;
using Spacegate.Server.Seeding;

namespace Spacegate.Tests.Infrastructure;

/// <summary>Models written straight into a test server's database, independent of the demo data.</summary>
public static class TestModels
{
    public const string AcmePrivate = "TacmePriv01";
    public const string AcmePublic = "TacmePubl01";
    public const string AcmeUnlisted = "TacmeUnls01";
    public const string AcmeInactive = "TacmeInac01";
    public const string GlobexPrivate = "TglobPriv01";
    public const string GlobexPrivate2 = "TglobPriv02";

    public static readonly byte[] SceneBytes = "glTF-test-scene"u8.ToArray();
    public static readonly byte[] ImageBytes = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3];

    public static async Task AddAsync(TestServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();
        var now = server.Clock.GetUtcNow();
        db.Models.AddRange(
            Build(AcmePrivate, DemoData.AcmeAccountId, "Harbour Loft", ModelAccessVisibility.Private, ModelState.Active, now.AddDays(-5), "ACME-1"),
            Build(AcmePublic, DemoData.AcmeAccountId, "Garden Cottage", ModelAccessVisibility.Public, ModelState.Active, now.AddDays(-4), "ACME-2"),
            Build(AcmeUnlisted, DemoData.AcmeAccountId, "City Studio", ModelAccessVisibility.Unlisted, ModelState.Active, now.AddDays(-3), "ACME-3"),
            Build(AcmeInactive, DemoData.AcmeAccountId, "Old Warehouse", ModelAccessVisibility.Private, ModelState.Inactive, now.AddDays(-2), "ACME-4"),
            Build(GlobexPrivate, DemoData.GlobexAccountId, "Globex Tower Floor 12", ModelAccessVisibility.Private, ModelState.Active, now.AddDays(-1), "GLX-1"),
            Build(GlobexPrivate2, DemoData.GlobexAccountId, "Globex Lobby", ModelAccessVisibility.Private, ModelState.Active, now, "GLX-2"));
        await db.SaveChangesAsync();
    }

    private static Model Build(string id, string accountId, string name, ModelAccessVisibility visibility, ModelState state,
        DateTimeOffset created, string internalId) => new()
        {
            Id = id,
            AccountId = accountId,
            Name = name,
            Description = $"{name}, a test space.",
            InternalId = internalId,
            Created = created,
            Modified = created,
            AccessVisibility = visibility,
            State = state,
            Address = new ModelAddress
            {
                StreetAddressLines = "1 Test Street\nUnit 2",
                Locality = "Springfield",
                AdministrativeArea = "IL",
                PostalCode = "62701",
                CountryCode = "US",
            },
            FloorPlanJson = Spacegate.Server.Models.Scenes.FloorPlanGenerator.Generate(3, seed: 7).ToJson(),
            Files =
            [
                new ModelFile { Kind = ModelFileKind.Scene, FileName = "scene.glb", ContentType = "model/gltf-binary", Content = SceneBytes },
                new ModelFile { Kind = ModelFileKind.Image, FileName = "preview.png", ContentType = "image/png", IsPreview = true, Width = 2, Height = 2, Content = ImageBytes },
            ],
            Bundles =
            [
                new ModelBundle { BundleId = "mp:matterpak", Availability = BundleAvailability.Locked, PriceCents = 4900 },
                new ModelBundle { BundleId = "floorplan:schematic", Availability = BundleAvailability.Unlocked, PriceCents = 1500 },
                new ModelBundle { BundleId = "mp:e57", Availability = BundleAvailability.Unavailable, PriceCents = 9900 },
            ],
        };
}
