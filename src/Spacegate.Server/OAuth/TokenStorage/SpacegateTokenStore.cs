using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using OpenIddict.EntityFrameworkCore;
using Spacegate.Server.Data;

namespace Spacegate.Server.OAuth.TokenStorage;

/// <summary>
/// OpenIddict's Entity Framework Core token store, except that a new token is written by one INSERT through
/// <see cref="DirectSql"/> instead of EF Core's change tracking and update pipeline, which cost more CPU than the
/// database spends storing the row. The row holds every mapped column (<see cref="Columns"/>, checked against the
/// model by a test) and the entity is then tracked as stored, so later updates in the same request (redemption,
/// revocation) go through EF Core as before. Reads, updates and deletes are OpenIddict's.
/// </summary>
public sealed class SpacegateTokenStore(
    IMemoryCache cache,
    IOpenIddictEntityFrameworkCoreContext context,
    IOptionsMonitor<OpenIddictEntityFrameworkCoreOptions> options)
    : OpenIddictEntityFrameworkCoreTokenStore<OAuthToken, OAuthApplication, OAuthGrant, string>(cache, context, options)
{
    /// <summary>Every column of a token row and where its value comes from (foreign keys from the navigations).</summary>
    public static readonly IReadOnlyList<(string Property, Func<OAuthToken, object?> Value)> Columns =
    [
        (nameof(OAuthToken.Id), t => t.Id),
        ("ApplicationId", t => t.Application?.Id),
        ("AuthorizationId", t => t.Authorization?.Id),
        (nameof(OAuthToken.ConcurrencyToken), t => t.ConcurrencyToken),
        (nameof(OAuthToken.CreationDate), t => t.CreationDate),
        (nameof(OAuthToken.ExpirationDate), t => t.ExpirationDate),
        (nameof(OAuthToken.FamilyId), t => t.FamilyId),
        (nameof(OAuthToken.Payload), t => t.Payload),
        (nameof(OAuthToken.Properties), t => t.Properties),
        (nameof(OAuthToken.RedemptionDate), t => t.RedemptionDate),
        (nameof(OAuthToken.ReferenceId), t => t.ReferenceId),
        (nameof(OAuthToken.Status), t => t.Status),
        (nameof(OAuthToken.Subject), t => t.Subject),
        (nameof(OAuthToken.Type), t => t.Type),
    ];

    public override async ValueTask CreateAsync(OAuthToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var db = (SpacegateDbContext)await Context.GetDbContextAsync(cancellationToken);
        var values = new object?[Columns.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Columns[i].Value(token);
        }
        await DirectSql.For(db, Inserts, CreateInsert).ExecuteAsync(db, values, cancellationToken);

        // Tracked as the row now stands, as after EF Core's own insert (the application and grant are tracked already).
        // Its application and grant navigations are what the row holds, so they count as loaded (OpenIddict reads them).
        // (Navigations by name: the lambda overload builds an expression tree on every call.)
        var entry = db.Entry(token);
        entry.State = EntityState.Unchanged;
        entry.Navigation(nameof(OAuthToken.Application)).IsLoaded = true;
        entry.Navigation(nameof(OAuthToken.Authorization)).IsLoaded = true;
    }

    private static readonly ConditionalWeakTable<IModel, DirectSql> Inserts = [];

    /// <summary>
    /// OpenIddict's lookup of a presented token (every refresh, introspection, revocation and bearer check), as a
    /// compiled query: the same SQL and tracking, without translating the LINQ expression on every request. As in
    /// OpenIddict, a token this context already tracks is returned without a query.
    /// </summary>
    public override async ValueTask<OAuthToken?> FindByReferenceIdAsync(string identifier, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        var db = (SpacegateDbContext)await Context.GetDbContextAsync(cancellationToken);
        var tracked = db.ChangeTracker.Entries<OAuthToken>()
            .FirstOrDefault(e => string.Equals(e.Entity.ReferenceId, identifier, StringComparison.Ordinal));
        return tracked?.Entity ?? await ByReferenceId.GetValue(db.Model, static _ => EF.CompileAsyncQuery(
                (SpacegateDbContext db, string id) => db.Tokens.AsTracking()
                    .Include(t => t.Application).Include(t => t.Authorization)
                    .FirstOrDefault(t => t.ReferenceId == id)))
            (db, identifier);
    }

    // One compiled query per model: it binds to the provider of the first context it runs on.
    private static readonly ConditionalWeakTable<IModel, Func<SpacegateDbContext, string, Task<OAuthToken?>>> ByReferenceId = [];


    private static DirectSql CreateInsert(DbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(OAuthToken))
            ?? throw new InvalidOperationException("The model has no token entity.");
        var properties = Columns.Select(c => entity.FindProperty(c.Property)
            ?? throw new InvalidOperationException($"The token entity has no property '{c.Property}'.")).ToArray();
        var columns = string.Join(", ", properties.Select(p => "\"" + p.GetColumnName() + "\""));
        var parameters = string.Join(", ", properties.Select((_, i) => "{" + i + "}"));
        return new DirectSql(db, $"INSERT INTO \"{entity.GetTableName()}\" ({columns}) VALUES ({parameters})", properties);
    }
}
