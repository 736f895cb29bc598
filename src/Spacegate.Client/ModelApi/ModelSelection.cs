namespace Spacegate.Client.ModelApi;

/// <summary>Ready-made GraphQL selections of <see cref="Model"/> fields.</summary>
public static class ModelSelection
{
    /// <summary>Public details (any token that may see the model, ViewPublic and up).</summary>
    public const string Public = "id name description created modified accessVisibility";

    /// <summary>Public and private details, bundles with prices (needs ViewDetails).</summary>
    public const string Details = Public + " internalId state address { streetAddressLines locality administrativeArea postalCode countryCode }"
        + " bundles { id name description availability price { amount currencyCode } }";
}
