using System.Globalization;
using System.Runtime.CompilerServices;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;

namespace Spacegate.Server.ModelApi;

/// <summary>
/// What an introspection-only operation (every root field <c>__schema</c>, <c>__type</c> or <c>__typename</c>) may ask
/// for. Such an operation reads the schema, never the database, so the cost and depth limits of
/// <see cref="QueryCostLimits"/>, which count models and bundles, do not apply to it: the standard introspection query
/// of GraphiQL and other tools nests <c>ofType</c> nine levels deep and would fail them. Instead, the schema's type graph
/// must not be walked in circles: on any path, each of <c>__Type</c>'s lists <c>fields</c>, <c>inputFields</c>,
/// <c>interfaces</c> and <c>possibleTypes</c> appears at most once, the operation has at most one <c>__schema</c> and
/// one <c>__type</c>, and it is at most <see cref="MaxDepth"/> levels deep. The field and alias counts of
/// <see cref="QueryShapeValidator"/> still apply.
/// </summary>
public static class IntrospectionLimits
{
    public const int MaxDepth = 20;

    /// <summary>Selections visited with fragments expanded: a fragment spread many times multiplies the walk.</summary>
    public const int MaxVisits = 10_000;

    private static readonly string[] TypeLists = ["fields", "inputFields", "interfaces", "possibleTypes"];

    /// <summary>True when every field at the operation's root (through its fragments) is an introspection field.</summary>
    public static bool IsIntrospectionOnly(GraphQLDocument document, GraphQLOperationDefinition operation) =>
        operation.Operation == OperationType.Query &&
        RootFieldNames(document, operation.SelectionSet, []).All(name => name is "__schema" or "__type" or "__typename");

    /// <summary>Why an introspection-only operation is refused, or null when it is a good-faith one.</summary>
    public static string? Check(GraphQLDocument document, GraphQLOperationDefinition operation)
    {
        var roots = RootFieldNames(document, operation.SelectionSet, []).ToList();
        if (roots.Count(n => n == "__schema") > 1 || roots.Count(n => n == "__type") > 1)
        {
            return "An introspection query may ask for __schema and __type once each.";
        }
        return Walk(document, operation.SelectionSet, depth: 1, lists: [], fragments: [], visits: new StrongBox<int>());
    }

    private static IEnumerable<string> RootFieldNames(GraphQLDocument document, GraphQLSelectionSet set, HashSet<string> seen)
    {
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case GraphQLField field:
                    yield return field.Name.StringValue;
                    break;
                case GraphQLInlineFragment inline:
                    foreach (var name in RootFieldNames(document, inline.SelectionSet, seen))
                    {
                        yield return name;
                    }
                    break;
                case GraphQLFragmentSpread spread when seen.Add(spread.FragmentName.Name.StringValue) &&
                    document.FindFragmentDefinition(spread.FragmentName.Name.Value) is { } fragment:
                    foreach (var name in RootFieldNames(document, fragment.SelectionSet, seen))
                    {
                        yield return name;
                    }
                    break;
            }
        }
    }

    /// <summary>
    /// Depth first through fields and fragments. <paramref name="lists"/> holds the type lists on the current path,
    /// <paramref name="fragments"/> the fragments being expanded (a cycle is left to the NoFragmentCycles rule).
    /// </summary>
    private static string? Walk(GraphQLDocument document, GraphQLSelectionSet set, int depth, List<string> lists, HashSet<string> fragments, StrongBox<int> visits)
    {
        foreach (var selection in set.Selections)
        {
            if (++visits.Value > MaxVisits)
            {
                return string.Create(CultureInfo.InvariantCulture, $"The introspection query expands to more than {MaxVisits:N0} selections.");
            }
            var problem = selection switch
            {
                GraphQLField { SelectionSet: { } children } field => WalkField(document, field.Name.StringValue, children, depth, lists, fragments, visits),
                GraphQLInlineFragment inline => Walk(document, inline.SelectionSet, depth, lists, fragments, visits),
                GraphQLFragmentSpread spread => WalkSpread(document, spread.FragmentName.Name.StringValue, depth, lists, fragments, visits),
                _ => null,
            };
            if (problem is not null)
            {
                return problem;
            }
        }
        return null;
    }

    private static string? WalkField(GraphQLDocument document, string name, GraphQLSelectionSet children, int depth, List<string> lists,
        HashSet<string> fragments, StrongBox<int> visits)
    {
        if (depth >= MaxDepth)
        {
            return $"The introspection query is nested deeper than {MaxDepth} levels.";
        }
        if (!TypeLists.Contains(name))
        {
            return Walk(document, children, depth + 1, lists, fragments, visits);
        }
        if (lists.Contains(name))
        {
            return $"An introspection query may not select \"{name}\" inside \"{name}\": that walks the schema in circles.";
        }
        lists.Add(name);
        var problem = Walk(document, children, depth + 1, lists, fragments, visits);
        lists.RemoveAt(lists.Count - 1);
        return problem;
    }

    private static string? WalkSpread(GraphQLDocument document, string name, int depth, List<string> lists, HashSet<string> fragments, StrongBox<int> visits)
    {
        if (!fragments.Add(name) || document.FindFragmentDefinition(name) is not { } fragment)
        {
            return null;
        }
        var problem = Walk(document, fragment.SelectionSet, depth, lists, fragments, visits);
        fragments.Remove(name);
        return problem;
    }
}
