using System.Text.Json;
using Spacegate.Client.Errors;

namespace Spacegate.Client.ModelApi;

/// <summary>
/// The Model API answered with errors. <see cref="Code"/> is the first error's <c>extensions.code</c>; every error is in
/// <see cref="Errors"/>. Fields that did not fail are still readable in <see cref="PartialData"/> (GraphQL answers
/// failed fields with null beside their error).
/// </summary>
public sealed class SpacegateGraphQLException : SpacegateException
{
    /// <summary>Creates the exception.</summary>
    public SpacegateGraphQLException(IReadOnlyList<SpacegateGraphQLError> errors, JsonElement? partialData, int httpStatus)
        : base(errors.Count == 0 ? "The Model API answered with an error." : $"{errors[0].Code}: {errors[0].Message}")
    {
        Errors = errors;
        PartialData = partialData;
        HttpStatus = httpStatus;
    }

    /// <summary>The first error's <c>extensions.code</c>.</summary>
    public string? Code => Errors.Count > 0 ? Errors[0].Code : null;

    /// <summary>Every error.</summary>
    public IReadOnlyList<SpacegateGraphQLError> Errors { get; }

    /// <summary>The response's <c>data</c>, when there was any.</summary>
    public JsonElement? PartialData { get; }

    /// <summary>The HTTP status of the response.</summary>
    public int HttpStatus { get; }

    /// <summary>Reads a root field of <see cref="PartialData"/> as <typeparamref name="T"/>; default when absent or null.</summary>
    public T? ReadPartial<T>(string field) =>
        PartialData is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null
            ? value.Deserialize<T>(ModelApiJson.Options)
            : default;
}
