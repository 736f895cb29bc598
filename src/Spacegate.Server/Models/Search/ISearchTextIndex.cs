using System.Linq.Expressions;

namespace Spacegate.Server.Models.Search;

/// <summary>
/// A full-text index the search can ask for the models that may contain a text, so that a substring search reads
/// those models instead of every model of the account. Its answer is a superset: the translator still checks each
/// candidate with the exact <c>LIKE</c>, so results do not depend on whether an index is used.
/// </summary>
public interface ISearchTextIndex
{
    /// <summary>
    /// A predicate that is true for at least every model where one of <paramref name="columns"/> contains
    /// <paramref name="text"/> ignoring case (and may be true for others), or null when the index cannot serve this
    /// text (too short for it): the search then reads every model of the account.
    /// </summary>
    /// <param name="columns">Column names of the <c>Models</c> table, e.g. <c>Name</c> or <c>Address_Locality</c>.</param>
    /// <param name="text">The searched text, unescaped.</param>
    Expression<Func<Model, bool>>? Candidates(IReadOnlyList<string> columns, string text);
}
