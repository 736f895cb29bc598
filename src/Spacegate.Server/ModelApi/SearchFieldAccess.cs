using Spacegate.Server.Models;
using Spacegate.Server.Models.Search;
using Spacegate.Server.OAuth;

namespace Spacegate.Server.ModelApi;

/// <summary>
/// Search reveals nothing the token may not read (SPEC §2, §5, §6). A search answers with a count, so a filter on a
/// field the token cannot read would leak that field one prefix at a time (<c>internalId:GLX-LDN*</c>,
/// <c>address.postalCode:EC2M*</c>, <c>state:inactive</c>) even though no result shows it. Hence:
/// <list type="bullet">
/// <item>a Private Model Embed token cannot search at all: it reads its own models by id;</item>
/// <item>without ViewDetails, a query that names a private field is refused, naming the field;</item>
/// <item>without ViewDetails, bare words match the public name and description only, never the address;</item>
/// <item>without ViewDetails, inactive models cannot be included (<see cref="ModelAccess"/> leaves them out).</item>
/// </list>
/// </summary>
public static class SearchFieldAccess
{
    /// <summary>
    /// The fields a token without ViewDetails may name: the public details of SPEC §1. Any other field, including one
    /// added to the search later, is private until it is listed here.
    /// </summary>
    public static readonly IReadOnlySet<SearchField> PublicFields = new HashSet<SearchField>
    {
        SearchField.Name,
        SearchField.Description,
        SearchField.AccessVisibility,
        SearchField.Created,
        SearchField.Modified,
    };

    /// <summary>Refuses callers that may not search: embed tokens, and tokens with neither view scope.</summary>
    public static void RequireMaySearch(ApiCaller caller)
    {
        if (caller.IsEmbed)
        {
            throw ApiError.Unauthorized("A Private Model Embed token cannot search models; it reads its own models with model(id:).");
        }
        ModelAccess.RequireViewScope(caller);
    }

    /// <summary>Refuses a query that names a field the caller cannot read.</summary>
    public static void CheckQuery(ApiCaller caller, SearchNode query)
    {
        if (caller.SeesPrivateDetails)
        {
            return;
        }
        if (FirstPrivateField(query) is { } field)
        {
            throw ApiError.Unauthorized(
                $"The query names {SearchFields.QueryName(field)}, a private detail: searching it needs the {OAuthScopes.ViewDetails} scope.");
        }
    }

    /// <summary>Refuses an <c>include</c> of inactive models when the caller cannot read a model's state.</summary>
    public static void CheckInclude(ApiCaller caller, IReadOnlyList<ModelState>? include)
    {
        if (!caller.SeesPrivateDetails && include?.Contains(ModelState.Inactive) == true)
        {
            throw ApiError.Unauthorized(
                $"include: inactive needs the {OAuthScopes.ViewDetails} scope; without it only active models are searched.");
        }
    }

    public static BareWordFields BareWordsFor(ApiCaller caller) =>
        caller.SeesPrivateDetails ? BareWordFields.All : BareWordFields.Public;

    private static SearchField? FirstPrivateField(SearchNode node) => node switch
    {
        MatchAllNode => null,
        AndNode and => FirstPrivateField(and.Left) ?? FirstPrivateField(and.Right),
        OrNode or => FirstPrivateField(or.Left) ?? FirstPrivateField(or.Right),
        NotNode not => FirstPrivateField(not.Operand),
        TextTermNode { Field: null } => null,
        TextTermNode { Field: { } field } => Private(field),
        ExactTermNode exact => Private(exact.Field),
        EnumTermNode enumTerm => Private(enumTerm.Field),
        DateRangeNode range => Private(range.Field),
        // A node kind this check does not know could name anything: refuse rather than guess.
        _ => throw ApiError.Unauthorized($"The query needs the {OAuthScopes.ViewDetails} scope."),
    };

    private static SearchField? Private(SearchField field) => PublicFields.Contains(field) ? null : field;
}
