using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Spacegate.Server.Data;
using Spacegate.Tests.Infrastructure;
using Xunit;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static Spacegate.Tests.Infrastructure.OAuthClient;
using static Spacegate.Tests.Infrastructure.TokenManagementClient;

namespace Spacegate.Tests.OAuth;

/// <summary>
/// Stored payloads (OAuthServerExtensions): an access token's payload is signed, not encrypted (it never leaves the
/// database); codes and refresh tokens stay encrypted. A payload changed in the database without its signature is
/// refused: the token stops working rather than granting what the edit says.
/// </summary>
public sealed class AccessTokenPayloadTests
{
    [Fact]
    public async Task AccessTokenPayload_SignedNotEncrypted_RefreshTokenPayloadEncrypted()
    {
        await using var server = await TestServer.StartAsync();
        await FullCodeFlowAsync(server);

        var payloads = await PayloadsAsync(server);

        Assert.All(payloads[TokenTypeIdentifiers.AccessToken], p =>
        {
            Assert.Equal(3, p.Split('.').Length); // JWS: header.claims.signature
            Assert.StartsWith("spacegate-signing", Header(p).GetProperty("kid").GetString());
        });
        Assert.All(payloads[TokenTypeIdentifiers.RefreshToken], p => Assert.Equal(5, p.Split('.').Length)); // JWE
    }

    [Fact]
    public async Task AccessTokenPayload_ClaimsEditedInTheDatabase_TokenRefused()
    {
        await using var server = await TestServer.StartAsync();
        var api = server.CreateClient(cookies: false);
        var token = await ClientCredentialsAsync(api);
        Assert.True(await IsActiveAsync(api, token.AccessToken!, GlobexClientId, GlobexSecret));

        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();
            var row = await db.Tokens.SingleAsync(t => t.Type == TokenTypeIdentifiers.AccessToken);
            var parts = row.Payload!.Split('.');
            var original = Decode(parts[1]);
            // Another account's data is what an attacker with write access to the table would ask for.
            var claims = original.Replace("\"spacegate_account\":\"globex\"", "\"spacegate_account\":\"acme\"", StringComparison.Ordinal);
            Assert.True(claims != original, original);
            row.Payload = $"{parts[0]}.{Encode(claims)}.{parts[2]}";
            await db.SaveChangesAsync();
        }

        Assert.False(await IsActiveAsync(api, token.AccessToken!, GlobexClientId, GlobexSecret));
    }

    private static async Task<Dictionary<string, List<string>>> PayloadsAsync(TestServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<SpacegateDbContext>().Tokens.AsNoTracking()
            .Where(t => t.Payload != null).Select(t => new { t.Type, t.Payload }).ToListAsync();
        var byType = rows.GroupBy(r => r.Type!).ToDictionary(g => g.Key, g => g.Select(r => r.Payload!).ToList());
        Assert.NotEmpty(byType[TokenTypeIdentifiers.AccessToken]);
        Assert.NotEmpty(byType[TokenTypeIdentifiers.RefreshToken]);
        return byType;
    }

    private static JsonElement Header(string payload) => JsonDocument.Parse(Decode(payload.Split('.')[0])).RootElement;

    private static string Decode(string part) => Base64UrlEncoder.Decode(part);

    private static string Encode(string text) => Base64UrlEncoder.Encode(text);
}
