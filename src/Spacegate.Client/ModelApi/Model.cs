namespace Spacegate.Client.ModelApi;

/// <summary>A model (a 3D space). Fields the query did not select, or the token may not read, are null.</summary>
public sealed record Model
{
    /// <summary>11 characters, e.g. <c>yyHDFKzPzvN</c>.</summary>
    public required string Id { get; init; }
    /// <summary>The name.</summary>
    public string? Name { get; init; }
    /// <summary>The description.</summary>
    public string? Description { get; init; }
    /// <summary>When it was created.</summary>
    public DateTimeOffset? Created { get; init; }
    /// <summary>When it was last changed.</summary>
    public DateTimeOffset? Modified { get; init; }
    /// <summary><c>private</c>, <c>unlisted</c>, <c>public</c> or <c>password</c>.</summary>
    public string? AccessVisibility { get; init; }
    /// <summary>The account's own id for it (private detail).</summary>
    public string? InternalId { get; init; }
    /// <summary><c>active</c> or <c>inactive</c> (private detail).</summary>
    public string? State { get; init; }
    /// <summary>The address (private detail).</summary>
    public ModelAddress? Address { get; init; }
    /// <summary>The purchasable add-ons (private detail).</summary>
    public IReadOnlyList<ModelBundle>? Bundles { get; init; }
}
