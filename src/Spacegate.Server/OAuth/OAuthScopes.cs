namespace Spacegate.Server.OAuth;

public sealed record ScopeDescription(string Name, string Title, string PlainWords, string? Warning = null);

/// <summary>The catalogue of scopes (SPEC §2) with the plain words shown on the consent page.</summary>
public static class OAuthScopes
{
    public const string ViewPublic = "ViewPublic";
    public const string ViewDetails = "ViewDetails";
    public const string EditDetails = "EditDetails";
    public const string DownloadAssets = "DownloadAssets";
    public const string PurchaseAssets = "PurchaseAssets";

    public static IReadOnlyList<ScopeDescription> All { get; } =
    [
        new(ViewPublic, "View public spaces", "Search this account's public and unlisted spaces and read their public details."),
        new(ViewDetails, "View space details", "Search all of this account's spaces, including private ones, and read their public and private details."),
        new(EditDetails, "Edit space details", "Change the name, description, visibility and state of this account's spaces."),
        new(DownloadAssets, "Download assets", "Download purchased add-ons, 3D scenes and colormap imagery of this account's spaces."),
        new(PurchaseAssets, "Purchase assets", "Buy add-ons for this account's spaces.",
            "Purchases made by this app are charged to the account."),
    ];

    public static IReadOnlySet<string> Names { get; } = All.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

    public static ScopeDescription? Find(string name) => All.FirstOrDefault(s => s.Name == name);
}
