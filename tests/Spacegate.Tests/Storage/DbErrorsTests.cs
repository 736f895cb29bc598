using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spacegate.Server.Data;
using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.Storage;

/// <summary>
/// The "someone wrote it first" detection that refresh-token rotation, shared keys and model edits rely on, run against
/// the suite's database (SQLite, or PostgreSQL in the PostgreSQL pass).
/// </summary>
public sealed class DbErrorsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task IsUniqueViolation_DuplicateKey_IsRecognised()
    {
        await SaveAsync(db => db.ServerKeys.Add(new ServerKey { Purpose = "dup-key", Pem = "a", CreatedAt = DateTimeOffset.UtcNow }));

        var error = await Assert.ThrowsAsync<DbUpdateException>(() =>
            SaveAsync(db => db.ServerKeys.Add(new ServerKey { Purpose = "dup-key", Pem = "b", CreatedAt = DateTimeOffset.UtcNow })));

        Assert.True(DbErrors.IsUniqueViolation(error));
    }

    [Fact]
    public async Task IsUniqueViolation_DuplicateRotationRecord_IsRecognised()
    {
        var token = Guid.NewGuid().ToString("N"); // rotation records are keyed by a token id; there is no foreign key
        await SaveAsync(db => db.RefreshTokenRotations.Add(new RefreshTokenRotation { TokenId = token, RotatedAt = DateTimeOffset.UtcNow }));

        var error = await Assert.ThrowsAsync<DbUpdateException>(() =>
            SaveAsync(db => db.RefreshTokenRotations.Add(new RefreshTokenRotation { TokenId = token, RotatedAt = DateTimeOffset.UtcNow })));

        Assert.True(DbErrors.IsUniqueViolation(error));
    }

    [Fact]
    public async Task IsUniqueViolation_OtherConstraintFailure_IsNotMistakenForIt()
    {
        // A membership of an account that does not exist: a foreign-key failure, not a duplicate.
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => SaveAsync(db =>
            db.Memberships.Add(new Spacegate.Server.Domain.AccountMembership { AccountId = "no-such-account", UserId = "no-such-user" })));

        Assert.False(DbErrors.IsUniqueViolation(error));
    }

    private async Task SaveAsync(Action<SpacegateDbContext> change)
    {
        await using var scope = fixture.Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();
        change(db);
        await db.SaveChangesAsync();
    }
}
