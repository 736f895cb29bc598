namespace Spacegate.Server.Models.Search;

/// <summary>A parsed search query: a tree of operators over typed, already validated terms.</summary>
/// <remarks>Binary operator nodes keep record equality structural, which the parser tests rely on.</remarks>
public abstract record SearchNode;

/// <summary>Both operands match (<c>a AND b</c>, or <c>a b</c>).</summary>
public sealed record AndNode(SearchNode Left, SearchNode Right) : SearchNode;

/// <summary>Either operand matches (<c>a OR b</c>).</summary>
public sealed record OrNode(SearchNode Left, SearchNode Right) : SearchNode;

/// <summary>The operand does not match (<c>NOT a</c>, or <c>-a</c>).</summary>
public sealed record NotNode(SearchNode Operand) : SearchNode;

/// <summary>Every model (<c>*</c>, or an empty query).</summary>
public sealed record MatchAllNode : SearchNode
{
    public static MatchAllNode Instance { get; } = new();
}

/// <summary>
/// Case-insensitive substring match on a text field, or on every text field (name, description and the
/// address) when <see cref="Field"/> is null (a bare word).
/// </summary>
/// <param name="Text">The unescaped text, without the trailing <c>*</c> of a prefix.</param>
/// <param name="IsPhrase">Written in quotes: the whole phrase, spaces included, is one substring.</param>
/// <param name="IsPrefix">Written with a trailing <c>*</c>; on text fields it matches as a substring too.</param>
public sealed record TextTermNode(SearchField? Field, string Text, bool IsPhrase, bool IsPrefix) : SearchNode;

/// <summary>
/// Whole-value match (or prefix match when <see cref="IsPrefix"/>) on internalId (case-sensitive),
/// address.postalCode or address.countryCode (case-insensitive). An empty prefix (<c>internalId:*</c>) means
/// "has a value".
/// </summary>
public sealed record ExactTermNode(SearchField Field, string Value, bool IsPrefix) : SearchNode;

/// <summary>Equality on state (<see cref="ModelState"/>) or accessVisibility (<see cref="ModelAccessVisibility"/>).</summary>
public sealed record EnumTermNode(SearchField Field, Enum Value) : SearchNode;

/// <summary>
/// Created or modified within a range of UTC instants; a null bound is open. A single date
/// (<c>created:2024-01-01</c>) is the range covering that whole UTC day.
/// </summary>
public sealed record DateRangeNode(
    SearchField Field, DateTimeOffset? From, bool FromInclusive, DateTimeOffset? To, bool ToInclusive) : SearchNode;
