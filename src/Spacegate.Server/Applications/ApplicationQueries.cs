using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Spacegate.Server.Data;
using Spacegate.Server.Domain;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Spacegate.Server.Applications;

/// <summary>Read side of OAuth applications for the Developer Tools and platform admin pages.</summary>
public sealed class ApplicationQueries(SpacegateDbContext db)
{
    public Task<List<ApplicationView>> ListByAccountAsync(string accountId, CancellationToken cancellationToken) =>
        QueryAsync(db.Applications.Where(a => a.AccountId == accountId), cancellationToken);

    /// <summary>Every app, or those of one account when <paramref name="accountId"/> is set (<c>spacegate apps list</c>).</summary>
    public Task<List<ApplicationView>> ListAsync(string? accountId, CancellationToken cancellationToken) =>
        QueryAsync(db.Applications.Where(a => accountId == null || a.AccountId == accountId), cancellationToken);

    public Task<List<ApplicationView>> ListPendingAsync(CancellationToken cancellationToken) =>
        QueryAsync(db.Applications.Where(a => a.Mode == ApplicationMode.Pending), cancellationToken);

    public async Task<ApplicationView?> FindAsync(string clientId, CancellationToken cancellationToken) =>
        (await QueryAsync(db.Applications.Where(a => a.ClientId == clientId), cancellationToken)).FirstOrDefault();

    private static async Task<List<ApplicationView>> QueryAsync(IQueryable<OAuthApplication> source, CancellationToken cancellationToken)
    {
        var rows = await source.AsNoTracking()
            .Select(a => new
            {
                a.ClientId, a.DisplayName, a.AccountId, AccountName = a.Account!.Name, a.Mode, a.ClientType,
                a.Permissions, a.RedirectUris, a.AccessTokenMinutes, a.ReviewNote, a.CreatedAt,
            })
            .ToListAsync(cancellationToken);
        return [.. rows
            .Select(a => new ApplicationView(a.ClientId ?? "", a.DisplayName ?? a.ClientId ?? "", a.AccountId, a.AccountName, a.Mode,
                a.ClientType == ClientTypes.Public ? ClientKind.Implicit : ClientKind.Confidential,
                [.. ReadList(a.Permissions).Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
                    .Select(p => p[Permissions.Prefixes.Scope.Length..])],
                ReadList(a.RedirectUris), a.AccessTokenMinutes, a.ReviewNote, a.CreatedAt))
            .OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase)];
    }

    // OpenIddict stores these collections as JSON arrays.
    private static List<string> ReadList(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<string>>(json) ?? [];
}
