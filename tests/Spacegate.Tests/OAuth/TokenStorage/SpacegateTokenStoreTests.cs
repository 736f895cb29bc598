using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using Spacegate.Server.Data;
using Spacegate.Server.OAuth.TokenStorage;
using Spacegate.Tests.Infrastructure;
using Xunit;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Spacegate.Tests.OAuth.TokenStorage;

/// <summary>
/// SpacegateTokenStore writes a token with one INSERT outside EF Core's change tracking: the row must hold every
/// column exactly as EF Core would, the entity must stay usable for updates in the same request, and a duplicate
/// reference identifier (no longer looked up before the write) must still be refused, by the unique index.
/// </summary>
public sealed class SpacegateTokenStoreTests
{
    [Fact]
    public async Task SpacegateTokenStore_Columns_CoverEveryMappedProperty()
    {
        await using var server = await TestServer.StartAsync();
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();

        var mapped = db.Model.FindEntityType(typeof(OAuthToken))!.GetProperties().Select(p => p.Name).Order().ToList();

        Assert.Equal(mapped, SpacegateTokenStore.Columns.Select(c => c.Property).Order().ToList());
    }

    [Fact]
    public async Task SpacegateTokenStore_Create_RowReadsBackAsWritten()
    {
        await using var server = await TestServer.StartAsync();
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();
        var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        var app = await db.Applications.FirstAsync(a => a.ClientId == OAuthClient.AcmeClientId);
        var grant = new OAuthGrant { Application = app, Subject = "subject-1", Status = Statuses.Valid, Type = AuthorizationTypes.Permanent,
            CreationDate = DateTime.UtcNow };
        db.Set<OAuthGrant>().Add(grant);
        await db.SaveChangesAsync();
        var created = new DateTime(2026, 11, 29, 10, 11, 12, 345, DateTimeKind.Utc).AddTicks(6780); // microseconds: what PostgreSQL keeps, whoever writes the row
        var token = new OAuthToken
        {
            Id = "token-direct-1", Application = app, Authorization = grant, CreationDate = created,
            ExpirationDate = created.AddHours(1), RedemptionDate = created.AddMinutes(5), FamilyId = "family-1",
            Payload = "payload-1", Properties = """{"a":1}""", ReferenceId = "reference-1", Status = Statuses.Valid,
            Subject = "subject-1", Type = TokenTypeIdentifiers.RefreshToken,
        };

        await tokens.CreateAsync(token);

        await using var check = server.Services.CreateAsyncScope();
        var row = await check.ServiceProvider.GetRequiredService<SpacegateDbContext>().Tokens.AsNoTracking()
            .Include(t => t.Application).Include(t => t.Authorization).SingleAsync(t => t.Id == "token-direct-1");
        Assert.Equal(app.Id, row.Application!.Id);
        Assert.Equal(grant.Id, row.Authorization!.Id);
        Assert.Equal(created, row.CreationDate);
        Assert.Equal(created.AddHours(1), row.ExpirationDate);
        Assert.Equal(created.AddMinutes(5), row.RedemptionDate);
        Assert.Equal(token.ConcurrencyToken, row.ConcurrencyToken);
        Assert.Equal(("family-1", "payload-1", """{"a":1}""", Statuses.Valid, "subject-1", TokenTypeIdentifiers.RefreshToken),
            (row.FamilyId, row.Payload, row.Properties, row.Status, row.Subject, row.Type));
        Assert.NotEqual("reference-1", row.ReferenceId); // the manager stores it hashed, as OpenIddict does
        Assert.Equal(token.ReferenceId, row.ReferenceId);
        // The same row is found by the bearer value, the way every request finds it.
        Assert.Equal("token-direct-1", await tokens.GetIdAsync((await tokens.FindByReferenceIdAsync("reference-1"))!));
    }

    [Fact]
    public async Task SpacegateTokenStore_CreateThenRevokeInTheSameScope_UpdatesTheRow()
    {
        await using var server = await TestServer.StartAsync();
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();
        var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        var app = await db.Applications.FirstAsync(a => a.ClientId == OAuthClient.GlobexClientId);
        var token = new OAuthToken { Id = "token-direct-2", Application = app, Type = TokenTypeIdentifiers.AccessToken, CreationDate = DateTime.UtcNow };
        await tokens.CreateAsync(token);
        // Found again in the same scope (as OpenIddict does within one request): the tracked instance, no conflict.
        var found = (OAuthToken)(await tokens.FindByIdAsync("token-direct-2"))!;
        Assert.Same(token, found);

        Assert.True(await tokens.TryRevokeAsync(found));

        await using var check = server.Services.CreateAsyncScope();
        var row = await check.ServiceProvider.GetRequiredService<SpacegateDbContext>().Tokens.AsNoTracking()
            .SingleAsync(t => t.Id == "token-direct-2");
        Assert.Equal(Statuses.Revoked, row.Status);
        Assert.Equal(Statuses.Revoked, token.Status);
    }

    [Fact]
    public async Task SpacegateTokenManager_DuplicateReferenceId_RefusedByTheUniqueIndexAndTheFirstRowKept()
    {
        await using var server = await TestServer.StartAsync();
        var app = await AppAsync(server, OAuthClient.GlobexClientId);
        await using (var scope = server.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().CreateAsync(new OAuthToken
            {
                Id = "first", Application = await Attach(scope, app), ReferenceId = "same", Type = TokenTypeIdentifiers.AccessToken,
            });
        }

        await using (var scope = server.Services.CreateAsyncScope())
        {
            var second = new OAuthToken { Id = "second", Application = await Attach(scope, app), ReferenceId = "same", Type = TokenTypeIdentifiers.AccessToken };
            var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
                await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().CreateAsync(second));
            Assert.True(DbErrors.IsUniqueViolation(new DbUpdateException("insert", error)), error.ToString());
        }

        await using var check = server.Services.CreateAsyncScope();
        var rows = await check.ServiceProvider.GetRequiredService<SpacegateDbContext>().Tokens.AsNoTracking()
            .Where(t => t.Id == "first" || t.Id == "second").Select(t => t.Id).ToListAsync();
        Assert.Equal(["first"], rows);
    }

    [Fact]
    public async Task SpacegateTokenManager_Validate_RefusesMissingTypeWithoutWriting()
    {
        await using var server = await TestServer.StartAsync();
        var app = await AppAsync(server, OAuthClient.GlobexClientId);
        await using var scope = server.Services.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();

        await Assert.ThrowsAsync<OpenIddictExceptions.ValidationException>(async () =>
            await tokens.CreateAsync(new OAuthToken { Id = "untyped", Application = await Attach(scope, app) }));

        Assert.False(await scope.ServiceProvider.GetRequiredService<SpacegateDbContext>().Tokens.AnyAsync(t => t.Id == "untyped"));
    }

    private static async Task<string> AppAsync(TestServer server, string clientId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<SpacegateDbContext>().Applications
            .FirstAsync(a => a.ClientId == clientId)).Id!;
    }

    private static async Task<OAuthApplication> Attach(AsyncServiceScope scope, string id) =>
        await scope.ServiceProvider.GetRequiredService<SpacegateDbContext>().Applications.FirstAsync(a => a.Id == id);
}
