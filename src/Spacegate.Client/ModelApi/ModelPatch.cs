namespace Spacegate.Client.ModelApi;

/// <summary>Changes for <see cref="SpacegateModelApi.PatchModelAsync"/>; null fields stay as they are.</summary>
public sealed record ModelPatch
{
    /// <summary>New name.</summary>
    public string? Name { get; init; }
    /// <summary>New description.</summary>
    public string? Description { get; init; }
    /// <summary>New internal id.</summary>
    public string? InternalId { get; init; }
}
