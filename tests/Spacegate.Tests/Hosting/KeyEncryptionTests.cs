using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spacegate.Server.Data;
using Spacegate.Server.OAuth;
using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.Hosting;

/// <summary>
/// In production the token keys and the Data Protection keys are stored encrypted under
/// Spacegate:KeyEncryptionKey: a copy of the database alone yields no key. It reads the stored rows straight from a
/// SQLite file, so it runs on SQLite in the PostgreSQL pass too (the encryption is the same code on both).
/// </summary>
public sealed class KeyEncryptionTests : IAsyncLifetime
{
    private const string OtherKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private readonly string _folder = Directory.CreateTempSubdirectory("spacegate-tests-").FullName;
    private string Database => Path.Combine(_folder, "spacegate.db");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Production_StoredKeys_NotPlaintext()
    {
        await using (var server = await StartProductionAsync())
        {
            await UseKeysAsync(server);
            server.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("x");
        }

        var serverKeys = await RowsAsync("SELECT Purpose, Pem FROM ServerKeys");
        Assert.Contains(serverKeys, r => r.Key == "signing");
        Assert.Contains(serverKeys, r => r.Key == "signing-ecdsa");
        Assert.All(serverKeys, r => Assert.StartsWith(KeyEncryption.Prefix, r.Value));
        Assert.DoesNotContain(serverKeys, r => r.Value.Contains("PRIVATE KEY") || IsBase64(r.Value));

        var dataProtection = await RowsAsync("SELECT FriendlyName, Xml FROM DataProtectionKeys");
        Assert.NotEmpty(dataProtection);
        Assert.All(dataProtection, r =>
        {
            Assert.Contains(KeyEncryption.Prefix, r.Value);
            Assert.DoesNotContain("<masterKey", r.Value); // the plain secret element of an unencrypted key
        });
    }

    [Fact]
    public async Task Production_RestartWithSameKey_ReadsKeysBack()
    {
        string protectedValue;
        List<KeyValuePair<string, string>> before;
        await using (var first = await StartProductionAsync())
        {
            await UseKeysAsync(first);
            protectedValue = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("secret");
        }
        before = await RowsAsync("SELECT Purpose, Pem FROM ServerKeys");

        await using var second = await StartProductionAsync();
        await UseKeysAsync(second);

        Assert.Equal("secret", second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedValue));
        Assert.Equal(before, await RowsAsync("SELECT Purpose, Pem FROM ServerKeys")); // read back, not replaced
    }

    [Fact]
    public async Task Production_RestartWithAnotherKey_RefusesNamingTheSetting()
    {
        await using (var first = await StartProductionAsync())
        {
            await UseKeysAsync(first);
        }

        var exception = await Assert.ThrowsAnyAsync<Exception>(async () =>
            await (await TestServer.StartAsync(ProductionSettings.Valid(("Storage:Provider", "Sqlite"), ("Storage:SqlitePath", Database),
                ("Spacegate:KeyEncryptionKey", OtherKey)))).DisposeAsync());

        Assert.Contains("Spacegate:KeyEncryptionKey", exception.Message);
    }

    [Fact]
    public async Task Sandbox_PlainKeysThenKeyEncryptionKeyConfigured_EncryptedInPlace()
    {
        await using (var sandbox = await TestServer.StartAsync(new() { ["Storage:Provider"] = "Sqlite", ["Storage:SqlitePath"] = Database }))
        {
            await UseKeysAsync(sandbox, viaProxy: false);
        }
        SqliteConnection.ClearAllPools(); // the next node opens the file afresh, as a restarted process would
        var plain = await RowsAsync("SELECT Purpose, Pem FROM ServerKeys");
        Assert.All(plain, r => Assert.False(KeyEncryption.IsProtected(r.Value)));

        await using (var sandbox = await TestServer.StartAsync(new()
        {
            ["Storage:Provider"] = "Sqlite", ["Storage:SqlitePath"] = Database, ["Spacegate:KeyEncryptionKey"] = ProductionSettings.KeyEncryptionKey,
        }))
        {
            await UseKeysAsync(sandbox, viaProxy: false);
            var token = await OAuthClient.ClientCredentialsAsync(sandbox.CreateClient());
            Assert.Equal(HttpStatusCode.OK, token.Status);
        }

        var encrypted = await RowsAsync("SELECT Purpose, Pem FROM ServerKeys");
        Assert.All(encrypted, r => Assert.StartsWith(KeyEncryption.Prefix, r.Value));
        var encryption = new KeyEncryption(Options.Create(new SpacegateOptions { KeyEncryptionKey = ProductionSettings.KeyEncryptionKey }));
        Assert.All(plain, r => Assert.Equal(Convert.FromBase64String(r.Value),
            encryption.Unprotect(encrypted.Single(e => e.Key == r.Key).Value, r.Key)));
    }

    [Fact]
    public async Task Production_StartOnPlainKeysOfAnEarlierRun_EncryptsThemBeforeServing()
    {
        await using (var sandbox = await TestServer.StartAsync(new()
        {
            ["Storage:Provider"] = "Sqlite", ["Storage:SqlitePath"] = Database, ["Spacegate:SeedDemoData"] = "false",
        }))
        {
            await UseKeysAsync(sandbox, viaProxy: false);
        }
        SqliteConnection.ClearAllPools(); // the next node opens the file afresh, as a restarted process would
        var plain = await RowsAsync("SELECT Purpose, Pem FROM ServerKeys");
        Assert.NotEmpty(plain);
        Assert.All(plain, r => Assert.False(KeyEncryption.IsProtected(r.Value)));

        await using var production = await StartProductionAsync(); // no request yet

        var encrypted = await RowsAsync("SELECT Purpose, Pem FROM ServerKeys");
        Assert.Equal(plain.Select(r => r.Key), encrypted.Select(r => r.Key));
        Assert.All(encrypted, r => Assert.StartsWith(KeyEncryption.Prefix, r.Value));
    }

    [Fact]
    public void Unprotect_TamperedOrMovedCiphertext_Refused()
    {
        var encryption = new KeyEncryption(Options.Create(new SpacegateOptions { KeyEncryptionKey = ProductionSettings.KeyEncryptionKey }));
        var stored = encryption.Protect([1, 2, 3, 4], "signing");
        Assert.Equal([1, 2, 3, 4], encryption.Unprotect(stored, "signing"));

        var bytes = Convert.FromBase64String(stored[KeyEncryption.Prefix.Length..]);
        bytes[^1] ^= 1;
        Assert.Throws<CryptographicException>(() => encryption.Unprotect(KeyEncryption.Prefix + Convert.ToBase64String(bytes), "signing"));
        Assert.Throws<CryptographicException>(() => encryption.Unprotect(stored, "encryption")); // another row's purpose
        var other = new KeyEncryption(Options.Create(new SpacegateOptions { KeyEncryptionKey = OtherKey }));
        var wrongKey = Assert.Throws<CryptographicException>(() => other.Unprotect(stored, "signing"));
        Assert.Contains("Spacegate:KeyEncryptionKey", wrongKey.Message);
    }

    private Task<TestServer> StartProductionAsync() =>
        TestServer.StartAsync(ProductionSettings.Valid(("Storage:Provider", "Sqlite"), ("Storage:SqlitePath", Database)));

    /// <summary>The first OpenIddict request loads (or creates) the token keys.</summary>
    private static async Task UseKeysAsync(TestServer server, bool viaProxy = true)
    {
        using var client = viaProxy ? ProductionSettings.ViaProxy(server.CreateClient()) : server.CreateClient();
        var response = await client.GetAsync("/.well-known/oauth-authorization-server");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode); // antiforgery: a Data Protection key
    }

    private async Task<List<KeyValuePair<string, string>>> RowsAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql + " ORDER BY 1";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<KeyValuePair<string, string>>();
        while (await reader.ReadAsync())
        {
            rows.Add(new(reader.IsDBNull(0) ? "" : reader.GetString(0), reader.GetString(1)));
        }
        return rows;
    }

    private static bool IsBase64(string value) => Convert.TryFromBase64String(value, new byte[value.Length], out _);
}
