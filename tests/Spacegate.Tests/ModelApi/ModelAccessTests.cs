using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spacegate.Server.Data;
using Spacegate.Server.ModelApi;
using Spacegate.Server.OAuth;
using Spacegate.Server.Seeding;
using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.ModelApi;

/// <summary>ModelAccess: the query (Visible) and the in-memory check of one model (IsVisible) say the same for every caller.</summary>
public sealed class ModelAccessTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    public static TheoryData<string, string, string?> Callers => new()
    {
        { DemoData.AcmeAccountId, OAuthScopes.ViewDetails, null },
        { DemoData.AcmeAccountId, OAuthScopes.ViewPublic, null },
        { DemoData.AcmeAccountId, OAuthScopes.EditDetails, null },
        { DemoData.AcmeAccountId, "", null },
        { DemoData.GlobexAccountId, OAuthScopes.ViewDetails, null },
        { DemoData.GlobexAccountId, OAuthScopes.ViewPublic, null },
        // An embed token names models; one of another account is still never visible.
        { DemoData.AcmeAccountId, "", $"{TestModels.AcmeInactive} {TestModels.AcmePublic} {TestModels.GlobexPrivate}" },
        { DemoData.GlobexAccountId, "", TestModels.GlobexPrivate2 },
    };

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task ModelAccess_IsVisible_AgreesWithTheVisibleQuery(string accountId, string scopes, string? embedded)
    {
        await using (var scope = fixture.Server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();
            if (!await db.Models.AnyAsync(m => m.Id == TestModels.AcmePublic))
            {
                await TestModels.AddAsync(fixture.Server);
            }
        }
        await using var reading = fixture.Server.Services.CreateAsyncScope();
        var models = reading.ServiceProvider.GetRequiredService<SpacegateDbContext>().Models.AsNoTracking();
        var caller = new ApiCaller(accountId, "client", null, "token", null,
            scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal),
            embedded?.Split(' ').ToHashSet(StringComparer.Ordinal));

        var byQuery = (await ModelAccess.Visible(models, caller).Select(m => m.Id).ToListAsync()).Order().ToList();
        var byCheck = (await models.ToListAsync()).Where(m => ModelAccess.IsVisible(caller, m)).Select(m => m.Id).Order().ToList();

        Assert.Equal(byQuery, byCheck);
        Assert.True(await models.CountAsync() > byCheck.Count); // some models are always hidden from any one caller
    }
}
