using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;

namespace Spacegate.Server.ModelApi;

/// <summary>
/// Counts a document's fields, aliases and root fields before any validation rule runs, and refuses it over the
/// limits of <see cref="QueryCostLimits"/>. The standard rules are not free on hostile input (overlapping-field
/// checks compare fields pairwise), so a document of thousands of aliases is refused here without being analysed.
/// An introspection-only operation is held to <see cref="IntrospectionLimits"/> instead of the cost and depth rules.
/// </summary>
public sealed class QueryShapeValidator(IDocumentValidator inner) : IDocumentValidator
{
    public Task<IValidationResult> ValidateAsync(in ValidationOptions options)
    {
        var (fields, aliases) = Count(options.Document);
        string? problem = null;
        if (aliases > QueryCostLimits.MaxAliases)
        {
            problem = $"The query uses {aliases} aliases, over the limit of {QueryCostLimits.MaxAliases}.";
        }
        else if (fields > QueryCostLimits.MaxFields)
        {
            problem = $"The query selects {fields} fields, over the limit of {QueryCostLimits.MaxFields}.";
        }
        else if (options.Operation is { } operation && RootFields(options.Document, operation.SelectionSet, []) is var roots &&
                 roots > QueryCostLimits.MaxRootFields)
        {
            problem = $"The operation has {roots} root fields, over the limit of {QueryCostLimits.MaxRootFields}.";
        }
        if (problem is null && options.Operation is { } read && IntrospectionLimits.IsIntrospectionOnly(options.Document, read))
        {
            // Reads the schema only: its own limits instead of the cost and depth of model queries.
            problem = IntrospectionLimits.Check(options.Document, read);
            if (problem is null)
            {
                return inner.ValidateAsync(options with { Rules = DocumentValidator.CoreRules });
            }
        }
        return problem is null
            ? inner.ValidateAsync(options)
            : Task.FromResult<IValidationResult>(new ValidationResult(new ValidationError(problem)));
    }

    private static (int Fields, int Aliases) Count(GraphQLDocument document)
    {
        int fields = 0, aliases = 0;
        var pending = new Stack<GraphQLSelectionSet>();
        foreach (var definition in document.Definitions)
        {
            if (definition is GraphQLExecutableDefinition { SelectionSet: { } set })
            {
                pending.Push(set);
            }
        }
        while (pending.TryPop(out var set))
        {
            foreach (var selection in set.Selections)
            {
                switch (selection)
                {
                    case GraphQLField field:
                        fields++;
                        aliases += field.Alias is null ? 0 : 1;
                        if (field.SelectionSet is { } children)
                        {
                            pending.Push(children);
                        }
                        break;
                    case GraphQLInlineFragment inline:
                        pending.Push(inline.SelectionSet);
                        break;
                }
            }
        }
        return (fields, aliases);
    }

    /// <summary>Fields at the operation's root, looking through fragments there (each fragment once).</summary>
    private static int RootFields(GraphQLDocument document, GraphQLSelectionSet set, HashSet<string> seen)
    {
        var count = 0;
        foreach (var selection in set.Selections)
        {
            count += selection switch
            {
                GraphQLField => 1,
                GraphQLInlineFragment inline => RootFields(document, inline.SelectionSet, seen),
                GraphQLFragmentSpread spread when seen.Add(spread.FragmentName.Name.StringValue) &&
                    document.FindFragmentDefinition(spread.FragmentName.Name.Value) is { } fragment =>
                    RootFields(document, fragment.SelectionSet, seen),
                _ => 0,
            };
        }
        return count;
    }
}
