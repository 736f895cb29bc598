namespace Spacegate.Client.ModelApi;

/// <summary>A purchasable add-on of a model, e.g. <c>mp:matterpak</c>.</summary>
public sealed record ModelBundle
{
    /// <summary>The bundle id.</summary>
    public required string Id { get; init; }
    /// <summary>Display name.</summary>
    public string? Name { get; init; }
    /// <summary>What it contains.</summary>
    public string? Description { get; init; }
    /// <summary><c>locked</c> (can be bought), <c>unlocked</c> (bought) or <c>unavailable</c>.</summary>
    public string? Availability { get; init; }
    /// <summary>The price charged to the account by <see cref="SpacegateModelApi.UnlockBundleAsync"/>.</summary>
    public ModelPrice? Price { get; init; }
}
