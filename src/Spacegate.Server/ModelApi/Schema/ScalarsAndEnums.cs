using System.Globalization;
using GraphQL.Types;
using GraphQLParser.AST;
using Spacegate.Server.Models;

namespace Spacegate.Server.ModelApi.Schema;

/// <summary>An instant in UTC, written as ISO-8601 with second precision: 2022-06-03T00:33:13Z.</summary>
public sealed class DateTimeType : ScalarGraphType
{
    public DateTimeType()
    {
        Name = "DateTime";
        Description = "An instant in UTC, ISO-8601, e.g. 2022-06-03T00:33:13Z.";
    }

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        DateTimeOffset instant => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        _ => ThrowSerializationError(value),
    };

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        string text when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed) => parsed,
        _ => ThrowValueConversionError(value),
    };

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLStringValue text => ParseValue((string)text.Value),
        _ => ThrowLiteralConversionError(value),
    };
}

public sealed class ModelStateType : EnumerationGraphType
{
    public ModelStateType()
    {
        Name = "ModelState";
        Add("active", ModelState.Active, "The model is active and can be viewed.");
        Add("inactive", ModelState.Inactive, "The model is archived.");
    }
}

/// <summary>The states a mutation may move a model to.</summary>
public sealed class ModelStateChangeType : EnumerationGraphType
{
    public ModelStateChangeType()
    {
        Name = "ModelStateChange";
        Add("active", ModelState.Active, "Activate (needs allowActivate: true when the model is inactive).");
        Add("inactive", ModelState.Inactive, "Archive the model.");
    }
}

public sealed class ModelAccessVisibilityType : EnumerationGraphType
{
    public ModelAccessVisibilityType()
    {
        Name = "ModelAccessVisibility";
        Add("private", ModelAccessVisibility.Private, "Only the account's members and apps it authorized.");
        Add("unlisted", ModelAccessVisibility.Unlisted, "Anyone with the link.");
        Add("public", ModelAccessVisibility.Public, "Listed publicly.");
        Add("password", ModelAccessVisibility.Password, "Anyone with the link and the password.");
    }
}

/// <summary>Which model states a search includes; without it, every state is searched.</summary>
public sealed class SearchInclusionType : EnumerationGraphType
{
    public SearchInclusionType()
    {
        Name = "SearchInclusion";
        Add("active", ModelState.Active, "Include active models.");
        Add("inactive", ModelState.Inactive, "Include inactive (archived) models.");
    }
}

public sealed class BundleAvailabilityType : EnumerationGraphType
{
    public BundleAvailabilityType()
    {
        Name = "BundleAvailability";
        Add("locked", BundleAvailability.Locked, "Can be purchased with unlockModelBundle.");
        Add("unlocked", BundleAvailability.Unlocked, "Purchased: its assets can be downloaded.");
        Add("unavailable", BundleAvailability.Unavailable, "Cannot be purchased for this model.");
    }
}

public enum ModelSortField
{
    Created,
    Modified,
    Name,
}

public sealed class ModelSortFieldType : EnumerationGraphType
{
    public ModelSortFieldType()
    {
        Name = "ModelSortField";
        Add("created", ModelSortField.Created);
        Add("modified", ModelSortField.Modified);
        Add("name", ModelSortField.Name);
    }
}

public sealed class SortDirectionType : EnumerationGraphType
{
    public SortDirectionType()
    {
        Name = "SortDirection";
        Add("asc", false, "Ascending.");
        Add("desc", true, "Descending.");
    }
}

public sealed record ModelSort(ModelSortField Field, bool Descending);

public sealed class ModelSortInputType : InputObjectGraphType<ModelSort>
{
    public ModelSortInputType()
    {
        Name = "ModelSort";
        Field<NonNullGraphType<ModelSortFieldType>>("field");
        Field<SortDirectionType>("direction").DefaultValue(false).Description("asc (default) or desc.");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) =>
        new ModelSort((ModelSortField)value["field"]!, value.TryGetValue("direction", out var d) && d is true);
}
