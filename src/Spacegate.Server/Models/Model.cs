using Spacegate.Server.Domain;

namespace Spacegate.Server.Models;

/// <summary>A 3D space owned by one account.</summary>
public sealed class Model
{
    /// <summary>11 characters [A-Za-z0-9], e.g. yyHDFKzPzvN.</summary>
    public string Id { get; set; } = ModelIds.NewModelId();
    public string AccountId { get; set; } = "";
    public Account? Account { get; set; }

    public string Name { get; set; } = "";
    public string Description { get; set; } = "";

    /// <summary>The owner's own reference; unique per account when set.</summary>
    public string? InternalId { get; set; }

    public DateTimeOffset Created { get; set; }
    public DateTimeOffset Modified { get; set; }
    public ModelState State { get; set; } = ModelState.Active;
    public ModelAccessVisibility AccessVisibility { get; set; } = ModelAccessVisibility.Private;

    /// <summary>Hash of the viewing password when <see cref="AccessVisibility"/> is Password.</summary>
    public string? PasswordHash { get; set; }

    public ModelAddress Address { get; set; } = new();

    /// <summary>The floor plan the scene is generated from (JSON, see <see cref="FloorPlan"/>).</summary>
    public string FloorPlanJson { get; set; } = "";

    public List<ModelFile> Files { get; set; } = [];
    public List<ModelBundle> Bundles { get; set; } = [];
}

/// <summary>Postal address; street lines are stored joined by newlines.</summary>
public sealed class ModelAddress
{
    public string StreetAddressLines { get; set; } = "";
    public string? Locality { get; set; }
    public string? AdministrativeArea { get; set; }
    public string? PostalCode { get; set; }
    public string? CountryCode { get; set; }

    public IReadOnlyList<string> Lines =>
        StreetAddressLines.Length == 0 ? [] : StreetAddressLines.Split('\n');
}

public enum ModelState
{
    Active = 0,
    Inactive = 1,
}

public enum ModelAccessVisibility
{
    Private = 0,
    Unlisted = 1,
    Public = 2,
    Password = 3,
}
