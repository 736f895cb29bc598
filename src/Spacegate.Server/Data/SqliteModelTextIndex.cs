using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;
using Spacegate.Server.Models;
using Spacegate.Server.Models.Search;

namespace Spacegate.Server.Data;

/// <summary>
/// SQLite's full-text index of the searched model text: the FTS5 table <c>ModelsFts</c> with the <c>trigram</c>
/// tokenizer, an external-content index over <c>Models</c> (same rowid) kept in step by triggers, both created by the
/// migration <c>SearchFullTextIndex</c>. A quoted FTS5 phrase of trigrams matches exactly the rows containing the text
/// as a substring, ignoring case, so it answers substring and phrase terms from the index instead of a scan.
/// </summary>
/// <remarks>
/// The trigram tokenizer folds case for every letter while SQLite's <c>LIKE</c> folds ASCII letters only, so the index
/// offers a superset and the translator keeps the <c>LIKE</c> check on those rows: results are exactly those of a
/// scan. A text shorter than three characters has no trigram; it is searched by the scan, as before.
/// </remarks>
/// <param name="readInOrder">
/// False (for counts and sparse matches): SQLite reads the index's matches by rowid. True (for a page of dense matches):
/// the rowid is hidden from the planner, so it walks the models in the page's order, keeps those among the matches and
/// stops after the page, instead of reading and sorting every match.
/// </param>
public sealed class SqliteModelTextIndex(SpacegateDbContext db, bool readInOrder = false) : ISearchTextIndex
{
    /// <summary>The trigram tokenizer finds nothing for a text shorter than this (in characters).</summary>
    public const int MinimumLength = 3;

    /// <summary>Whether a search term has been narrowed by this index.</summary>
    public bool WasUsed { get; private set; }

    public Expression<Func<Model, bool>>? Candidates(IReadOnlyList<string> columns, string text)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(text);
        if (columns.Count == 0 || LikePatterns.CodePointLength(text) < MinimumLength)
        {
            return null;
        }
        WasUsed = true;
        string match = MatchQuery(columns, text);
        var rowids = db.Database.SqlQuery<long>($"SELECT rowid AS \"Value\" FROM \"ModelsFts\" WHERE \"ModelsFts\" MATCH {match}");
        return readInOrder ? m => rowids.Contains(UnindexedRowId(m.Id)) : m => rowids.Contains(RowId(m.Id));
    }

    /// <summary>
    /// Whether a page is cheaper to find by walking the sort order: when about <paramref name="needed"/> ×
    /// <paramref name="visible"/> / <paramref name="matches"/> models walked is fewer than the matches read by rowid.
    /// </summary>
    public static bool ReadInOrderIsCheaper(long matches, long visible, long needed) =>
        matches > 0 && needed * visible / matches < matches;

    /// <summary>
    /// The FTS5 query: a column filter and the text as one quoted string (a phrase of its trigrams), in which only
    /// <c>"</c> is special and is doubled. The column names are the translator's own constants, never user text.
    /// </summary>
    public static string MatchQuery(IReadOnlyList<string> columns, string text) =>
        $"{{{string.Join(' ', columns)}}} : \"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>
    /// The rowid of the <c>Models</c> row whose <c>Id</c> column is given, in SQL only (<see cref="TranslateRowId"/>):
    /// it is the key of the full-text index, and not a mapped property.
    /// </summary>
    public static long RowId(string modelId) =>
        throw new InvalidOperationException($"{nameof(RowId)} is translated to SQL and cannot run in memory ({modelId}).");

    /// <summary><see cref="RowId"/> as <c>rowid + 0</c>: the same value, which no index can serve.</summary>
    public static long UnindexedRowId(string modelId) =>
        throw new InvalidOperationException($"{nameof(UnindexedRowId)} is translated to SQL and cannot run in memory ({modelId}).");

    /// <summary>Registers the two functions with the model (both providers share it; only SQLite calls them).</summary>
    public static void Register(ModelBuilder builder)
    {
        builder.HasDbFunction(typeof(SqliteModelTextIndex).GetMethod(nameof(RowId), [typeof(string)])!)
            .HasTranslation(TranslateRowId);
        builder.HasDbFunction(typeof(SqliteModelTextIndex).GetMethod(nameof(UnindexedRowId), [typeof(string)])!)
            .HasTranslation(arguments => new SqlBinaryExpression(ExpressionType.Add, TranslateRowId(arguments),
                new SqlConstantExpression(0L, typeof(long), RowIdMapping), typeof(long), RowIdMapping));
    }

    private static readonly LongTypeMapping RowIdMapping = new("INTEGER");

    /// <summary><c>"m"."Id"</c> becomes <c>"m"."rowid"</c>: the same table, so EF Core's alias handling covers it.</summary>
    private static SqlExpression TranslateRowId(IReadOnlyList<SqlExpression> arguments) =>
        arguments is [ColumnExpression { Name: "Id" } id]
            ? new ColumnExpression("rowid", id.TableAlias, typeof(long), RowIdMapping, nullable: false)
            : throw new InvalidOperationException($"{nameof(RowId)} takes the Id column of Models.");
}
