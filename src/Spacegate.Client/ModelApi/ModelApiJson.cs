using System.Text.Json;
using System.Text.Json.Serialization;

namespace Spacegate.Client.ModelApi;

/// <summary>The JSON settings of the Model API: camelCase, nulls left out of variables.</summary>
internal static class ModelApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
