using System.Buffers.Text;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Spacegate.Server.Data;
using Spacegate.Server.ModelApi.Schema;
using Spacegate.Server.Models;
using Spacegate.Server.Models.Search;

namespace Spacegate.Server.ModelApi;

public sealed record ModelPage(IReadOnlyList<Model> Results, string? NextOffset, int TotalResults);

/// <summary>Read side of the Model API: lookups and searches, always through <see cref="ModelAccess"/>.</summary>
public sealed class ModelReader(SpacegateDbContext db)
{
    public const int MaxPageSize = 1000;

    /// <summary>
    /// One model by id, or null when the caller may not see it (reported as missing). Read by primary key with a compiled
    /// query, then checked by <see cref="ModelAccess.IsVisible"/>: the Model API's most frequent read.
    /// </summary>
    public async Task<Model?> FindVisibleAsync(ApiCaller caller, string id, CancellationToken cancellationToken)
    {
        var byId = ById.GetValue(db.Model, static _ => EF.CompileAsyncQuery(
            (SpacegateDbContext db, string id, CancellationToken cancellationToken) => db.Models.AsNoTracking().FirstOrDefault(m => m.Id == id)));
        return await byId(db, id, cancellationToken) is { } model && ModelAccess.IsVisible(caller, model) ? model : null;
    }

    // One compiled query per model: it binds to the provider of the first context it runs on.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IModel,
        Func<SpacegateDbContext, string, CancellationToken, Task<Model?>>> ById = [];

    public async Task<ModelPage> SearchAsync(ApiCaller caller, string? query, IReadOnlyList<ModelState>? include,
        IReadOnlyList<ModelSort>? sortBy, int pageSize, string? offset, CancellationToken cancellationToken)
    {
        SearchFieldAccess.RequireMaySearch(caller);
        if (pageSize is < 1 or > MaxPageSize)
        {
            throw ApiError.Invalid($"pageSize must be between 1 and {MaxPageSize}.");
        }
        var skip = DecodeOffset(offset);
        var dialect = db.Database.IsNpgsql() ? SearchDialect.PostgreSql : SearchDialect.Sqlite;
        // PostgreSQL's trigram indexes serve ILIKE directly; SQLite's LIKE needs its FTS5 table to narrow the rows.
        var textIndex = dialect == SearchDialect.Sqlite ? new SqliteModelTextIndex(db) : null;
        var parsed = ModelSearch.Parse(caller, query, include);
        var visible = ModelAccess.Visible(db.Models.AsNoTracking(), caller);
        var models = ModelSearch.Apply(visible, caller, parsed, include, dialect, textIndex);
        var totals = new ModelSearchTotals(db);
        var total = await totals.TryCountAsync(caller, parsed, include, cancellationToken) ?? await models.CountAsync(cancellationToken);
        if (textIndex is { WasUsed: true } && total > 0 &&
            await totals.TryCountAsync(caller, MatchAllNode.Instance, include, cancellationToken) is { } all &&
            SqliteModelTextIndex.ReadInOrderIsCheaper(total, all, (long)skip + pageSize))
        {
            models = ModelSearch.Apply(visible, caller, parsed, include, dialect, new SqliteModelTextIndex(db, readInOrder: true));
        }
        var page = await Sort(models, sortBy).Skip(skip).Take(pageSize).ToListAsync(cancellationToken);
        var next = skip + page.Count < total && page.Count > 0 ? EncodeOffset(skip + page.Count) : null;
        return new ModelPage(page, next, total);
    }

    private static IQueryable<Model> Sort(IQueryable<Model> models, IReadOnlyList<ModelSort>? sortBy)
    {
        if (sortBy is not { Count: > 0 })
        {
            return models.OrderByDescending(m => m.Created).ThenBy(m => m.Id);
        }
        IOrderedQueryable<Model>? ordered = null;
        foreach (var sort in sortBy)
        {
            ordered = sort.Field switch
            {
                ModelSortField.Created => Then(models, ordered, m => m.Created, sort.Descending),
                ModelSortField.Modified => Then(models, ordered, m => m.Modified, sort.Descending),
                ModelSortField.Name => Then(models, ordered, m => m.Name, sort.Descending),
                _ => throw ApiError.Invalid($"Cannot sort by {sort.Field}."),
            };
        }
        return ordered!.ThenBy(m => m.Id);
    }

    /// <summary>The first sort key orders the query; later ones break its ties.</summary>
    private static IOrderedQueryable<Model> Then<TKey>(IQueryable<Model> models, IOrderedQueryable<Model>? ordered,
        System.Linq.Expressions.Expression<Func<Model, TKey>> key, bool descending) => (ordered, descending) switch
        {
            (null, false) => models.OrderBy(key),
            (null, true) => models.OrderByDescending(key),
            ({ } o, false) => o.ThenBy(key),
            ({ } o, true) => o.ThenByDescending(key),
        };

    /// <summary>The cursor is opaque to clients; inside it is a position in the sorted result.</summary>
    public static string EncodeOffset(int position) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes($"o1:{position}"));

    public static int DecodeOffset(string? offset)
    {
        if (string.IsNullOrEmpty(offset))
        {
            return 0;
        }
        try
        {
            var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(offset));
            if (text.StartsWith("o1:", StringComparison.Ordinal) && int.TryParse(text.AsSpan(3), out var position) && position >= 0)
            {
                return position;
            }
        }
        catch (FormatException)
        {
        }
        throw ApiError.Invalid("offset is not a cursor returned as nextOffset by this API.");
    }
}
