using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spacegate.Server.Data;
using Spacegate.Tests.Infrastructure;
using Xunit;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static Spacegate.Tests.Infrastructure.OAuthClient;
using static Spacegate.Tests.Infrastructure.TokenManagementClient;

namespace Spacegate.Tests.OAuth.TokenStorage;

/// <summary>
/// PrepareTokenEntry + StoreTokenEntry: each token is one INSERT with its payload (no insert-then-update), its
/// row is complete (reference id hashed, payload, family, application, time-ordered id), and it works.
/// </summary>
public sealed class TokenStorageTests
{
    private static int Count(IEnumerable<string> commands, string verb) => commands.Count(c =>
        c.TrimStart().StartsWith(verb, StringComparison.Ordinal) && c.Contains("\"OpenIddictTokens\"", StringComparison.Ordinal));

    [Fact]
    public async Task StoreTokenEntry_ClientCredentials_OneInsertNoUpdate()
    {
        await using var server = await TestServer.StartAsync();
        var api = server.CreateClient(cookies: false);
        Assert.Equal(HttpStatusCode.OK, (await ClientCredentialsAsync(api)).Status); // warm: keys, first-use work
        using var sql = new SqlCommandRecorder(server);
        await sql.StartAsync();

        var token = await ClientCredentialsAsync(api);

        Assert.Equal(HttpStatusCode.OK, token.Status);
        Assert.Equal(1, Count(sql.Commands, "INSERT"));
        Assert.Equal(0, Count(sql.Commands, "UPDATE"));
        Assert.True(await IsActiveAsync(api, token.AccessToken!, GlobexClientId, GlobexSecret));
    }

    [Fact]
    public async Task StoreTokenEntry_CodeExchange_EachTokenOneInsertAndTheCodeRedeemed()
    {
        await using var server = await TestServer.StartAsync();
        var api = server.CreateClient(cookies: false);
        var browser = server.CreateClient();
        await SignInAsync(browser, "bob@demo.spacegate.test");
        var code = await GetCodeAsync(browser, AuthorizeUrl());
        using var sql = new SqlCommandRecorder(server);
        await sql.StartAsync();

        var tokens = await ExchangeCodeAsync(api, code);

        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        Assert.Equal(2, Count(sql.Commands, "INSERT")); // access token and refresh token
        Assert.Equal(1, Count(sql.Commands, "UPDATE")); // the code, marked redeemed
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(api, tokens.RefreshToken!)).Status);
        Assert.Equal("invalid_grant", (await ExchangeCodeAsync(api, code)).Error);
    }

    [Fact]
    public async Task StoreTokenEntry_StoredRow_CompleteWithHashedReferenceAndTimeOrderedId()
    {
        await using var server = await TestServer.StartAsync();
        var api = server.CreateClient(cookies: false);
        var first = await ClientCredentialsAsync(api);
        var second = await ClientCredentialsAsync(api);

        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();
        var rows = await db.Tokens.AsNoTracking().Include(t => t.Application)
            .Where(t => t.Type == TokenTypeIdentifiers.AccessToken).OrderBy(t => t.CreationDate).ToListAsync();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row =>
        {
            Assert.Equal(Statuses.Valid, row.Status);
            Assert.Equal(GlobexClientId, row.Application!.ClientId);
            Assert.False(string.IsNullOrEmpty(row.Payload));
            Assert.NotNull(row.ExpirationDate);
            // The reference id is stored hashed: the bearer value itself is nowhere in the table.
            Assert.NotEqual(first.AccessToken, row.ReferenceId);
            Assert.NotEqual(second.AccessToken, row.ReferenceId);
        });
        Assert.True(string.CompareOrdinal(rows[0].Id, rows[1].Id) < 0, "ids follow creation order");
        Assert.Equal(0, await db.Tokens.CountAsync(t => t.Payload == null && t.Type == TokenTypeIdentifiers.AccessToken));
    }
}
