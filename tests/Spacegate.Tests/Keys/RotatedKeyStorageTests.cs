using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spacegate.Server.Data;
using Spacegate.Server.OAuth.Keys;
using Spacegate.Tests.Hosting;
using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.Keys;

/// <summary>In production every key generation is stored under the key-encryption key, like generation 1.</summary>
public sealed class RotatedKeyStorageTests
{
    [Fact]
    public async Task Production_RotatedGenerations_StoredEncryptedAndReadBackAfterRestart()
    {
        await using var first = await TestServer.StartAsync(ProductionSettings.Valid());
        var ring = first.Services.GetRequiredService<TokenKeyRing>();
        var signing = ring.Rotate(TokenKeyGeneration.Signing, TimeSpan.FromMinutes(1)).Next;
        var encryption = ring.Rotate(TokenKeyGeneration.Encryption, TimeSpan.FromMinutes(1)).Next;

        using (var scope = first.Services.CreateScope())
        {
            var rows = await scope.ServiceProvider.GetRequiredService<SpacegateDbContext>().ServerKeys.AsNoTracking().ToListAsync();
            Assert.Contains(rows, r => r.Purpose == "signing#2");
            Assert.Contains(rows, r => r.Purpose == "encryption#2");
            Assert.All(rows, r => Assert.StartsWith(KeyEncryption.Prefix, r.Pem));
            Assert.DoesNotContain(rows, r => r.Pem.Contains(Convert.ToBase64String(signing.Key)) || r.Pem.Contains(Convert.ToBase64String(encryption.Key)));
        }

        // Another node with the same key-encryption key reads the same generations.
        await using var second = await TestServer.StartAsync(ProductionSettings.Valid(), database: first.Database);
        var other = second.Services.GetRequiredService<TokenKeyRing>().Current;
        Assert.Equal(signing.Key, other.Of(TokenKeyGeneration.Signing).Single(g => g.Number == 2).Key);
        Assert.Equal(encryption.Key, other.Of(TokenKeyGeneration.Encryption).Single(g => g.Number == 2).Key);
    }
}
