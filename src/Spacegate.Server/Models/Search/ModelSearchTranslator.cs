using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Spacegate.Server.Models.Search;

/// <summary>
/// Turns a parsed query into a predicate that EF Core translates to SQL, so the search runs in the database. The caller
/// still restricts the query to the caller's account; this predicate does not.
/// </summary>
/// <remarks>
/// Text matching uses <c>LIKE</c> (SQLite) or <c>ILIKE</c> (PostgreSQL) with <c>%</c>, <c>_</c> and <c>\</c> escaped,
/// so user text is never a pattern. SQLite's <c>LIKE</c> folds case for ASCII letters only: <c>café</c> does not match
/// <c>CAFÉ</c>; PostgreSQL's <c>ILIKE</c> folds every letter the database's locale (LC_CTYPE) knows, so there it does.
/// With an <see cref="ISearchTextIndex"/>, a text term first takes the index's candidates, then the same
/// <c>LIKE</c>: the index decides which rows are read, never which match.
/// Values enter the SQL as parameters, never as literals, so queries of the same shape share one cached plan.
/// Dates are compared as UTC instants: on SQLite the columns hold <c>DateTimeOffsetToBinaryConverter</c> longs,
/// which sort by the clock time of their own offset, so this relies on models being stored with offset zero
/// (the server stamps them from <see cref="TimeProvider.GetUtcNow"/>).
/// </remarks>
public static class ModelSearchTranslator
{
    private const string LikeEscape = "\\";

    private static readonly SearchColumn Name = new("Name", m => m.Name);
    private static readonly SearchColumn Description = new("Description", m => m.Description);
    private static readonly SearchColumn Locality = new("Address_Locality", m => m.Address.Locality);
    private static readonly SearchColumn PostalCode = new("Address_PostalCode", m => m.Address.PostalCode);

    private static readonly SearchColumn[] PublicBareWordColumns = [Name, Description];

    private static readonly SearchColumn[] AllBareWordColumns =
    [
        Name,
        Description,
        new("Address_StreetAddressLines", m => m.Address.StreetAddressLines),
        Locality,
        new("Address_AdministrativeArea", m => m.Address.AdministrativeArea),
        PostalCode,
    ];

    // Templates inlined with the real column and parameter. Nullable columns need no guard here: EF Core's null
    // semantics rewrite NOT (locality LIKE @p) as (locality NOT LIKE @p OR locality IS NULL), so "-address.locality:x"
    // keeps models without a locality (the database tests check this for each nullable kind).
    private static readonly Expression<Func<string?, string, bool>> LikeTemplate =
        (column, pattern) => EF.Functions.Like(column, pattern, LikeEscape);

    // PostgreSQL's LIKE is case-sensitive; ILIKE takes the same pattern and escape.
    private static readonly Expression<Func<string?, string, bool>> ILikeTemplate =
        (column, pattern) => EF.Functions.ILike(column!, pattern, LikeEscape);

    private static readonly Expression<Func<string?, bool>> HasValueTemplate =
        column => column != null && column != "";

    private static readonly Expression<Func<string?, string, bool>> EqualsTemplate =
        (column, value) => column == value;

    // substr() compares code points exactly; LIKE would fold case, which internalId must not. Only ever translated
    // to SQL (substr of NULL is NULL), never run in memory, hence the null-forgiving operator.
    private static readonly Expression<Func<string?, int, string, bool>> StartsWithTemplate =
        (column, length, prefix) => column!.Substring(0, length) == prefix;

    /// <param name="bareWords">The columns bare words search: only the public ones unless the caller may read the address.</param>
    /// <param name="dialect">The database the predicate is for: it decides how case is folded.</param>
    /// <param name="textIndex">
    /// A full-text index that narrows substring terms to its candidates before the <c>LIKE</c> check (SQLite's FTS5
    /// table); null to check every model of the account (PostgreSQL's trigram indexes serve <c>ILIKE</c> directly).
    /// </param>
    public static Expression<Func<Model, bool>> ToPredicate(SearchNode node, BareWordFields bareWords, SearchDialect dialect = SearchDialect.Sqlite,
        ISearchTextIndex? textIndex = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        var model = Expression.Parameter(typeof(Model), "m");
        var columns = bareWords == BareWordFields.All ? AllBareWordColumns : PublicBareWordColumns;
        var like = dialect == SearchDialect.PostgreSql ? ILikeTemplate : LikeTemplate;
        return Expression.Lambda<Func<Model, bool>>(Translate(node, new Target(model, columns, like, textIndex)), model);
    }

    /// <summary>A searched text column: its name in the <c>Models</c> table (and the full-text index) and its property.</summary>
    private sealed record SearchColumn(string Name, Expression<Func<Model, string?>> Selector);

    /// <summary>What a translation is for: the model parameter, the bare-word columns, the dialect's LIKE and the text index.</summary>
    private sealed record Target(ParameterExpression Model, SearchColumn[] BareWordColumns, LambdaExpression Like, ISearchTextIndex? TextIndex);

    private static Expression Translate(SearchNode node, Target target) => node switch
    {
        MatchAllNode => Expression.Constant(true),
        AndNode and => Expression.AndAlso(Translate(and.Left, target), Translate(and.Right, target)),
        OrNode or => Expression.OrElse(Translate(or.Left, target), Translate(or.Right, target)),
        NotNode not => Expression.Not(Translate(not.Operand, target)),
        TextTermNode text => TextTerm(text, target),
        ExactTermNode exact => ExactTerm(exact, target),
        EnumTermNode enumTerm => EnumTerm(enumTerm, target.Model),
        DateRangeNode range => DateRange(range, target.Model),
        _ => throw new ArgumentOutOfRangeException(nameof(node), node.GetType().Name, "Unknown search node."),
    };

    private static Expression TextTerm(TextTermNode term, Target target)
    {
        if (term.Field is not { } field)
        {
            var pattern = Parameter(LikePatterns.Contains(term.Text));
            var anyColumn = target.BareWordColumns
                .Select(column => Inline(target.Like, Inline(column.Selector, target.Model), pattern))
                .Aggregate(Expression.OrElse);
            return Narrowed(anyColumn, target, target.BareWordColumns, term.Text);
        }
        var searched = TextColumn(field);
        var selected = Inline(searched.Selector, target.Model);
        return term.Text.Length == 0
            ? Inline(HasValueTemplate, selected)
            : Narrowed(Inline(target.Like, selected, Parameter(LikePatterns.Contains(term.Text))), target, [searched], term.Text);
    }

    private static Expression ExactTerm(ExactTermNode term, Target target)
    {
        var column = Inline(StringColumn(term.Field), target.Model);
        if (term.IsPrefix && term.Value.Length == 0)
        {
            return Inline(HasValueTemplate, column);
        }
        if (term.Field == SearchField.InternalId)
        {
            return term.IsPrefix
                ? Inline(StartsWithTemplate, column, Parameter(LikePatterns.CodePointLength(term.Value)), Parameter(term.Value))
                : Inline(EqualsTemplate, column, Parameter(term.Value));
        }
        // Postal and country codes: case-insensitive, so "us" finds "US".
        string pattern = term.IsPrefix ? LikePatterns.StartsWith(term.Value) : LikePatterns.Exactly(term.Value);
        var match = Inline(target.Like, column, Parameter(pattern));
        // A postal code that starts with or is the value also contains it, so the text index can narrow it.
        return term.Field == SearchField.AddressPostalCode ? Narrowed(match, target, [PostalCode], term.Value) : match;
    }

    /// <summary>
    /// <paramref name="match"/>, read only on the models the text index offers for <paramref name="text"/> when it can
    /// serve it. The index's candidates are a superset, so the result is the same either way.
    /// </summary>
    private static Expression Narrowed(Expression match, Target target, SearchColumn[] columns, string text)
    {
        if (target.TextIndex?.Candidates(Array.ConvertAll(columns, c => c.Name), text) is not { } candidates)
        {
            return match;
        }
        return Expression.AndAlso(Inline(candidates, target.Model), match);
    }

    private static Expression EnumTerm(EnumTermNode term, ParameterExpression model) => (term.Field, term.Value) switch
    {
        (SearchField.State, ModelState state) =>
            Expression.Equal(Inline((Expression<Func<Model, ModelState>>)(m => m.State), model), Parameter(state)),
        (SearchField.AccessVisibility, ModelAccessVisibility visibility) =>
            Expression.Equal(
                Inline((Expression<Func<Model, ModelAccessVisibility>>)(m => m.AccessVisibility), model), Parameter(visibility)),
        _ => throw new ArgumentException($"{term.Value} is not a value of {term.Field}.", nameof(term)),
    };

    private static Expression DateRange(DateRangeNode range, ParameterExpression model)
    {
        Expression<Func<Model, DateTimeOffset>> selector = range.Field switch
        {
            SearchField.Created => m => m.Created,
            SearchField.Modified => m => m.Modified,
            _ => throw new ArgumentException($"{range.Field} is not a date field.", nameof(range)),
        };
        var column = Inline(selector, model);
        Expression result = Expression.Constant(true);
        if (range.From is { } from)
        {
            var bound = Parameter(from.ToUniversalTime());
            result = range.FromInclusive ? Expression.GreaterThanOrEqual(column, bound) : Expression.GreaterThan(column, bound);
        }
        if (range.To is { } to)
        {
            var bound = Parameter(to.ToUniversalTime());
            Expression upper = range.ToInclusive ? Expression.LessThanOrEqual(column, bound) : Expression.LessThan(column, bound);
            result = range.From is null ? upper : Expression.AndAlso(result, upper);
        }
        return result;
    }

    private static SearchColumn TextColumn(SearchField field) => field switch
    {
        SearchField.Name => Name,
        SearchField.Description => Description,
        SearchField.AddressLocality => Locality,
        _ => throw new ArgumentException($"{field} is not a text field.", nameof(field)),
    };

    private static Expression<Func<Model, string?>> StringColumn(SearchField field) => field switch
    {
        SearchField.Name => Name.Selector,
        SearchField.Description => Description.Selector,
        SearchField.InternalId => m => m.InternalId,
        SearchField.AddressLocality => Locality.Selector,
        SearchField.AddressPostalCode => PostalCode.Selector,
        SearchField.AddressCountryCode => m => m.Address.CountryCode,
        _ => throw new ArgumentException($"{field} is not a text field.", nameof(field)),
    };

    /// <summary>
    /// A value EF Core sends as a SQL parameter: reading a member of a constant object is how a captured variable
    /// looks, whereas a bare <see cref="Expression.Constant(object)"/> would be inlined as a literal.
    /// </summary>
    private static MemberExpression Parameter<T>(T value) =>
        Expression.Property(Expression.Constant(new QueryValue<T>(value)), nameof(QueryValue<T>.Value));

    private static Expression Inline(LambdaExpression template, params Expression[] arguments) =>
        new ParameterReplacer(template.Parameters, arguments).Visit(template.Body);

    private sealed record QueryValue<T>(T Value);

    private sealed class ParameterReplacer(IReadOnlyList<ParameterExpression> parameters, Expression[] replacements)
        : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node)
        {
            for (int i = 0; i < parameters.Count; i++)
            {
                if (parameters[i] == node)
                {
                    return replacements[i];
                }
            }
            return node;
        }
    }
}
