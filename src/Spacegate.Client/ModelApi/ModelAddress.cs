namespace Spacegate.Client.ModelApi;

/// <summary>A model's address.</summary>
public sealed record ModelAddress
{
    /// <summary>Street lines.</summary>
    public IReadOnlyList<string> StreetAddressLines { get; init; } = [];
    /// <summary>City or town.</summary>
    public string? Locality { get; init; }
    /// <summary>State, region.</summary>
    public string? AdministrativeArea { get; init; }
    /// <summary>Postal code.</summary>
    public string? PostalCode { get; init; }
    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string? CountryCode { get; init; }
}
