using System.Text.Json;

namespace Spacegate.Client.ModelApi;

/// <summary>One entry of a GraphQL response's <c>errors</c>.</summary>
/// <param name="Message">The message.</param>
/// <param name="Code"><c>extensions.code</c>: <c>request.unauthenticated</c>, <c>request.unauthorized</c>, <c>request.invalid</c>, <c>not.found</c>, <c>not.unique</c> or <c>error.internal</c>.</param>
/// <param name="HttpStatus"><c>extensions.httpStatus</c>.</param>
/// <param name="Path">The path of the field that failed (names and list indexes), when the error belongs to a field.</param>
/// <param name="Extensions">Every extension (e.g. <c>position</c> for search syntax errors).</param>
public sealed record SpacegateGraphQLError(string Message, string? Code, int? HttpStatus, IReadOnlyList<object> Path, JsonElement? Extensions);
